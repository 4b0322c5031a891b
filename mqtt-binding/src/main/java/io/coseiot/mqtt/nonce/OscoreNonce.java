package io.coseiot.mqtt.nonce;

import io.coseiot.cose.exception.NonceException;
import io.coseiot.cose.primitive.PartialIvs;

/**
 * The counter-mode nonce of the cose-iot MQTT profile 1, OSCORE's (RFC 8613 §5.2, computed by
 * core's {@link PartialIvs}), and its Partial IV encoding of sequence numbers. For a nonce of
 * length {@code n} (12 for AES-GCM and ChaCha20/Poly1305, 13 for AES-CCM-16-64-128):
 *
 * <pre>
 * nonce = commonIv XOR ( len(sid) : 1 byte
 *                     || sid left-padded with zeros to n - 6 bytes
 *                     || Partial IV left-padded with zeros to 5 bytes )
 * </pre>
 *
 * The Partial IV is the sender sequence number in minimal big-endian bytes (0 is {@code 0x00}), at
 * most 5 bytes, so sequence numbers stop at 2^40 - 1.
 */
public final class OscoreNonce {
  /** Largest sequence number a 5-byte Partial IV holds. */
  public static final long MAX_SEQUENCE = (1L << 40) - 1;

  private OscoreNonce() {}

  /**
   * Encodes a sequence number as a Partial IV.
   *
   * @param seq the sequence number, 0 to {@link #MAX_SEQUENCE}
   * @return its minimal big-endian bytes, at least one
   */
  public static byte[] partialIv(long seq) {
    if (seq < 0 || seq > MAX_SEQUENCE) {
      throw new IllegalArgumentException("sequence number out of range: " + seq);
    }
    int len = 1;
    while (len < 5 && (seq >>> (8 * len)) != 0) {
      len++;
    }
    byte[] out = new byte[len];
    for (int i = 0; i < len; i++) {
      out[len - 1 - i] = (byte) (seq >>> (8 * i));
    }
    return out;
  }

  /**
   * Decodes a Partial IV.
   *
   * @param piv the Partial IV, 1 to 5 bytes
   * @return the sequence number
   * @throws IllegalArgumentException if the length is out of range or the encoding is not minimal
   */
  public static long sequence(byte[] piv) {
    if (piv.length < 1 || piv.length > 5 || (piv.length > 1 && piv[0] == 0)) {
      throw new IllegalArgumentException("Partial IV must be 1 to 5 bytes, minimal");
    }
    long v = 0;
    for (byte b : piv) {
      v = (v << 8) | (b & 0xff);
    }
    return v;
  }

  /**
   * Returns the largest sender id a nonce length allows.
   *
   * @param nonceLength the nonce length
   * @return {@code nonceLength - 6}
   */
  public static int maxSenderIdLength(int nonceLength) {
    return nonceLength - 6;
  }

  /**
   * Computes the nonce.
   *
   * @param commonIv the common IV, the nonce length
   * @param senderId the sender id, at most {@code n - 6} bytes
   * @param partialIv the Partial IV, 1 to 5 bytes
   * @return the nonce
   */
  public static byte[] nonce(byte[] commonIv, byte[] senderId, byte[] partialIv) {
    try {
      return PartialIvs.oscoreNonce(commonIv, senderId, partialIv);
    } catch (NonceException e) {
      throw new IllegalArgumentException("sender id or Partial IV too long for the nonce", e);
    }
  }
}
