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
   * The headers a message goes out with and the nonce it is sealed under.
   *
   * @param headers the headers, with a random IV added if the caller gave none
   * @param nonce the AEAD nonce; the IV itself when one was drawn here
   */
  record Sending(Headers headers, byte[] nonce) {}

  /**
   * Draws a random IV into the unprotected bucket unless the headers carry an IV or Partial IV, and
   * returns the nonce; a drawn IV is the nonce as it stands, so it is not read back from the map.
   *
   * @param baseIv the context IV for a Partial IV, or null if none is known
   */
  static Sending forSending(
      Headers headers, byte[] baseIv, AeadCipher cipher, SecureRandom random, String where)
      throws HeaderException, NonceException {
    if (headers.get(HeaderLabel.IV) != null || headers.get(HeaderLabel.PARTIAL_IV) != null) {
      return new Sending(headers, nonce(headers, baseIv, cipher, where));
    }
    byte[] iv = new byte[cipher.nonceLength()];
    random.nextBytes(iv);
    // The IV array is ours alone, so it goes in without the copy the builder makes; the cipher
    // only reads it.
    return new Sending(headers.withUnprotected(HeaderLabel.IV, CBORObject.FromObject(iv)), iv);
  }
}
