package io.coseiot.cose.algorithm;

import io.coseiot.cose.exception.AlgorithmException;
import io.coseiot.cose.exception.CoseException;
import java.util.Objects;

/**
 * A content encryption algorithm of RFC 9053 §4: AES-GCM, AES-CCM or ChaCha20/Poly1305.
 *
 * <p>Instances come from {@link #of(Algorithm)}; there is one per algorithm, it holds no key and it
 * is safe to use from any number of threads at once.
 */
public interface AeadCipher {
  /**
   * Returns the algorithm this cipher implements.
   *
   * @return the algorithm
   */
  Algorithm algorithm();

  /**
   * Returns the key length in bytes.
   *
   * @return the key length
   */
  int keyLength();

  /**
   * Returns the nonce (IV) length in bytes.
   *
   * @return the nonce length
   */
  int nonceLength();

  /**
   * Returns the authentication tag length in bytes.
   *
   * @return the tag length
   */
  int tagLength();

  /**
   * Encrypts and authenticates.
   *
   * @param key the content encryption key, {@link #keyLength()} bytes
   * @param nonce the nonce, {@link #nonceLength()} bytes, never used twice with the same key
   * @param aad the additional authenticated data (the Enc_structure), possibly empty
   * @param plaintext the content
   * @return the ciphertext followed by the tag
   * @throws io.coseiot.cose.exception.KeyException if the key has the wrong length
   * @throws io.coseiot.cose.exception.NonceException if the nonce has the wrong length
   * @throws CoseException if the content is too long for the algorithm
   */
  byte[] encrypt(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) throws CoseException;

  /**
   * Checks the tag and decrypts.
   *
   * @param key the content encryption key, {@link #keyLength()} bytes
   * @param nonce the nonce the content was encrypted with
   * @param aad the additional authenticated data (the Enc_structure), possibly empty
   * @param ciphertextAndTag the ciphertext followed by the tag
   * @return the plaintext
   * @throws io.coseiot.cose.exception.KeyException if the key has the wrong length
   * @throws io.coseiot.cose.exception.NonceException if the nonce has the wrong length
   * @throws io.coseiot.cose.exception.AuthenticationException if the input is shorter than the tag
   *     or the tag does not match
   * @throws CoseException on any other failure
   */
  byte[] decrypt(byte[] key, byte[] nonce, byte[] aad, byte[] ciphertextAndTag)
      throws CoseException;

  /**
   * Returns the shared cipher for a content encryption algorithm.
   *
   * @param alg the algorithm
   * @return the cipher
   * @throws AlgorithmException if {@code alg} is not a content encryption algorithm
   */
  static AeadCipher of(Algorithm alg) throws AlgorithmException {
    Objects.requireNonNull(alg, "alg");
    AeadCipher cipher = JcaAeadCipher.lookup(alg);
    if (cipher == null) {
      cipher = CcmAeadCipher.lookup(alg);
    }
    if (cipher == null) {
      throw new AlgorithmException(
          alg.ianaName() + " is not a content encryption algorithm (it is " + alg.kind() + ")");
    }
    return cipher;
  }
}
