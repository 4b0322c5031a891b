package io.coseiot.cose.message;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.algorithm.MacFunction;
import io.coseiot.cose.cbor.CborReader;
import io.coseiot.cose.cbor.CborWriter;
import io.coseiot.cose.exception.AlgorithmException;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.StructureException;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.key.CoseKey;
import java.util.Set;

/**
 * An immutable COSE_Mac0 message (RFC 9052 §6.2): content with a MAC under a key the recipient
 * already has.
 *
 * <pre>
 * COSE_Mac0_Tagged = #6.17(COSE_Mac0)
 * COSE_Mac0 = [
 *    Headers,
 *    payload : bstr / nil,
 *    tag : bstr,
 * ]
 * </pre>
 */
public final class Mac0Message extends CoseMessage<Mac0Message> {
  private static final String NAME = "COSE_Mac0";

  private final byte[] payload;
  private final byte[] tag;

  private Mac0Message(Headers headers, byte[] payload, byte[] tag) {
    super(headers);
    this.payload = payload;
    this.tag = tag;
  }

  /**
   * Computes the MAC of content.
   *
   * @param headers the headers, normally with {@code alg} protected; see {@link Headers#of}
   * @param payload the content
   * @param key the symmetric key
   * @param externalAad external additional data, or null
   * @return the message
   * @throws CoseException if the headers, algorithm or key do not fit
   */
  public static Mac0Message create(Headers headers, byte[] payload, CoseKey key, byte[] externalAad)
      throws CoseException {
    Algorithm alg = macAlgorithm(headers, NAME);
    // The MAC covers our copy, so what is sent is what was authenticated.
    byte[] content = payload.clone();
    byte[] head =
        Structures.macHead(
            Structures.MAC0, headers.authenticatedProtected(), externalAad, content.length);
    byte[] tag = MacFunction.of(alg).compute(KeyUse.secret(key, alg, NAME), head, content);
    return new Mac0Message(headers, content, tag);
  }

  static Algorithm macAlgorithm(Headers headers, String where) throws AlgorithmException {
    Algorithm alg = headers.algorithm(where);
    if (alg.kind() != Algorithm.Kind.MAC) {
      throw new AlgorithmException(where + ": " + alg.ianaName() + " is not a MAC algorithm");
    }
    return alg;
  }

  /**
   * Decodes a message, accepting the tag or its absence.
   *
   * @param data the encoded message
   * @return the message
   * @throws CoseException if the bytes are not a valid COSE_Mac0
   */
  public static Mac0Message decode(byte[] data) throws CoseException {
    return decode(data, TagPolicy.OPTIONAL);
  }

  /**
   * Decodes a message under a tag policy.
   *
   * @param data the encoded message
   * @param policy whether the tag must, may or must not be present
   * @return the message
   * @throws CoseException if the bytes are not a valid COSE_Mac0
   */
  public static Mac0Message decode(byte[] data, TagPolicy policy) throws CoseException {
    return decode(data, policy, Set.of());
  }

  /**
   * Decodes a message under a tag policy, accepting in {@code crit} the application's own labels.
   *
   * @param data the encoded message
   * @param policy whether the tag must, may or must not be present
   * @param understoodLabels labels beyond the generic ones that the application processes, each a
   *     {@code Long} or {@code String}; {@code crit} naming any other label is refused
   * @return the message
   * @throws CoseException if the bytes are not a valid COSE_Mac0
   */
  public static Mac0Message decode(byte[] data, TagPolicy policy, Set<?> understoodLabels)
      throws CoseException {
    CborReader r = Decoding.open(data, MessageType.MAC0, policy, 4);
    Headers headers = Headers.read(r, NAME, understoodLabels);
    byte[] payload = Decoding.bstrOrNil(r, NAME + " payload", true);
    byte[] tag = Decoding.bstrOrNil(r, NAME + " tag", false);
    r.requireEnd(NAME);
    return new Mac0Message(headers, payload, tag);
  }

  /**
   * Verifies the MAC over the attached payload.
   *
   * @param key the symmetric key
   * @param externalAad external additional data, or null
   * @throws CoseException if the MAC does not verify
   */
  public void verify(CoseKey key, byte[] externalAad) throws CoseException {
    if (payload == null) {
      throw new StructureException(NAME + ": payload is detached; pass it to verifyDetached");
    }
    verifyDetached(key, externalAad, payload);
  }

  /**
   * Verifies the MAC over a payload carried apart from the message.
   *
   * @param key the symmetric key
   * @param externalAad external additional data, or null
   * @param detachedPayload the payload
   * @throws CoseException if the MAC does not verify
   */
  public void verifyDetached(CoseKey key, byte[] externalAad, byte[] detachedPayload)
      throws CoseException {
    Algorithm alg = macAlgorithm(headers(), NAME);
    byte[] head =
        Structures.macHead(
            Structures.MAC0,
            headers().authenticatedProtected(),
            externalAad,
            detachedPayload.length);
    MacFunction.of(alg).verify(KeyUse.secret(key, alg, NAME), head, detachedPayload, tag);
  }

  /**
   * Returns the payload.
   *
   * @return a copy, or null if detached
   */
  public byte[] payload() {
    return payload == null ? null : payload.clone();
  }

  /**
   * Returns the MAC tag.
   *
   * @return a copy
   */
  public byte[] tag() {
    return tag.clone();
  }

  /**
   * Returns a copy whose payload is detached (sent as nil).
   *
   * @return the detached message
   */
  public Mac0Message detach() {
    return new Mac0Message(headers(), null, tag);
  }

  @Override
  public MessageType type() {
    return MessageType.MAC0;
  }

  @Override
  int contentElements() {
    return 2;
  }

  @Override
  int contentSize() {
    return Structures.bstrOrNilSize(payload) + Structures.bstrOrNilSize(tag);
  }

  @Override
  void writeContent(CborWriter w) {
    writeBstrOrNil(w, payload);
    w.writeBytes(tag);
  }

  @Override
  byte[] countersignPayload() {
    return payload;
  }

  @Override
  byte[][] countersignOtherFields() {
    return new byte[][] {tag};
  }

  @Override
  Mac0Message withHeaders(Headers headers) {
    return new Mac0Message(headers, payload, tag);
  }
}
