package io.coseiot.cose.message;

import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.algorithm.AeadCipher;
import io.coseiot.cose.exception.HeaderException;
import io.coseiot.cose.exception.NonceException;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.internal.RawAccess;
import java.security.SecureRandom;

/** Nonce rules of RFC 9052 §3.1: a full IV, or a Partial IV combined with a context IV. */
final class Nonces {
  // A Partial IV's nonce is written into this thread's array of its length instead of a new one:
  // every caller hands the nonce straight to a cipher, and the ciphers copy it as they take it
  // (GCMParameterSpec documents its copy; Bouncy Castle's AEADParameters clones too).
  private static final ThreadLocal<byte[][]> PARTIAL_IV_NONCES =
      ThreadLocal.withInitial(() -> new byte[16][]);

  private Nonces() {}

  /**
   * Returns the AEAD nonce a message's headers call for: the IV as held in the headers, or for a
   * Partial IV an array of this thread's that the next call overwrites. Either way, read it only,
   * and only until the cipher has taken it.
   *
   * @param baseIv the context IV (COSE_Key Base IV), or null if none is known
   */
  static byte[] nonce(Headers h, byte[] baseIv, AeadCipher cipher, String where)
      throws NonceException {
    byte[] iv = RawAccess.headerBytes(h, HeaderLabel.IV);
    byte[] partial = RawAccess.headerBytes(h, HeaderLabel.PARTIAL_IV);
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
    byte[][] nonces = PARTIAL_IV_NONCES.get();
    byte[] nonce = n < nonces.length ? nonces[n] : new byte[n];
    if (nonce == null) {
      nonce = new byte[n];
      nonces[n] = nonce;
    }
    System.arraycopy(baseIv, 0, nonce, 0, n);
    for (int i = 0; i < partial.length; i++) {
      nonce[n - partial.length + i] ^= partial[i];
    }
    return nonce;
  }

  /** Whether a sender must draw an IV: the headers carry neither an IV nor a Partial IV. */
  static boolean needsRandomIv(Headers headers) {
    return !headers.contains(HeaderLabel.IV) && !headers.contains(HeaderLabel.PARTIAL_IV);
  }

  /** Draws a random IV of the cipher's nonce length; it is the nonce as it stands. */
  static byte[] randomIv(AeadCipher cipher, SecureRandom random) {
    byte[] iv = new byte[cipher.nonceLength()];
    random.nextBytes(iv);
    return iv;
  }

  /** The headers sent: the caller's, with a drawn IV (if not null) in the unprotected bucket. */
  static Headers sent(Headers given, byte[] drawnIv) throws HeaderException {
    return drawnIv == null
        ? given
        : given.withUnprotected(HeaderLabel.IV, CBORObject.FromObject(drawnIv));
  }
}
