package io.coseiot.cose.message;

import io.coseiot.cose.algorithm.AeadCipher;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.cbor.CborReader;
import io.coseiot.cose.cbor.CborWriter;
import io.coseiot.cose.exception.AlgorithmException;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.HeaderException;
import io.coseiot.cose.exception.StructureException;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.internal.RawAccess;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.KeyLabel;
import java.security.SecureRandom;
import java.util.Set;

/**
 * An immutable COSE_Encrypt0 message (RFC 9052 §5.2): content encrypted with a key the recipient
 * already has.
 *
 * <pre>
 * COSE_Encrypt0_Tagged = #6.16(COSE_Encrypt0)
 * COSE_Encrypt0 = [
 *     Headers,
 *     ciphertext : bstr / nil,
 * ]
 * </pre>
 */
public final class Encrypt0Message extends CoseMessage<Encrypt0Message> {
  private static final String NAME = "COSE_Encrypt0";

  private final byte[] ciphertext;
  // For a message just sealed with a random IV: the caller's headers and the IV, which the sent
  // headers add to the unprotected bucket. Encoding writes them straight out; the header objects
  // are made only if asked for. Both null otherwise.
  private final Headers given;
  private final byte[] drawnIv;

  private Encrypt0Message(Headers headers, byte[] ciphertext) {
    super(headers);
    this.ciphertext = ciphertext;
    this.given = null;
    this.drawnIv = null;
  }

  private Encrypt0Message(Headers given, byte[] drawnIv, byte[] ciphertext) {
    super(null);
    this.ciphertext = ciphertext;
    this.given = given;
    this.drawnIv = drawnIv;
  }

  /**
   * Encrypts content. Unless the headers carry an IV or Partial IV, a random IV of the algorithm's
   * length is added to the unprotected bucket; a Partial IV is combined with the key's Base IV.
   *
   * @param headers the headers, normally with {@code alg} protected; see {@link Headers#of}
   * @param key a symmetric key for the algorithm
   * @param plaintext the content
   * @param externalAad external additional authenticated data, or null
   * @param random the source of the IV
   * @return the message
   * @throws CoseException if the headers, algorithm or key do not fit
   */
  public static Encrypt0Message encrypt(
      Headers headers, CoseKey key, byte[] plaintext, byte[] externalAad, SecureRandom random)
      throws CoseException {
    Algorithm alg = aeadAlgorithm(headers);
    AeadCipher cipher = AeadCipher.of(alg);
    byte[] drawnIv = Nonces.needsRandomIv(headers) ? Nonces.randomIv(cipher, random) : null;
    byte[] nonce =
        drawnIv != null
            ? drawnIv
            : Nonces.nonce(headers, RawAccess.keyBytes(key, KeyLabel.BASE_IV), cipher, NAME);
    // Adding an IV leaves the protected bucket, and so the Enc_structure, as it is.
    byte[] aad = Structures.enc(Structures.ENCRYPT0, headers.authenticatedProtected(), externalAad);
    byte[] ct = cipher.encrypt(KeyUse.secret(key, alg, NAME), nonce, aad, plaintext);
    return drawnIv == null
        ? new Encrypt0Message(headers, ct)
        : new Encrypt0Message(headers, drawnIv, ct);
  }

  /**
   * Decodes a message, accepting the tag or its absence.
   *
   * @param data the encoded message
   * @return the message
   * @throws CoseException if the bytes are not a valid COSE_Encrypt0
   */
  public static Encrypt0Message decode(byte[] data) throws CoseException {
    return decode(data, TagPolicy.OPTIONAL);
  }

  /**
   * Decodes a message under a tag policy.
   *
   * @param data the encoded message
   * @param policy whether the tag must, may or must not be present
   * @return the message
   * @throws CoseException if the bytes are not a valid COSE_Encrypt0
   */
  public static Encrypt0Message decode(byte[] data, TagPolicy policy) throws CoseException {
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
   * @throws CoseException if the bytes are not a valid COSE_Encrypt0
   */
  public static Encrypt0Message decode(byte[] data, TagPolicy policy, Set<?> understoodLabels)
      throws CoseException {
    CborReader r = Decoding.open(data, MessageType.ENCRYPT0, policy, 3);
    Headers headers = Headers.read(r, NAME, understoodLabels);
    byte[] ct = Decoding.bstrOrNil(r, NAME + " ciphertext", true);
    r.requireEnd(NAME);
    return new Encrypt0Message(headers, ct);
  }

  private static Algorithm aeadAlgorithm(Headers headers) throws AlgorithmException {
    Algorithm alg = headers.algorithm(NAME);
    if (alg.kind() != Algorithm.Kind.AEAD) {
      throw new AlgorithmException(
          NAME + ": " + alg.ianaName() + " is not a content encryption algorithm");
    }
    return alg;
  }

  /**
   * Decrypts the attached ciphertext.
   *
   * @param key the symmetric key; its Base IV is used if the message has a Partial IV
   * @param externalAad external additional authenticated data, or null
   * @return the plaintext
   * @throws CoseException if the message does not decrypt
   */
  public byte[] decrypt(CoseKey key, byte[] externalAad) throws CoseException {
    if (ciphertext == null) {
      throw new StructureException(NAME + ": ciphertext is detached; pass it to decrypt");
    }
    return decryptDetached(key, externalAad, ciphertext);
  }

  /**
   * Decrypts a ciphertext carried apart from the message.
   *
   * @param key the symmetric key
   * @param externalAad external additional authenticated data, or null
   * @param detachedCiphertext the ciphertext
   * @return the plaintext
   * @throws CoseException if the message does not decrypt
   */
  public byte[] decryptDetached(CoseKey key, byte[] externalAad, byte[] detachedCiphertext)
      throws CoseException {
    Headers headers = headers();
    Algorithm alg = aeadAlgorithm(headers);
    AeadCipher cipher = AeadCipher.of(alg);
    byte[] nonce = Nonces.nonce(headers, RawAccess.keyBytes(key, KeyLabel.BASE_IV), cipher, NAME);
    byte[] aad = Structures.enc(Structures.ENCRYPT0, headers.authenticatedProtected(), externalAad);
    return cipher.decrypt(KeyUse.secret(key, alg, NAME), nonce, aad, detachedCiphertext);
  }

  /**
   * Returns the ciphertext including the authentication tag.
   *
   * @return a copy, or null if detached
   */
  public byte[] ciphertext() {
    return ciphertext == null ? null : ciphertext.clone();
  }

  /**
   * Returns a copy whose ciphertext is detached (sent as nil).
   *
   * @return the detached message
   */
  public Encrypt0Message detach() {
    return new Encrypt0Message(headers(), null);
  }

  @Override
  Headers deferredHeaders() {
    try {
      return Nonces.sent(given, drawnIv);
    } catch (HeaderException e) {
      // encrypt drew the IV only for headers with no IV or Partial IV in either bucket.
      throw new IllegalStateException(NAME + ": the IV does not fit headers it was drawn for", e);
    }
  }

  @Override
  int headersSize() {
    return drawnIv == null ? super.headersSize() : given.encodedSizeWith(HeaderLabel.IV, drawnIv);
  }

  @Override
  void writeHeaders(CborWriter w) {
    if (drawnIv == null) {
      super.writeHeaders(w);
    } else {
      given.writeToWith(w, HeaderLabel.IV, drawnIv);
    }
  }

  @Override
  public MessageType type() {
    return MessageType.ENCRYPT0;
  }

  @Override
  int contentElements() {
    return 1;
  }

  @Override
  int contentSize() {
    return Structures.bstrOrNilSize(ciphertext);
  }

  @Override
  void writeContent(CborWriter w) {
    writeBstrOrNil(w, ciphertext);
  }

  @Override
  byte[] countersignPayload() {
    return ciphertext;
  }

  @Override
  byte[][] countersignOtherFields() {
    return null;
  }

  @Override
  Encrypt0Message withHeaders(Headers headers) {
    return new Encrypt0Message(headers, ciphertext);
  }
}
