package io.coseiot.cose.message;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.algorithm.SignatureScheme;
import io.coseiot.cose.cbor.CborReader;
import io.coseiot.cose.cbor.CborWriter;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.StructureException;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.key.CoseKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * An immutable COSE_Sign message (RFC 9052 §4.1): content with one or more signatures.
 *
 * <pre>
 * COSE_Sign_Tagged = #6.98(COSE_Sign)
 * COSE_Sign = [
 *     Headers,
 *     payload : bstr / nil,
 *     signatures : [+ COSE_Signature]
 * ]
 * </pre>
 */
public final class SignMessage extends CoseMessage<SignMessage> {
  private static final String NAME = "COSE_Sign";

  private final byte[] payload;
  private final List<Signature> signatures;

  private SignMessage(Headers headers, byte[] payload, List<Signature> signatures) {
    super(headers);
    this.payload = payload;
    this.signatures = Collections.unmodifiableList(signatures);
  }

  /** What one signer contributes: its headers (with {@code alg}) and private key. */
  public static final class Signer {
    private final Headers headers;
    private final CoseKey key;

    /**
     * Describes a signer.
     *
     * @param headers the signer's headers, normally {@code alg} protected and {@code kid}
     * @param key the private key
     */
    public Signer(Headers headers, CoseKey key) {
      this.headers = headers;
      this.key = key;
    }
  }

  /**
   * Signs content once per signer.
   *
   * @param headers the body's headers
   * @param payload the content
   * @param signers at least one signer
   * @param externalAad external additional data, or null
   * @return the message
   * @throws CoseException if a signer's headers, algorithm or key do not fit
   */
  public static SignMessage sign(
      Headers headers, byte[] payload, List<Signer> signers, byte[] externalAad)
      throws CoseException {
    if (signers.isEmpty()) {
      throw new StructureException(NAME + ": at least one signer is required");
    }
    Headers body = headers;
    List<Signature> out = new ArrayList<>();
    for (Signer s : signers) {
      Headers h = s.headers;
      Algorithm alg = Sign1Message.signatureAlgorithm(h, "COSE_Signature");
      KeyUse.checkAlgorithm(s.key, alg, "COSE_Signature");
      byte[] tbs = toBeSigned(body, h, externalAad, payload);
      out.add(new Signature(h, SignatureScheme.of(alg).sign(s.key, tbs)));
    }
    return new SignMessage(body, payload.clone(), out);
  }

  private static byte[] toBeSigned(Headers body, Headers signer, byte[] aad, byte[] payload) {
    return Structures.sig(
        Structures.SIGNATURE,
        body.authenticatedProtected(),
        signer.authenticatedProtected(),
        aad,
        payload,
        null);
  }

  /**
   * Decodes a message, accepting the tag or its absence.
   *
   * @param data the encoded message
   * @return the message
   * @throws CoseException if the bytes are not a valid COSE_Sign
   */
  public static SignMessage decode(byte[] data) throws CoseException {
    return decode(data, TagPolicy.OPTIONAL);
  }

  /**
   * Decodes a message under a tag policy.
   *
   * @param data the encoded message
   * @param policy whether the tag must, may or must not be present
   * @return the message
   * @throws CoseException if the bytes are not a valid COSE_Sign
   */
  public static SignMessage decode(byte[] data, TagPolicy policy) throws CoseException {
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
   * @throws CoseException if the bytes are not a valid COSE_Sign
   */
  public static SignMessage decode(byte[] data, TagPolicy policy, Set<?> understoodLabels)
      throws CoseException {
    CborReader r = Decoding.open(data, MessageType.SIGN, policy, 4);
    Headers headers = Headers.read(r, NAME, understoodLabels);
    byte[] payload = Decoding.bstrOrNil(r, NAME + " payload", true);
    if (r.peekMajorType() != 4) {
      throw new StructureException(NAME + ": signatures is not an array");
    }
    int n = r.readArrayHeader();
    if (n == 0) {
      throw new StructureException(NAME + ": signatures is empty");
    }
    List<Signature> signatures = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      signatures.add(Signature.read(r, understoodLabels));
    }
    r.requireEnd(NAME);
    return new SignMessage(headers, payload, signatures);
  }

  /**
   * Returns the signatures in order.
   *
   * @return an unmodifiable list
   */
  public List<Signature> signatures() {
    return signatures;
  }

  /**
   * Verifies one signature over the attached payload.
   *
   * @param signature one of {@link #signatures()}
   * @param key the signer's public key
   * @param externalAad external additional data, or null
   * @throws CoseException if the signature does not verify
   */
  public void verify(Signature signature, CoseKey key, byte[] externalAad) throws CoseException {
    if (payload == null) {
      throw new StructureException(NAME + ": payload is detached; pass it to verifyDetached");
    }
    verifyDetached(signature, key, externalAad, payload);
  }

  /**
   * Verifies one signature over a payload carried apart from the message.
   *
   * @param signature one of {@link #signatures()}
   * @param key the signer's public key
   * @param externalAad external additional data, or null
   * @param detachedPayload the payload
   * @throws CoseException if the signature does not verify
   */
  public void verifyDetached(
      Signature signature, CoseKey key, byte[] externalAad, byte[] detachedPayload)
      throws CoseException {
    Algorithm alg = Sign1Message.signatureAlgorithm(signature.headers(), "COSE_Signature");
    KeyUse.checkAlgorithm(key, alg, "COSE_Signature");
    byte[] tbs = toBeSigned(headers(), signature.headers(), externalAad, detachedPayload);
    SignatureScheme.of(alg).verify(key, tbs, signature.rawSignature());
  }

  /**
   * Returns a copy in which one signature is replaced, for example by a countersigned copy.
   *
   * @param index the position in {@link #signatures()}
   * @param replacement the new signature
   * @return the changed message
   */
  public SignMessage withSignature(int index, Signature replacement) {
    List<Signature> copy = new ArrayList<>(signatures);
    copy.set(index, replacement);
    return new SignMessage(headers(), payload, copy);
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
   * Returns a copy whose payload is detached (sent as nil).
   *
   * @return the detached message
   */
  public SignMessage detach() {
    return new SignMessage(headers(), null, signatures);
  }

  @Override
  public MessageType type() {
    return MessageType.SIGN;
  }

  @Override
  int contentElements() {
    return 2;
  }

  @Override
  int contentSize() {
    return bstrSize(payload) + 96 * signatures.size();
  }

  @Override
  void writeContent(CborWriter w) {
    writeBstrOrNil(w, payload);
    w.writeArrayHeader(signatures.size());
    for (Signature s : signatures) {
      s.writeTo(w);
    }
  }

  @Override
  byte[] countersignPayload() {
    return payload;
  }

  @Override
  byte[][] countersignOtherFields() {
    return null;
  }

  @Override
  SignMessage withHeaders(Headers headers) {
    return new SignMessage(headers, payload, signatures);
  }
}
