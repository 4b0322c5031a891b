package io.coseiot.cose.message;

import io.coseiot.cose.algorithm.AeadCipher;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.algorithm.SecureRandoms;
import io.coseiot.cose.cbor.CborReader;
import io.coseiot.cose.cbor.CborWriter;
import io.coseiot.cose.exception.AlgorithmException;
import io.coseiot.cose.exception.AuthenticationException;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.StructureException;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.internal.RawAccess;
import io.coseiot.cose.key.KeyLabel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An immutable COSE_Encrypt message (RFC 9052 §5.1): content encrypted under a content key that
 * each recipient can recover.
 *
 * <pre>
 * COSE_Encrypt_Tagged = #6.96(COSE_Encrypt)
 * COSE_Encrypt = [
 *     Headers,
 *     ciphertext : bstr / nil,
 *     recipients : [+COSE_recipient]
 * ]
 * </pre>
 */
public final class EncryptMessage extends CoseMessage<EncryptMessage> {
  private static final String NAME = "COSE_Encrypt";

  private final byte[] ciphertext;
  private final List<Recipient> recipients;

  private EncryptMessage(Headers headers, byte[] ciphertext, List<Recipient> recipients) {
    super(headers);
    this.ciphertext = ciphertext;
    this.recipients = Collections.unmodifiableList(recipients);
  }

  /**
   * Encrypts content for one or more recipients. A direct, direct+HKDF or direct ECDH recipient
   * derives the content key and must be the only one; otherwise a random content key is wrapped for
   * each recipient. The IV, content keys and ephemeral keys come from the library's DRBG; the IV is
   * added to the unprotected bucket.
   *
   * @param recipients how to build each recipient
   * @param plaintext the content
   * @param externalAad external additional authenticated data, or null for none
   * @param headers the headers with {@code alg} protected, and no IV or Partial IV
   * @return the message
   * @throws CoseException if headers, algorithms or keys do not fit
   */
  public static EncryptMessage encrypt(
      List<RecipientSpec> recipients, byte[] plaintext, byte[] externalAad, Headers headers)
      throws CoseException {
    Objects.requireNonNull(headers, "headers");
    Senders.checkBody(headers, true, NAME);
    return encryptForTestVectors(
        recipients, plaintext, externalAad, headers, SecureRandoms.fastDrbg());
  }

  /**
   * Encrypts content with the headers as given, which may carry a fixed IV or Partial IV, and a
   * caller's random source: for reproducing published test vectors only. A Partial IV is combined
   * with the Base IV of the first recipient's key; without either, a random IV is drawn.
   *
   * @param recipients how to build each recipient
   * @param plaintext the content
   * @param externalAad external additional authenticated data, or null for none
   * @param headers the headers with {@code alg}
   * @param random the source of keys, IVs and nonces
   * @return the message
   * @throws CoseException if headers, algorithms or keys do not fit
   */
  public static EncryptMessage encryptForTestVectors(
      List<RecipientSpec> recipients,
      byte[] plaintext,
      byte[] externalAad,
      Headers headers,
      SecureRandom random)
      throws CoseException {
    Objects.requireNonNull(recipients, "recipients");
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(random, "random");
    Algorithm alg = aeadAlgorithm(headers);
    AeadCipher cipher = AeadCipher.of(alg);
    List<Recipient> derived = new ArrayList<>(1);
    byte[] cek = Recipients.cek(recipients, alg, random, derived);
    byte[] baseIv = RawAccess.keyBytes(recipients.get(0).recipientKey(), KeyLabel.BASE_IV);
    byte[] drawnIv = Nonces.needsRandomIv(headers) ? Nonces.randomIv(cipher, random) : null;
    byte[] nonce = drawnIv != null ? drawnIv : Nonces.nonce(headers, baseIv, cipher, NAME);
    Headers sent = Nonces.sent(headers, drawnIv);
    byte[] aad = Structures.enc(Structures.ENCRYPT, sent.authenticatedProtected(), externalAad);
    byte[] ct = cipher.encrypt(cek, nonce, aad, plaintext);
    return new EncryptMessage(sent, ct, Recipients.wrap(recipients, cek, random, derived));
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
   * Decodes a message under {@link DecodeOptions#strict()}.
   *
   * @param data the encoded message
   * @return the message
   * @throws CoseException if the bytes are not a valid COSE_Encrypt
   */
  public static EncryptMessage decode(byte[] data) throws CoseException {
    return decode(data, DecodeOptions.strict());
  }

  /**
   * Decodes a message.
   *
   * @param data the encoded message
   * @param options the tag policy, extra {@code crit} labels and whether {@code alg} may be
   *     unprotected
   * @return the message
   * @throws CoseException if the bytes are not a valid COSE_Encrypt under the options
   */
  public static EncryptMessage decode(byte[] data, DecodeOptions options) throws CoseException {
    return Decoding.decode(data, options, MessageType.ENCRYPT, EncryptMessage::readBody);
  }

  private static EncryptMessage readBody(CborReader r, Headers headers, DecodeOptions options)
      throws CoseException {
    byte[] ct = Decoding.bstrOrNil(r, NAME + " ciphertext", true);
    List<Recipient> recipients = Recipient.readList(r, 0, options);
    return new EncryptMessage(headers, ct, recipients);
  }

  /**
   * Decrypts the attached ciphertext with a recipient's key.
   *
   * @param key the receiver's key material
   * @param externalAad external additional authenticated data, or null for none
   * @return the plaintext
   * @throws CoseException if no recipient yields a content key that decrypts the content
   */
  public byte[] decrypt(RecipientKey key, byte[] externalAad) throws CoseException {
    Objects.requireNonNull(key, "key");
    if (ciphertext == null) {
      throw new StructureException(NAME + ": ciphertext is detached; pass it to decryptDetached");
    }
    return open(key, ciphertext, externalAad);
  }

  /**
   * Decrypts a ciphertext carried apart from the message.
   *
   * @param key the receiver's key material
   * @param detachedCiphertext the ciphertext
   * @param externalAad external additional authenticated data, or null for none
   * @return the plaintext
   * @throws CoseException if no recipient yields a content key that decrypts the content
   */
  public byte[] decryptDetached(RecipientKey key, byte[] detachedCiphertext, byte[] externalAad)
      throws CoseException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(detachedCiphertext, "detachedCiphertext");
    return open(key, detachedCiphertext, externalAad);
  }

  private byte[] open(RecipientKey key, byte[] detachedCiphertext, byte[] externalAad)
      throws CoseException {
    Algorithm alg = aeadAlgorithm(headers());
    AeadCipher cipher = AeadCipher.of(alg);
    byte[] nonce =
        Nonces.nonce(headers(), RawAccess.keyBytes(key.key(), KeyLabel.BASE_IV), cipher, NAME);
    byte[] aad =
        Structures.enc(Structures.ENCRYPT, headers().authenticatedProtected(), externalAad);
    AuthenticationException failure = null;
    for (byte[] cek : Recipients.candidateCeks(recipients, key, alg)) {
      try {
        return cipher.decrypt(cek, nonce, aad, detachedCiphertext);
      } catch (AuthenticationException e) {
        failure = e;
      }
    }
    throw failure;
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
   * Returns the recipients.
   *
   * @return an unmodifiable list
   */
  public List<Recipient> recipients() {
    return recipients;
  }

  /**
   * Returns a copy in which one recipient is replaced, for example by a countersigned copy.
   *
   * @param index the position in {@link #recipients()}
   * @param replacement the new recipient
   * @return the changed message
   */
  public EncryptMessage withRecipient(int index, Recipient replacement) {
    List<Recipient> copy = new ArrayList<>(recipients);
    copy.set(index, replacement);
    return new EncryptMessage(headers(), ciphertext, copy);
  }

  /**
   * Returns a copy whose ciphertext is detached (sent as nil).
   *
   * @return the detached message
   */
  public EncryptMessage detach() {
    return new EncryptMessage(headers(), null, recipients);
  }

  @Override
  public MessageType type() {
    return MessageType.ENCRYPT;
  }

  @Override
  int contentElements() {
    return 2;
  }

  @Override
  int contentSize() {
    return Structures.bstrOrNilSize(ciphertext) + 64 * recipients.size();
  }

  @Override
  void writeContent(CborWriter w) {
    writeBstrOrNil(w, ciphertext);
    Recipient.writeList(w, recipients);
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
  EncryptMessage withHeaders(Headers headers) {
    return new EncryptMessage(headers, ciphertext, recipients);
  }
}
