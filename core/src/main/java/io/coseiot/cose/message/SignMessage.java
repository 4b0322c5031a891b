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
import java.util.Objects;

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
  private static final String SIGNATURE = "COSE_Signature";

  private final byte[] payload;
  private final List<Signature> signatures;

  private SignMessage(Headers headers, byte[] payload, List<Signature> signatures) {
    super(headers);
    this.payload = payload;
    this.signatures = Collections.unmodifiableList(signatures);
  }

  /** What one signer contributes: its private key and its headers. */
  public static final class Signer {
    private final CoseKey key;
    private final Headers headers;

    private Signer(CoseKey key, Headers headers) {
      this.key = key;
      this.headers = headers;
    }

    /**
     * Describes a signer whose headers are the key's {@code alg} (protected) and {@code kid}
     * (unprotected).
     *
     * @param key the private key, naming its signature algorithm
     * @return the signer
     * @throws CoseException if the key names no signature algorithm
     */
    public static Signer of(CoseKey key) throws CoseException {
      Objects.requireNonNull(key, "key");
      return new Signer(key, Senders.headers(key, null, Algorithm.Kind.SIGNATURE, SIGNATURE));
    }

    /**
     * Describes a signer with more headers; the key's {@code alg} and {@code kid} are added unless
     * they carry them.
     *
     * @param key the private key, naming its signature algorithm
     * @param headers headers to add; {@code alg}, if present, protected and the key's
     * @return the signer
     * @throws CoseException if the headers contradict the key
     */
    public static Signer of(CoseKey key, Headers headers) throws CoseException {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(headers, "headers");
      return new Signer(key, Senders.headers(key, headers, Algorithm.Kind.SIGNATURE, SIGNATURE));
    }

    /**
     * Describes a signer whose headers are sent exactly as given: for reproducing published test
     * vectors.
     *
     * @param key the private key
     * @param headers the signer's headers with {@code alg}
     * @return the signer
     */
    public static Signer forTestVectors(CoseKey key, Headers headers) {
      return new Signer(
          Objects.requireNonNull(key, "key"), Objects.requireNonNull(headers, "headers"));
    }
  }

  /**
   * Signs content once per signer.
   *
   * @param signers at least one signer
   * @param payload the content
   * @param externalAad external additional data, or null for none
   * @param headers the body's headers, often {@link Headers#empty()}
   * @return the message
   * @throws CoseException if a signer's headers, algorithm or key do not fit
   */
  public static SignMessage sign(
      List<Signer> signers, byte[] payload, byte[] externalAad, Headers headers)
      throws CoseException {
    Objects.requireNonNull(signers, "signers");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(headers, "headers");
    if (signers.isEmpty()) {
      throw new StructureException(NAME + ": at least one signer is required");
    }
    List<Signature> out = new ArrayList<>();
    for (Signer s : signers) {
      Headers h = s.headers;
      Algorithm alg = Sign1Message.signatureAlgorithm(h, SIGNATURE);
      KeyUse.checkAlgorithm(s.key, alg, SIGNATURE);
      byte[] tbs = toBeSigned(headers, h, externalAad, payload);
      out.add(new Signature(h, SignatureScheme.of(alg).sign(s.key, tbs)));
    }
    return new SignMessage(headers, payload.clone(), out);
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
   * Decodes a message under {@link DecodeOptions#strict()}.
   *
   * @param data the encoded message
   * @return the message
   * @throws CoseException if the bytes are not a valid COSE_Sign
   */
  public static SignMessage decode(byte[] data) throws CoseException {
    return decode(data, DecodeOptions.strict());
  }

  /**
   * Decodes a message.
   *
   * @param data the encoded message
   * @param options the tag policy, extra {@code crit} labels and whether {@code alg} may be
   *     unprotected
   * @return the message
   * @throws CoseException if the bytes are not a valid COSE_Sign under the options
   */
  public static SignMessage decode(byte[] data, DecodeOptions options) throws CoseException {
    return Decoding.decode(data, options, MessageType.SIGN, SignMessage::readBody);
  }

  private static SignMessage readBody(CborReader r, Headers headers, DecodeOptions options)
      throws CoseException {
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
      signatures.add(Signature.read(r, options));
    }
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
   * Verifies one signature over the attached payload and returns that payload: the only way to read
   * it, so that no unverified content reaches the application.
   *
   * @param key the signer's public key
   * @param signature one of {@link #signatures()}
   * @param externalAad external additional data, or null for none
   * @return a copy of the verified payload
   * @throws CoseException if the payload is detached or the signature does not verify
   */
  public byte[] verify(CoseKey key, Signature signature, byte[] externalAad) throws CoseException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(signature, "signature");
    if (payload == null) {
      throw new StructureException(NAME + ": payload is detached; pass it to verifyDetached");
    }
    check(key, signature, payload, externalAad);
    return payload.clone();
  }

  /**
   * Verifies one signature over a payload carried apart from the message.
   *
   * @param key the signer's public key
   * @param signature one of {@link #signatures()}
   * @param detachedPayload the payload
   * @param externalAad external additional data, or null for none
   * @throws CoseException if the signature does not verify
   */
  public void verifyDetached(
      CoseKey key, Signature signature, byte[] detachedPayload, byte[] externalAad)
      throws CoseException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(detachedPayload, "detachedPayload");
    check(key, signature, detachedPayload, externalAad);
  }

  private void check(CoseKey key, Signature signature, byte[] content, byte[] externalAad)
      throws CoseException {
    Algorithm alg = Sign1Message.signatureAlgorithm(signature.headers(), SIGNATURE);
    KeyUse.checkAlgorithm(key, alg, SIGNATURE);
    byte[] tbs = toBeSigned(headers(), signature.headers(), externalAad, content);
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
    return Structures.bstrOrNilSize(payload) + 96 * signatures.size();
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
