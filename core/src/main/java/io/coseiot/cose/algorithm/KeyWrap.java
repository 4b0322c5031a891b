package io.coseiot.cose.algorithm;

import io.coseiot.cose.exception.AlgorithmException;
import io.coseiot.cose.exception.CoseException;
import java.util.Objects;

/**
 * AES Key Wrap (RFC 3394) as RFC 9053 §6.2.1 uses it for A128KW, A192KW and A256KW.
 *
 * <p>Instances come from {@link #of(Algorithm)}; there is one per algorithm, it holds no key and it
 * is safe to use from any number of threads at once.
 */
public interface KeyWrap {
  /**
   * Returns the algorithm this key wrap implements.
   *
   * @return the algorithm
   */
  Algorithm algorithm();

  /**
   * Returns the length of the key-encryption key in bytes.
   *
   * @return the KEK length
   */
  int keyLength();

  /**
   * Wraps a key.
   *
   * @param kek the key-encryption key, {@link #keyLength()} bytes
   * @param cek the key to wrap: a multiple of 8 bytes, at least 16
   * @return the wrapped key, 8 bytes longer than {@code cek}
   * @throws io.coseiot.cose.exception.KeyException if either key has an unusable length
   * @throws CoseException on any other failure
   */
  byte[] wrap(byte[] kek, byte[] cek) throws CoseException;

  /**
   * Unwraps a key and checks its integrity.
   *
   * @param kek the key-encryption key, {@link #keyLength()} bytes
   * @param wrapped the wrapped key
   * @return the key
   * @throws io.coseiot.cose.exception.KeyException if the KEK has the wrong length
   * @throws io.coseiot.cose.exception.AuthenticationException if the wrapped key has an impossible
   *     length or fails the integrity check
   * @throws CoseException on any other failure
   */
  byte[] unwrap(byte[] kek, byte[] wrapped) throws CoseException;

  /**
   * Returns the shared key wrap for an AES Key Wrap algorithm.
   *
   * @param alg the algorithm
   * @return the key wrap
   * @throws AlgorithmException if {@code alg} is not A128KW, A192KW or A256KW
   */
  static KeyWrap of(Algorithm alg) throws AlgorithmException {
    Objects.requireNonNull(alg, "alg");
    KeyWrap wrap = AesKeyWrap.lookup(alg);
    if (wrap == null) {
      throw new AlgorithmException(
          alg.ianaName() + " is not an AES Key Wrap algorithm (it is " + alg.kind() + ")");
    }
    return wrap;
  }
}
