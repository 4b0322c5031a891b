package io.coseiot.cose.message;

import io.coseiot.cose.algorithm.AeadCipher;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.algorithm.SecureRandoms;
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
import java.util.Objects;

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
   * Encrypts content under the key's algorithm with a fresh random IV. The headers sent are {@code
   * alg} (protected) and the key's {@code kid} (unprotected) if it has one, and the IV.
   *
   * @param key a symmetric key that names its AEAD algorithm
   * @param plaintext the content
   * @param externalAad external additional authenticated data, or null for none
   * @return the message
   * @throws CoseException if the key names no AEAD algorithm or does not fit it
   */
  public static Encrypt0Message encrypt(CoseKey key, byte[] plaintext, byte[] externalAad)
      throws CoseException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(plaintext, "plaintext");
    Headers headers = Senders.headers(key, null, Algorithm.Kind.AEAD, NAME);
    return seal(key, plaintext, externalAad, headers, SecureRandoms.fastDrbg());
  }

  /**
   * Encrypts content with more headers, such as a content type, and a fresh random IV. The key's
   * {@code alg} and {@code kid} are added unless the headers carry them.
   *
   * @param key a symmetric key that names its AEAD algorithm
   * @param plaintext the content
   * @param externalAad external additional authenticated data, or null for none
   * @param headers headers to add; {@code alg}, if present, protected and the key's
   * @return the message
   * @throws CoseException if the headers carry an IV or Partial IV, or an {@code alg} that is
   *     unprotected or not the key's, or the key does not fit
   */
  public static Encrypt0Message encrypt(
      CoseKey key, byte[] plaintext, byte[] externalAad, Headers headers) throws CoseException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(headers, "headers");
    Headers sent = Senders.headers(key, headers, Algorithm.Kind.AEAD, NAME);
    return seal(key, plaintext, externalAad, sent, SecureRandoms.fastDrbg());
  }

  /**
   * Encrypts content with exactly the given headers, which may carry a fixed IV or Partial IV: for
   * reproducing published test vectors only. A nonce already given here under the same key instance
   * (the last {@value io.coseiot.cose.internal.KeyState#REMEMBERED_NONCES}) is refused; copies of a
   * key are not tracked. Without an IV or Partial IV, one is drawn from {@code random} (a vector's
   * replayed random stream).
   *
   * @param key a symmetric key for the headers' algorithm; its Base IV is used for a Partial IV
   * @param plaintext the content
   * @param externalAad external additional authenticated data, or null for none
   * @param headers the headers, sent as given
   * @param random the source of the IV when the headers carry none
   * @return the message
   * @throws CoseException if the headers, algorithm or key do not fit, or the nonce repeats
   */
  public static Encrypt0Message encryptForTestVectors(
      CoseKey key, byte[] plaintext, byte[] externalAad, Headers headers, SecureRandom random)
      throws CoseException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(random, "random");
    if (!Nonces.needsRandomIv(headers)) {
      AeadCipher cipher = AeadCipher.of(aeadAlgorithm(headers));
      byte[] nonce = Nonces.nonce(headers, RawAccess.keyBytes(key, KeyLabel.BASE_IV), cipher, NAME);
      Senders.recordNonce(key, nonce, NAME);
    }
    return seal(key, plaintext, externalAad, headers, random);
  }

  private static Encrypt0Message seal(
      CoseKey key, byte[] plaintext, byte[] externalAad, Headers headers, SecureRandom random)
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
   * Decodes a message under {@link DecodeOptions#strict()}.
   *
   * @param data the encoded message
   * @return the message
   * @throws CoseException if the bytes are not a valid COSE_Encrypt0
   */
  public static Encrypt0Message decode(byte[] data) throws CoseException {
    return decode(data, DecodeOptions.strict());
  }

  /**
   * Decodes a message.
   *
   * @param data the encoded message
   * @param options the tag policy, extra {@code crit} labels and whether {@code alg} may be
   *     unprotected
   * @return the message
   * @throws CoseException if the bytes are not a valid COSE_Encrypt0 under the options
   */
  public static Encrypt0Message decode(byte[] data, DecodeOptions options) throws CoseException {
    return Decoding.decode(data, options, MessageType.ENCRYPT0, Encrypt0Message::readBody);
  }

  private static Encrypt0Message readBody(CborReader r, Headers headers, DecodeOptions options)
      throws CoseException {
    byte[] ct = Decoding.bstrOrNil(r, NAME + " ciphertext", true);
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
   * @param externalAad external additional authenticated data, or null for none
   * @return the plaintext
   * @throws CoseException if the message does not decrypt
   */
  public byte[] decrypt(CoseKey key, byte[] externalAad) throws CoseException {
    Objects.requireNonNull(key, "key");
    if (ciphertext == null) {
      throw new StructureException(NAME + ": ciphertext is detached; pass it to decryptDetached");
    }
    return open(key, ciphertext, externalAad);
  }

  /**
   * Decrypts a ciphertext carried apart from the message.
   *
   * @param key the symmetric key
   * @param detachedCiphertext the ciphertext
   * @param externalAad external additional authenticated data, or null for none
   * @return the plaintext
   * @throws CoseException if the message does not decrypt
   */
  public byte[] decryptDetached(CoseKey key, byte[] detachedCiphertext, byte[] externalAad)
      throws CoseException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(detachedCiphertext, "detachedCiphertext");
    return open(key, detachedCiphertext, externalAad);
  }

  private byte[] open(CoseKey key, byte[] detachedCiphertext, byte[] externalAad)
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
