package io.coseiot.cose.message;

import io.coseiot.cose.algorithm.AeadCipher;
import io.coseiot.cose.algorithm.Algorithm;
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
import java.util.Set;

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
   * each recipient. Unless the headers carry an IV or Partial IV, a random IV is added to the
   * unprotected bucket; a Partial IV is combined with the Base IV of the first recipient's key.
   *
   * @param headers the headers, normally with {@code alg} protected; see {@link Headers#of}
   * @param plaintext the content
   * @param recipients how to build each recipient
   * @param externalAad external additional authenticated data, or null
   * @param random the source of keys, IVs and nonces
   * @return the message
   * @throws CoseException if headers, algorithms or keys do not fit
   */
  public static EncryptMessage encrypt(
      Headers headers,
      byte[] plaintext,
      List<RecipientSpec> recipients,
      byte[] externalAad,
      SecureRandom random)
      throws CoseException {
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
   * Decodes a message, accepting the tag or its absence.
   *
   * @param data the encoded message
   * @return the message
   * @throws CoseException if the bytes are not a valid COSE_Encrypt
   */
  public static EncryptMessage decode(byte[] data) throws CoseException {
    return decode(data, TagPolicy.OPTIONAL);
  }

  /**
   * Decodes a message under a tag policy.
   *
   * @param data the encoded message
   * @param policy whether the tag must, may or must not be present
   * @return the message
   * @throws CoseException if the bytes are not a valid COSE_Encrypt
   */
  public static EncryptMessage decode(byte[] data, TagPolicy policy) throws CoseException {
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
   * @throws CoseException if the bytes are not a valid COSE_Encrypt
   */
  public static EncryptMessage decode(byte[] data, TagPolicy policy, Set<?> understoodLabels)
      throws CoseException {
    CborReader r = Decoding.open(data, MessageType.ENCRYPT, policy, 4);
    Headers headers = Headers.read(r, NAME, understoodLabels);
    byte[] ct = Decoding.bstrOrNil(r, NAME + " ciphertext", true);
    List<Recipient> recipients = Recipient.readList(r, 0, understoodLabels);
    r.requireEnd(NAME);
    return new EncryptMessage(headers, ct, recipients);
  }

  /**
   * Decrypts the attached ciphertext with a recipient's key.
   *
   * @param key the receiver's key material
   * @param externalAad external additional authenticated data, or null
   * @return the plaintext
   * @throws CoseException if no recipient yields a content key that decrypts the content
   */
  public byte[] decrypt(RecipientKey key, byte[] externalAad) throws CoseException {
    if (ciphertext == null) {
      throw new StructureException(NAME + ": ciphertext is detached; pass it to decryptDetached");
    }
    return decryptDetached(key, externalAad, ciphertext);
  }

  /**
   * Decrypts a ciphertext carried apart from the message.
   *
   * @param key the receiver's key material
   * @param externalAad external additional authenticated data, or null
   * @param detachedCiphertext the ciphertext
   * @return the plaintext
   * @throws CoseException if no recipient yields a content key that decrypts the content
   */
  public byte[] decryptDetached(RecipientKey key, byte[] externalAad, byte[] detachedCiphertext)
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
