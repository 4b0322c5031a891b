package io.coseiot.cose.algorithm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.NonceException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Wycheproof AEAD vectors through {@link AeadCipher}. A case applies when its key, nonce and tag
 * sizes are those of a COSE algorithm; cases that differ from one only in the nonce size check that
 * the nonce is refused.
 */
class AeadWycheproofTest {

  @TestFactory
  List<DynamicTest> aesGcm() throws Exception {
    return run(
        "aes_gcm_test.json", List.of(Algorithm.A128GCM, Algorithm.A192GCM, Algorithm.A256GCM));
  }

  @TestFactory
  List<DynamicTest> aesCcm() throws Exception {
    return run(
        "aes_ccm_test.json",
        List.of(
            Algorithm.AES_CCM_16_64_128,
            Algorithm.AES_CCM_16_64_256,
            Algorithm.AES_CCM_64_64_128,
            Algorithm.AES_CCM_64_64_256,
            Algorithm.AES_CCM_16_128_128,
            Algorithm.AES_CCM_16_128_256,
            Algorithm.AES_CCM_64_128_128,
            Algorithm.AES_CCM_64_128_256));
  }

  @TestFactory
  List<DynamicTest> chaCha20Poly1305() throws Exception {
    return run("chacha20_poly1305_test.json", List.of(Algorithm.CHACHA20_POLY1305));
  }

  private static List<DynamicTest> run(String file, List<Algorithm> algorithms) throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    int applicable = 0;
    int wrongNonce = 0;
    for (Wycheproof.Case c : Wycheproof.load(file)) {
      int keyBytes = c.group().get("keySize").asInt() / 8;
      int ivBytes = c.group().get("ivSize").asInt() / 8;
      int tagBytes = c.group().get("tagSize").asInt() / 8;
      List<AeadCipher> sameKeyAndTag = new ArrayList<>();
      boolean matched = false;
      for (Algorithm alg : algorithms) {
        AeadCipher aead = AeadCipher.of(alg);
        if (aead.keyLength() == keyBytes && aead.tagLength() == tagBytes) {
          sameKeyAndTag.add(aead);
          if (aead.nonceLength() == ivBytes) {
            matched = true;
            applicable++;
            tests.add(dynamicTest(alg.ianaName() + " " + c, () -> check(aead, c)));
          }
        }
      }
      if (!matched) {
        for (AeadCipher aead : sameKeyAndTag) {
          wrongNonce++;
          tests.add(
              dynamicTest(
                  aead.algorithm().ianaName() + " " + c + " wrong nonce size",
                  () ->
                      assertThrows(
                          NonceException.class,
                          () -> aead.decrypt(c.hex("key"), c.hex("iv"), c.hex("aad"), sealed(c)))));
        }
      }
    }
    int count = applicable;
    System.out.printf(
        "%s: %d applicable cases, %d wrong-nonce cases%n", file, applicable, wrongNonce);
    tests.add(dynamicTest(file + " has applicable cases", () -> assertTrue(count > 0)));
    return tests;
  }

  private static void check(AeadCipher aead, Wycheproof.Case c) throws CoseException {
    byte[] key = c.hex("key");
    byte[] nonce = c.hex("iv");
    byte[] aad = c.hex("aad");
    byte[] sealed = sealed(c);
    if (c.valid()) {
      assertArrayEquals(sealed, aead.encrypt(key, nonce, aad, c.hex("msg")), "encrypt");
      assertArrayEquals(c.hex("msg"), aead.decrypt(key, nonce, aad, sealed), "decrypt");
    } else if (c.acceptable()) {
      try {
        aead.decrypt(key, nonce, aad, sealed);
      } catch (CoseException e) {
        // Either outcome is allowed, as long as it is a COSE failure.
      }
    } else {
      assertThrows(CoseException.class, () -> aead.decrypt(key, nonce, aad, sealed));
    }
  }

  private static byte[] sealed(Wycheproof.Case c) {
    byte[] ct = c.hex("ct");
    byte[] tag = c.hex("tag");
    byte[] out = Arrays.copyOf(ct, ct.length + tag.length);
    System.arraycopy(tag, 0, out, ct.length, tag.length);
    return out;
  }
}
