package io.coseiot.cose.message;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.algorithm.SignatureScheme;
import io.coseiot.cose.cbor.CborReader;
import io.coseiot.cose.cbor.CborWriter;
import io.coseiot.cose.exception.AlgorithmException;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.StructureException;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.key.CoseKey;
import java.util.Objects;

/**
 * An immutable COSE_Sign1 message (RFC 9052 §4.2): content with one signature.
 *
 * <pre>
 * COSE_Sign1_Tagged = #6.18(COSE_Sign1)
 * COSE_Sign1 = [
 *     Headers,
 *     payload : bstr / nil,
 *     signature : bstr
 * ]
 * </pre>
 */
public final class Sign1Message extends CoseMessage<Sign1Message> {
  private static final String NAME = "COSE_Sign1";

  private final byte[] payload;
  private final byte[] signature;

  private Sign1Message(Headers headers, byte[] payload, byte[] signature) {
    super(headers);
    this.payload = payload;
    this.signature = signature;
  }

  /**
   * Signs content under the key's algorithm. The headers sent are {@code alg} (protected) and the
   * key's {@code kid} (unprotected) if it has one.
   *
   * @param key the signer's private key, naming its signature algorithm
   * @param payload the content
   * @param externalAad external additional data, or null for none
   * @return the message with the payload attached; see {@link #detach()}
   * @throws CoseException if the key names no signature algorithm or does not fit it
   */
  public static Sign1Message sign(CoseKey key, byte[] payload, byte[] externalAad)
      throws CoseException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(payload, "payload");
    return signAs(
        key, payload, externalAad, Senders.headers(key, null, Algorithm.Kind.SIGNATURE, NAME));
  }

  /**
   * Signs content with more headers, such as a content type. The key's {@code alg} and {@code kid}
   * are added unless the headers carry them.
   *
   * @param key the signer's private key, naming its signature algorithm
   * @param payload the content
   * @param externalAad external additional data, or null for none
   * @param headers headers to add; {@code alg}, if present, protected and the key's
   * @return the message with the payload attached
   * @throws CoseException if the headers carry an {@code alg} that is unprotected or not the key's,
   *     or the key does not fit
   */
  public static Sign1Message sign(CoseKey key, byte[] payload, byte[] externalAad, Headers headers)
      throws CoseException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(headers, "headers");
    return signAs(
        key, payload, externalAad, Senders.headers(key, headers, Algorithm.Kind.SIGNATURE, NAME));
  }

  /**
   * Signs content with exactly the given headers, nothing added: for reproducing published test
   * vectors, whose headers are fixed.
   *
   * @param key the signer's private key
   * @param payload the content
   * @param externalAad external additional data, or null for none
   * @param headers the headers with {@code alg}, sent as given
   * @return the message with the payload attached
   * @throws CoseException if the headers, algorithm or key do not fit
   */
  public static Sign1Message signForTestVectors(
      CoseKey key, byte[] payload, byte[] externalAad, Headers headers) throws CoseException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(headers, "headers");
    return signAs(key, payload, externalAad, headers);
  }

  private static Sign1Message signAs(
      CoseKey key, byte[] payload, byte[] externalAad, Headers headers) throws CoseException {
    Algorithm alg = signatureAlgorithm(headers, NAME);
    KeyUse.checkAlgorithm(key, alg, NAME);
    byte[] content = payload.clone();
    byte[] tbs = toBeSigned(headers, externalAad, content);
    return new Sign1Message(headers, content, SignatureScheme.of(alg).sign(key, tbs));
  }

  static Algorithm signatureAlgorithm(Headers headers, String where) throws AlgorithmException {
    Algorithm alg = headers.algorithm(where);
    if (alg.kind() != Algorithm.Kind.SIGNATURE) {
      throw new AlgorithmException(where + ": " + alg.ianaName() + " is not a signature algorithm");
    }
    return alg;
  }

  private static byte[] toBeSigned(Headers headers, byte[] externalAad, byte[] payload) {
    return Structures.sig(
        Structures.SIGNATURE1, headers.authenticatedProtected(), null, externalAad, payload, null);
  }

  /**
   * Decodes a message under {@link DecodeOptions#strict()}.
   *
   * @param data the encoded message
   * @return the message
   * @throws CoseException if the bytes are not a valid COSE_Sign1
   */
  public static Sign1Message decode(byte[] data) throws CoseException {
    return decode(data, DecodeOptions.strict());
  }

  /**
   * Decodes a message.
   *
   * @param data the encoded message
   * @param options the tag policy, extra {@code crit} labels and whether {@code alg} may be
   *     unprotected
   * @return the message
   * @throws CoseException if the bytes are not a valid COSE_Sign1 under the options
   */
  public static Sign1Message decode(byte[] data, DecodeOptions options) throws CoseException {
    return Decoding.decode(data, options, MessageType.SIGN1, Sign1Message::readBody);
  }

  private static Sign1Message readBody(CborReader r, Headers headers, DecodeOptions options)
      throws CoseException {
    byte[] payload = Decoding.bstrOrNil(r, NAME + " payload", true);
    byte[] signature = Decoding.bstrOrNil(r, NAME + " signature", false);
    return new Sign1Message(headers, payload, signature);
  }

  /**
   * Verifies the signature over the attached payload and returns that payload: the only way to read
   * it, so that no unverified content reaches the application.
   *
   * @param key the signer's public key
   * @param externalAad external additional data, or null for none
   * @return a copy of the verified payload
   * @throws CoseException if the payload is detached or the signature does not verify
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
   * Verifies the signature over a payload carried apart from the message.
   *
   * @param key the signer's public key
   * @param detachedPayload the payload
   * @param externalAad external additional data, or null for none
   * @throws CoseException if the signature does not verify
   */
  public void verifyDetached(CoseKey key, byte[] detachedPayload, byte[] externalAad)
      throws CoseException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(detachedPayload, "detachedPayload");
    check(key, detachedPayload, externalAad);
  }

  private void check(CoseKey key, byte[] content, byte[] externalAad) throws CoseException {
    Algorithm alg = signatureAlgorithm(headers(), NAME);
    KeyUse.checkAlgorithm(key, alg, NAME);
    SignatureScheme.of(alg).verify(key, toBeSigned(headers(), externalAad, content), signature);
  }

  /**
   * Returns the signature.
   *
   * @return a copy
   */
  public byte[] signature() {
    return signature.clone();
  }

  /**
   * Returns a copy whose payload is detached (sent as nil).
   *
   * @return the detached message
   */
  public Sign1Message detach() {
    return new Sign1Message(headers(), null, signature);
  }

  @Override
  public MessageType type() {
    return MessageType.SIGN1;
  }

  @Override
  int contentElements() {
    return 2;
  }

  @Override
  int contentSize() {
    return Structures.bstrOrNilSize(payload) + Structures.bstrOrNilSize(signature);
  }

  @Override
  void writeContent(CborWriter w) {
    writeBstrOrNil(w, payload);
    w.writeBytes(signature);
  }

  @Override
  byte[] countersignPayload() {
    return payload;
  }

  @Override
  byte[][] countersignOtherFields() {
    return new byte[][] {signature};
  }

  @Override
  Sign1Message withHeaders(Headers headers) {
    return new Sign1Message(headers, payload, signature);
  }
}
