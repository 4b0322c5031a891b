package io.coseiot.cose.algorithm;

import io.coseiot.cose.exception.AlgorithmException;
import io.coseiot.cose.exception.CoseException;
import java.util.Objects;

/**
 * A message authentication code of RFC 9053 §3: HMAC with SHA-2 or AES-CBC-MAC.
 *
 * <p>Instances come from {@link #of(Algorithm)}; there is one per algorithm, it holds no key and it
 * is safe to use from any number of threads at once.
 */
public interface MacFunction {
  /**
   * Returns the algorithm this function implements.
   *
   * @return the algorithm
   */
  Algorithm algorithm();

  /**
   * Returns the key length in bytes: the AES key size for AES-MAC, the hash size for HMAC (the
   * length a derived key gets; HMAC itself accepts keys of any non-zero length).
   *
   * @return the key length
   */
  int keyLength();

  /**
   * Returns the tag length in bytes.
   *
   * @return the tag length
   */
  int tagLength();

  /**
   * Computes the tag.
   *
   * @param key the MAC key
   * @param data the data to authenticate (the MAC_structure)
   * @return the tag, {@link #tagLength()} bytes
   * @throws io.coseiot.cose.exception.KeyException if the key does not fit the algorithm
   * @throws CoseException on any other failure
   */
  byte[] compute(byte[] key, byte[] data) throws CoseException;

  /**
   * Computes the tag over {@code head} followed by {@code tail}, as if they were one array: lets a
   * caller authenticate a structure whose last field is a long payload without copying it.
   *
   * @param key the MAC key
   * @param head the first part of the data
   * @param tail the rest of the data
   * @return the tag, {@link #tagLength()} bytes
   * @throws io.coseiot.cose.exception.KeyException if the key does not fit the algorithm
   * @throws CoseException on any other failure
   */
  default byte[] compute(byte[] key, byte[] head, byte[] tail) throws CoseException {
    return compute(key, concat(head, tail));
  }

  /**
   * Checks a tag over {@code head} followed by {@code tail} in constant time.
   *
   * @param key the MAC key
   * @param head the first part of the data
   * @param tail the rest of the data
   * @param tag the tag received
   * @throws io.coseiot.cose.exception.AuthenticationException if the tag has the wrong length or
   *     does not match
   * @throws io.coseiot.cose.exception.KeyException if the key does not fit the algorithm
   * @throws CoseException on any other failure
   */
  default void verify(byte[] key, byte[] head, byte[] tail, byte[] tag) throws CoseException {
    verify(key, concat(head, tail), tag);
  }

  private static byte[] concat(byte[] head, byte[] tail) {
    byte[] data = java.util.Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, data, head.length, tail.length);
    return data;
  }

  /**
   * Checks a tag in constant time.
   *
   * @param key the MAC key
   * @param data the data that was authenticated
   * @param tag the tag received
   * @throws io.coseiot.cose.exception.AuthenticationException if the tag has the wrong length or
   *     does not match
   * @throws io.coseiot.cose.exception.KeyException if the key does not fit the algorithm
   * @throws CoseException on any other failure
   */
  void verify(byte[] key, byte[] data, byte[] tag) throws CoseException;

  /**
   * Returns the shared function for a MAC algorithm.
   *
   * @param alg the algorithm
   * @return the function
   * @throws AlgorithmException if {@code alg} is not a MAC algorithm
   */
  static MacFunction of(Algorithm alg) throws AlgorithmException {
    Objects.requireNonNull(alg, "alg");
    MacFunction mac = HmacFunction.lookup(alg);
    if (mac == null) {
      mac = AesCbcMacFunction.lookup(alg);
    }
    if (mac == null) {
      throw new AlgorithmException(
          alg.ianaName() + " is not a MAC algorithm (it is " + alg.kind() + ")");
    }
    return mac;
  }
}
