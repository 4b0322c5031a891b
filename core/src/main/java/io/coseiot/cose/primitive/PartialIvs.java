package io.coseiot.cose.primitive;

import io.coseiot.cose.exception.NonceException;

/**
 * The two ways a Partial IV becomes an AEAD nonce: RFC 9052 §3.1 (left-padded, XOR the key's Base
 * IV) and OSCORE's, RFC 8613 §5.2, which also mixes in the sender id so that senders sharing a key
 * never share a nonce:
 *
 * <pre>
 * nonce = commonIv XOR ( len(sid) : 1 byte
 *                     || sid left-padded with zeros to n - 6 bytes
 *                     || Partial IV left-padded with zeros to 5 bytes )
 * </pre>
 */
public final class PartialIvs {
  private PartialIvs() {}

  /**
   * Returns the nonce of RFC 9052 §3.1.
   *
   * @param baseIv the key's Base IV, the nonce length
   * @param partialIv the Partial IV, at most the nonce length
   * @return a new array
   * @throws NonceException if the Partial IV is longer than the nonce
   */
  public static byte[] nonce(byte[] baseIv, byte[] partialIv) throws NonceException {
    int n = baseIv.length;
    if (partialIv.length > n) {
      throw new NonceException("Partial IV is longer than the " + n + "-byte nonce");
    }
    byte[] out = baseIv.clone();
    xorRight(out, partialIv, n);
    return out;
  }

  /**
   * Returns the nonce of OSCORE (RFC 8613 §5.2).
   *
   * @param commonIv the common IV, the nonce length (at least 7)
   * @param senderId the sender id, at most the nonce length minus 6 bytes
   * @param partialIv the Partial IV, 1 to 5 bytes
   * @return a new array
   * @throws NonceException if the sender id or Partial IV does not fit
   */
  public static byte[] oscoreNonce(byte[] commonIv, byte[] senderId, byte[] partialIv)
      throws NonceException {
    int n = commonIv.length;
    if (n < 7 || senderId.length > n - 6 || partialIv.length < 1 || partialIv.length > 5) {
      throw new NonceException(
          "an OSCORE nonce of "
              + n
              + " bytes takes a 1 to 5 byte Partial IV and a sender id of at most "
              + Math.max(0, n - 6)
              + " bytes; got "
              + partialIv.length
              + " and "
              + senderId.length);
    }
    byte[] out = commonIv.clone();
    out[0] ^= (byte) senderId.length;
    xorRight(out, senderId, n - 5);
    xorRight(out, partialIv, n);
    return out;
  }

  /** XORs {@code value} into {@code out} so that it ends just before {@code end}. */
  private static void xorRight(byte[] out, byte[] value, int end) {
    for (int i = 0; i < value.length; i++) {
      out[end - value.length + i] ^= value[i];
    }
  }
}
