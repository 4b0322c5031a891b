package io.coseiot.cose.algorithm;

import io.coseiot.cose.exception.AlgorithmException;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.key.CoseKey;

/**
 * A COSE signature algorithm (RFC 9053 §2, RFC 8230, RFC 9864): ECDSA (ES256, ES384, ES512, and the
 * fully-specified ESP256, ESP384, ESP512) with the raw fixed-length {@code r || s} signature, EdDSA
 * on Ed25519 or Ed448 (and the fully-specified Ed25519, Ed448), RSASSA-PSS (PS256, PS384, PS512)
 * and RSASSA-PKCS1-v1_5 (RS256, RS384, RS512). A fully-specified algorithm refuses a key on any
 * other curve than its own with a {@link io.coseiot.cose.exception.KeyException} naming both.
 *
 * <p>Instances are stateless singletons, safe to share between threads.
 */
public interface SignatureScheme {
  /**
   * Returns the algorithm.
   *
   * @return the algorithm
   */
  Algorithm algorithm();

  /**
   * Signs the ToBeSigned bytes.
   *
   * @param key a private key that fits the algorithm
   * @param toBeSigned the Sig_structure encoding
   * @return the signature as sent in COSE
   * @throws io.coseiot.cose.exception.KeyException if the key has the wrong type, curve or size, no
   *     private part, or an {@code alg} or {@code key_ops} that forbids this use
   * @throws CoseException for any other failure
   */
  byte[] sign(CoseKey key, byte[] toBeSigned) throws CoseException;

  /**
   * Verifies a signature over the ToBeSigned bytes.
   *
   * @param key a public (or private) key that fits the algorithm
   * @param toBeSigned the Sig_structure encoding
   * @param signature the signature as received
   * @throws io.coseiot.cose.exception.AuthenticationException if the signature has the wrong length
   *     or does not verify
   * @throws io.coseiot.cose.exception.KeyException if the key has the wrong type, curve or size, is
   *     not a valid public key, or has an {@code alg} or {@code key_ops} that forbids this use
   * @throws CoseException for any other failure
   */
  void verify(CoseKey key, byte[] toBeSigned, byte[] signature) throws CoseException;

  /**
   * Returns the scheme for a signature algorithm.
   *
   * @param algorithm the algorithm
   * @return the shared instance
   * @throws AlgorithmException if the algorithm is not a signature algorithm
   */
  static SignatureScheme of(Algorithm algorithm) throws AlgorithmException {
    return JcaSignatureScheme.of(algorithm);
  }
}
