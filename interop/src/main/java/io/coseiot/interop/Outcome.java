package io.coseiot.interop;

import java.util.HexFormat;

/**
 * What one vector gave against one peer in one direction.
 *
 * @param suite the vector suite
 * @param vector the vector's path within the suite
 * @param peer the peer's name
 * @param direction {@link Replay#PEER_OPENS} or {@link Replay#JVM_OPENS}
 * @param verdict the verdict
 * @param negative whether the vector must be rejected
 * @param peerAnswer what the peer said: {@code accepted}, {@code rejected}, {@code unsupported} or
 *     {@code error}; empty if it was not asked
 * @param quirk the id of the known quirk that explains a deviation, else empty
 * @param identical for JVM_OPENS, whether the peer produced exactly our bytes
 * @param detail why, in a few words
 * @param peerMessage for JVM_OPENS, the message the peer made, as hex (for reports); else empty
 */
public record Outcome(
    String suite,
    String vector,
    String peer,
    String direction,
    Verdict verdict,
    boolean negative,
    String peerAnswer,
    String quirk,
    boolean identical,
    String detail,
    String peerMessage) {

  /**
   * An outcome without the peer's message.
   *
   * @param suite the vector suite
   * @param vector the vector's path within the suite
   * @param peer the peer's name
   * @param direction {@link Replay#PEER_OPENS} or {@link Replay#JVM_OPENS}
   * @param verdict the verdict
   * @param negative whether the vector must be rejected
   * @param peerAnswer what the peer said
   * @param quirk the id of the known quirk that explains a deviation, else empty
   * @param identical for JVM_OPENS, whether the peer produced exactly our bytes
   * @param detail why, in a few words
   */
  public Outcome(
      String suite,
      String vector,
      String peer,
      String direction,
      Verdict verdict,
      boolean negative,
      String peerAnswer,
      String quirk,
      boolean identical,
      String detail) {
    this(
        suite,
        vector,
        peer,
        direction,
        verdict,
        negative,
        peerAnswer,
        quirk,
        identical,
        detail,
        "");
  }

  /**
   * Returns this outcome with the message the peer made.
   *
   * @param message the peer's message
   * @return the outcome
   */
  public Outcome withPeerMessage(byte[] message) {
    return new Outcome(
        suite,
        vector,
        peer,
        direction,
        verdict,
        negative,
        peerAnswer,
        quirk,
        identical,
        detail,
        message == null ? "" : HexFormat.of().formatHex(message));
  }

  /** How a result counts. */
  public enum Verdict {
    /** As expected. */
    PASS,
    /** Not as expected and not a known quirk. */
    FAIL,
    /** Not as expected, explained by a listed quirk: neither a pass nor a failure. */
    DEVIATION,
    /** The peer cannot be asked this (structure or option outside the protocol). */
    NOT_APPLICABLE
  }
}
