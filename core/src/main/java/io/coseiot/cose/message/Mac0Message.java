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
import java.util.Objects;

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
   * Computes the MAC of content under the key's algorithm. The headers sent are {@code alg}
   * (protected) and the key's {@code kid} (unprotected) if it has one.
   *
   * @param key the symmetric key, naming its MAC algorithm
   * @param payload the content
   * @param externalAad external additional data, or null for none
   * @return the message
   * @throws CoseException if the key names no MAC algorithm or does not fit it
   */
  public static Mac0Message create(CoseKey key, byte[] payload, byte[] externalAad)
      throws CoseException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(payload, "payload");
    return tagAs(key, payload, externalAad, Senders.headers(key, null, Algorithm.Kind.MAC, NAME));
  }

  /**
   * Computes the MAC of content with more headers, such as a content type. The key's {@code alg}
   * and {@code kid} are added unless the headers carry them.
   *
   * @param key the symmetric key, naming its MAC algorithm
   * @param payload the content
   * @param externalAad external additional data, or null for none
   * @param headers headers to add; {@code alg}, if present, protected and the key's
   * @return the message
   * @throws CoseException if the headers carry an {@code alg} that is unprotected or not the key's,
   *     or the key does not fit
   */
  public static Mac0Message create(CoseKey key, byte[] payload, byte[] externalAad, Headers headers)
      throws CoseException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(headers, "headers");
    return tagAs(
        key, payload, externalAad, Senders.headers(key, headers, Algorithm.Kind.MAC, NAME));
  }

  /**
   * Computes the MAC of content with exactly the given headers, nothing added: for reproducing
   * published test vectors, whose headers are fixed.
   *
   * @param key the symmetric key
   * @param payload the content
   * @param externalAad external additional data, or null for none
   * @param headers the headers with {@code alg}, sent as given
   * @return the message
   * @throws CoseException if the headers, algorithm or key do not fit
   */
  public static Mac0Message createForTestVectors(
      CoseKey key, byte[] payload, byte[] externalAad, Headers headers) throws CoseException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(headers, "headers");
    return tagAs(key, payload, externalAad, headers);
  }

  private static Mac0Message tagAs(CoseKey key, byte[] payload, byte[] externalAad, Headers headers)
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
   * Decodes a message under {@link DecodeOptions#strict()}.
   *
   * @param data the encoded message
   * @return the message
   * @throws CoseException if the bytes are not a valid COSE_Mac0
   */
  public static Mac0Message decode(byte[] data) throws CoseException {
    return decode(data, DecodeOptions.strict());
  }

  /**
   * Decodes a message.
   *
   * @param data the encoded message
   * @param options the tag policy, extra {@code crit} labels and whether {@code alg} may be
   *     unprotected
   * @return the message
   * @throws CoseException if the bytes are not a valid COSE_Mac0 under the options
   */
  public static Mac0Message decode(byte[] data, DecodeOptions options) throws CoseException {
    return Decoding.decode(data, options, MessageType.MAC0, Mac0Message::readBody);
  }

  private static Mac0Message readBody(CborReader r, Headers headers, DecodeOptions options)
      throws CoseException {
    byte[] payload = Decoding.bstrOrNil(r, NAME + " payload", true);
    byte[] tag = Decoding.bstrOrNil(r, NAME + " tag", false);
    return new Mac0Message(headers, payload, tag);
  }

  /**
   * Verifies the MAC over the attached payload and returns that payload: the only way to read it,
   * so that no unverified content reaches the application.
   *
   * @param key the symmetric key
   * @param externalAad external additional data, or null for none
   * @return a copy of the verified payload
   * @throws CoseException if the payload is detached or the MAC does not verify
   */
  public byte[] verify(CoseKey key, byte[] externalAad) throws CoseException {
    Objects.requireNonNull(key, "key");
    if (payload == null) {
      throw new StructureException(NAME + ": payload is detached; pass it to verifyDetached");
    }
    check(key, payload, externalAad);
    return payload.clone();
  }

  /**
   * Verifies the MAC over a payload carried apart from the message.
   *
   * @param key the symmetric key
   * @param detachedPayload the payload
   * @param externalAad external additional data, or null for none
   * @throws CoseException if the MAC does not verify
   */
  public void verifyDetached(CoseKey key, byte[] detachedPayload, byte[] externalAad)
      throws CoseException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(detachedPayload, "detachedPayload");
    check(key, detachedPayload, externalAad);
  }

  private void check(CoseKey key, byte[] content, byte[] externalAad) throws CoseException {
    Algorithm alg = macAlgorithm(headers(), NAME);
    byte[] head =
        Structures.macHead(
            Structures.MAC0, headers().authenticatedProtected(), externalAad, content.length);
    MacFunction.of(alg).verify(KeyUse.secret(key, alg, NAME), head, content, tag);
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
