package io.coseiot.examples;

import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.message.Encrypt0Message;
import java.security.SecureRandom;

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
    SecureRandom random = new SecureRandom();
    byte[] secret = new byte[16];
    random.nextBytes(secret);
    CoseKey key = CoseKey.symmetric(secret).algorithm(Algorithm.A128GCM).build();
    CBORObject alg = CBORObject.FromObject(Algorithm.A128GCM.id());
    Headers headers =
        Headers.of(HeaderMap.builder().set(HeaderLabel.ALG, alg).build(), HeaderMap.empty());

    byte[] sealed = Encrypt0Message.encrypt(headers, key, plaintext, null, random).encode();
    byte[] opened = Encrypt0Message.decode(sealed).decrypt(key, null);
    // README:end
    return opened;
  }
}
