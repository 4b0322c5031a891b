package io.coseiot.interop.cosejava;

import java.security.SecureRandom;

/**
 * Hands COSE-JAVA the content key a request names. COSE_Encrypt and COSE_Mac with key-wrap
 * recipients draw their content key from the message's {@code random} field (one {@code nextBytes}
 * call, {@code EncryptMessage.encrypt} / {@code MACMessage.Create}); this source answers that one
 * call with the given key and refuses any other, so nothing random slips in unnoticed.
 */
final class FixedCek extends SecureRandom {
  private static final long serialVersionUID = 1L;

  private final byte[] cek;
  private boolean used;

  FixedCek(byte[] cek) {
    this.cek = cek.clone();
  }

  @Override
  public synchronized void nextBytes(byte[] out) {
    if (used || out.length != cek.length) {
      throw new IllegalStateException(
          "COSE-JAVA asked for "
              + out.length
              + " random bytes; only the "
              + cek.length
              + "-byte cek was expected, once");
    }
    used = true;
    System.arraycopy(cek, 0, out, 0, cek.length);
  }

  /** Whether COSE-JAVA took the key. */
  synchronized boolean used() {
    return used;
  }
}
