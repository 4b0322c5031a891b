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

  /**
   * How a message goes out: its headers and the nonce it is sealed under.
   *
   * @param given the caller's headers
   * @param drawnIv a random IV drawn here, which the sent headers add to the unprotected bucket;
   *     null when the caller's headers carry an IV or Partial IV and are sent as they are
   * @param nonce the AEAD nonce; the drawn IV itself when there is one
   */
  record Sending(Headers given, byte[] drawnIv, byte[] nonce) {
    /** The headers sent. */
    Headers headers() throws HeaderException {
      return drawnIv == null
          ? given
          : given.withUnprotected(HeaderLabel.IV, CBORObject.FromObject(drawnIv));
    }
  }

  /**
   * Draws a random IV unless the headers carry an IV or Partial IV, and returns the nonce; a drawn
   * IV is the nonce as it stands, so it is not read back from a header map.
   *
   * @param baseIv the context IV for a Partial IV, or null if none is known
   */
  static Sending forSending(
      Headers headers, byte[] baseIv, AeadCipher cipher, SecureRandom random, String where)
      throws NonceException {
    if (headers.get(HeaderLabel.IV) != null || headers.get(HeaderLabel.PARTIAL_IV) != null) {
      return new Sending(headers, null, nonce(headers, baseIv, cipher, where));
    }
    byte[] iv = new byte[cipher.nonceLength()];
    random.nextBytes(iv);
    return new Sending(headers, iv, iv);
  }
}
