package io.coseiot.cose.message;

import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.algorithm.AeadCipher;
import io.coseiot.cose.exception.HeaderException;
import io.coseiot.cose.exception.NonceException;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.header.Headers;
import java.security.SecureRandom;

/** Nonce rules of RFC 9052 §3.1: a full IV, or a Partial IV combined with a context IV. */
final class Nonces {
  private Nonces() {}

  /**
   * Returns the AEAD nonce a message's headers call for.
   *
   * @param baseIv the context IV (COSE_Key Base IV), or null if none is known
   */
  static byte[] nonce(Headers h, byte[] baseIv, AeadCipher cipher, String where)
      throws NonceException {
    byte[] iv = h.getBytes(HeaderLabel.IV);
    byte[] partial = h.getBytes(HeaderLabel.PARTIAL_IV);
    int n = cipher.nonceLength();
    if (iv != null && partial != null) {
      throw new NonceException(where + ": both IV and Partial IV are present");
    }
    if (iv != null) {
      if (iv.length != n) {
        throw new NonceException(
            where + ": IV is " + iv.length + " bytes, " + cipher.algorithm() + " needs " + n);
      }
      return iv;
    }
    if (partial == null) {
      throw new NonceException(where + ": neither IV nor Partial IV is present");
    }
    if (baseIv == null) {
      throw new NonceException(where + ": Partial IV present but no context (base) IV is known");
    }
    if (baseIv.length != n) {
      throw new NonceException(
          where
              + ": base IV is "
              + baseIv.length
              + " bytes, "
              + cipher.algorithm()
              + " needs "
              + n);
    }
    if (partial.length > n) {
      throw new NonceException(where + ": Partial IV is longer than the nonce");
    }
    // Left-pad the Partial IV with zeros to the nonce length, then XOR with the context IV.
    byte[] nonce = baseIv.clone();
    for (int i = 0; i < partial.length; i++) {
      nonce[n - partial.length + i] ^= partial[i];
    }
    return nonce;
  }

  /** Adds a random IV to the unprotected bucket unless the headers already have an IV. */
  static Headers withRandomIv(Headers headers, AeadCipher cipher, SecureRandom random)
      throws HeaderException {
    if (headers.get(HeaderLabel.IV) != null || headers.get(HeaderLabel.PARTIAL_IV) != null) {
      return headers;
    }
    byte[] iv = new byte[cipher.nonceLength()];
    random.nextBytes(iv);
    // The IV array is ours alone, so it goes in without the copy the builder makes.
    return headers.withUnprotected(
        headers.unprotectedMap().with(HeaderLabel.IV, CBORObject.FromObject(iv)));
  }
}
