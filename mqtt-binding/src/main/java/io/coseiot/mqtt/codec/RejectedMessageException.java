package io.coseiot.mqtt.codec;

import io.coseiot.cose.exception.CoseException;

/** A received message that must not reach the application, with the typed reason why. */
public final class RejectedMessageException extends CoseException {
  private static final long serialVersionUID = 1L;

  /** Why a message was rejected. */
  public enum Reason {
    /** Not a COSE message of the expected type (truncated, malformed, wrong tag). */
    MALFORMED,
    /** Larger than the configured maximum payload size. */
    OVERSIZED,
    /** A plaintext (or otherwise non-COSE) payload on a sealed topic. */
    NOT_SEALED,
    /** No key with the message's kid covers the topic. */
    UNKNOWN_KEY,
    /** The kid user property disagrees with the COSE kid header. */
    KEY_ID_MISMATCH,
    /** The key's epoch is no longer (or not yet) accepted. */
    EPOCH_NOT_ACCEPTED,
    /** Decryption or signature/MAC verification failed (wrong key or tampering). */
    AUTHENTICATION_FAILED,
    /** The message was sealed for another topic. */
    WRONG_TOPIC,
    /** The sequence number was already seen or is outside the replay window. */
    REPLAY,
    /**
     * The replay state could not be checked or updated (its store failed or is unreachable), so the
     * message is refused rather than accepted unchecked.
     */
    REPLAY_STATE_UNAVAILABLE,
    /** The algorithm is not allowed by the keyring's profile. */
    ALGORITHM_NOT_ALLOWED
  }

  private final Reason reason;
  private final String detail;
  private final byte[] keyId;

  /**
   * Creates the exception.
   *
   * @param reason why the message was rejected
   * @param message what was wrong and where
   * @param cause the underlying failure, or null
   */
  public RejectedMessageException(Reason reason, String message, Throwable cause) {
    this(reason, message, cause, null);
  }

  private RejectedMessageException(Reason reason, String detail, Throwable cause, byte[] keyId) {
    super(reason + ": " + detail, cause);
    this.reason = reason;
    this.detail = detail;
    this.keyId = keyId;
  }

  /**
   * The same rejection, naming the kid the message claimed: the opener learns the kid only after
   * the first checks, and an operator needs it to tell which key or publisher is at fault.
   */
  RejectedMessageException withKeyId(byte[] kid) {
    RejectedMessageException e = new RejectedMessageException(reason, detail, getCause(), kid);
    e.setStackTrace(getStackTrace());
    return e;
  }

  /**
   * Returns why the message was rejected.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * Returns the kid the rejected message named in its COSE header. It is what the message claimed,
   * not a key that verified it.
   *
   * @return a copy of the kid, or null if the message was rejected before its kid was read (or has
   *     one per recipient, as COSE_Encrypt does)
   */
  public byte[] keyId() {
    return keyId == null ? null : keyId.clone();
  }
}
