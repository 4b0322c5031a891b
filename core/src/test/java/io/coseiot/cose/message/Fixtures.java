package io.coseiot.cose.message;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.HeaderException;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.JcaKeys;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;

/** Small helpers shared by the message-level tests. */
final class Fixtures {
  private Fixtures() {}

  /** A reproducible random source for a jqwik seed, so a failing try replays exactly. */
  static SecureRandom seeded(long seed) {
    Random r = new Random(seed);
    return new SecureRandom() {
      private static final long serialVersionUID = 1L;

      @Override
      public void nextBytes(byte[] bytes) {
        r.nextBytes(bytes);
      }
    };
  }

  /** Random bytes of a given length. */
  static byte[] bytes(SecureRandom random, int length) {
    byte[] b = new byte[length];
    random.nextBytes(b);
    return b;
  }

  /** A symmetric COSE_Key of {@code length} random bytes. */
  static CoseKey symmetric(SecureRandom random, int length) {
    return CoseKey.symmetric(bytes(random, length)).build();
  }

  /** Headers with {@code alg} protected and nothing else. */
  static Headers protectedAlg(Algorithm alg) throws HeaderException {
    return Headers.of(HeaderMap.builder().algorithm(alg).build(), HeaderMap.empty());
  }

  /** A copy with bit {@code bit} (taken modulo the length in bits) flipped. */
  static byte[] flip(byte[] b, int bit) {
    byte[] out = b.clone();
    int i = Math.floorMod(bit, out.length * 8);
    out[i / 8] ^= (byte) (1 << (i % 8));
    return out;
  }

  /** A copy without its last {@code n} bytes. */
  static byte[] dropLast(byte[] b, int n) {
    return Arrays.copyOf(b, b.length - n);
  }

  /** A 2048-bit RSA key pair; slow, so each test class makes one. */
  static CoseKey rsa2048() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      KeyPair kp = g.generateKeyPair();
      return JcaKeys.fromKeyPair(kp.getPublic(), kp.getPrivate());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
