package io.coseiot.examples;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.message.Encrypt0Message;

/** Seals a payload as a COSE_Encrypt0 under a symmetric key, and opens it. */
public final class SealAndOpen {
  private SealAndOpen() {}

  /**
   * Seals the plaintext with a fresh A128GCM key and opens the encoded message again.
   *
   * @param plaintext the content
   * @return what the message opened to
   * @throws CoseException if sealing or opening fails
   */
  public static byte[] run(byte[] plaintext) throws CoseException {
    // README:begin
    CoseKey key = CoseKey.generate(Algorithm.A128GCM); // the key names its algorithm
    byte[] sealed = Encrypt0Message.encrypt(key, plaintext, null).encode(); // a fresh IV each time
    byte[] opened = Encrypt0Message.decode(sealed).decrypt(key, null);
    // README:end
    return opened;
  }
}
