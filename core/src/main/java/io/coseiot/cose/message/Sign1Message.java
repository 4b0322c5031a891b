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
import java.util.Set;

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
   * Signs content.
   *
   * @param headers the headers, normally with {@code alg} protected; see {@link Headers#of}
   * @param payload the content
   * @param key the signer's private key
   * @param externalAad external additional data, or null
   * @return the message with the payload attached; see {@link #detach()}
   * @throws CoseException if the headers, algorithm or key do not fit
   */
  public static Sign1Message sign(Headers headers, byte[] payload, CoseKey key, byte[] externalAad)
      throws CoseException {
    Algorithm alg = signatureAlgorithm(headers, NAME);
    KeyUse.checkAlgorithm(key, alg, NAME);
    byte[] tbs = toBeSigned(headers, externalAad, payload);
    return new Sign1Message(headers, payload.clone(), SignatureScheme.of(alg).sign(key, tbs));
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
   * Decodes a message, accepting the tag or its absence.
   *
   * @param data the encoded message
   * @return the message
   * @throws CoseException if the bytes are not a valid COSE_Sign1
   */
  public static Sign1Message decode(byte[] data) throws CoseException {
    return decode(data, TagPolicy.OPTIONAL);
  }

  /**
   * Decodes a message under a tag policy.
   *
   * @param data the encoded message
   * @param policy whether the tag must, may or must not be present
   * @return the message
   * @throws CoseException if the bytes are not a valid COSE_Sign1
   */
  public static Sign1Message decode(byte[] data, TagPolicy policy) throws CoseException {
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
   * @throws CoseException if the bytes are not a valid COSE_Sign1
   */
  public static Sign1Message decode(byte[] data, TagPolicy policy, Set<?> understoodLabels)
      throws CoseException {
    CborReader r = Decoding.open(data, MessageType.SIGN1, policy, 4);
    Headers headers = Headers.read(r, NAME, understoodLabels);
    byte[] payload = Decoding.bstrOrNil(r, NAME + " payload", true);
    byte[] signature = Decoding.bstrOrNil(r, NAME + " signature", false);
    r.requireEnd(NAME);
    return new Sign1Message(headers, payload, signature);
  }

  /**
   * Verifies the signature over the attached payload.
   *
   * @param key the signer's public key
   * @param externalAad external additional data, or null
   * @throws CoseException if the signature does not verify
   */
  public void verify(CoseKey key, byte[] externalAad) throws CoseException {
    if (payload == null) {
      throw new StructureException(NAME + ": payload is detached; pass it to verifyDetached");
    }
    verifyDetached(key, externalAad, payload);
  }

  /**
   * Verifies the signature over a payload carried apart from the message.
   *
   * @param key the signer's public key
   * @param externalAad external additional data, or null
   * @param detachedPayload the payload
   * @throws CoseException if the signature does not verify
   */
  public void verifyDetached(CoseKey key, byte[] externalAad, byte[] detachedPayload)
      throws CoseException {
    Algorithm alg = signatureAlgorithm(headers(), NAME);
    KeyUse.checkAlgorithm(key, alg, NAME);
    SignatureScheme.of(alg)
        .verify(key, toBeSigned(headers(), externalAad, detachedPayload), signature);
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
    return bstrSize(payload) + bstrSize(signature);
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
