package io.coseiot.cose.algorithm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.coseiot.cose.exception.AuthenticationException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The AEAD and HMAC primitives keep the key of their latest call per thread; these check that a
 * changed key, including the same array changed in place, is always the one used, against the JCA
 * called directly.
 */
class PerThreadKeyTest {
  private static byte[] bytes(int n, int seed) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (seed + i * 13);
    }
    return b;
  }

  private static byte[] jcaGcm(byte[] key, byte[] nonce, byte[] aad, byte[] pt) throws Exception {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
    c.updateAAD(aad);
    return c.doFinal(pt);
  }

  private static byte[] jcaHmac(byte[] key, byte[] data) throws Exception {
    Mac m = Mac.getInstance("HmacSHA256");
    m.init(new SecretKeySpec(key, "HmacSHA256"));
    return m.doFinal(data);
  }

  @Test
  void aeadUsesTheKeyOfEachCallEvenWhenTheArrayChangesInPlace() throws Exception {
    AeadCipher gcm = AeadCipher.of(Algorithm.A128GCM);
    byte[] k1 = bytes(16, 1);
    byte[] k2 = bytes(16, 2);
    byte[] aad = bytes(15, 3);
    byte[] pt = bytes(64, 4);
    byte[] mutable = k1.clone();
    byte[][] keys = {k1, k2, k1, mutable, null};
    for (int i = 0; i < keys.length; i++) {
      byte[] key = keys[i];
      if (key == null) {
        // The array the previous call used, now holding another key.
        mutable[0] ^= 0x01;
        key = mutable;
      }
      byte[] nonce = bytes(12, 40 + i);
      byte[] ct = gcm.encrypt(key, nonce, aad, pt);
      assertArrayEquals(jcaGcm(key, nonce, aad, pt), ct, "call " + i);
      assertArrayEquals(pt, gcm.decrypt(key, nonce, aad, ct), "call " + i);
      byte[] other = key == k2 ? k1 : k2;
      assertThrows(AuthenticationException.class, () -> gcm.decrypt(other, nonce, aad, ct));
    }
  }

  @Test
  void hmacUsesTheKeyOfEachCallEvenWhenTheArrayChangesInPlace() throws Exception {
    MacFunction hmac = MacFunction.of(Algorithm.HMAC_256_64);
    byte[] data = bytes(77, 5);
    byte[] k1 = bytes(32, 6);
    byte[] k2 = bytes(32, 7);
    byte[] mutable = k2.clone();
    for (byte[] key : new byte[][] {k1, k1, k2, k1, mutable}) {
      byte[] expected = Arrays.copyOf(jcaHmac(key, data), 8);
      assertArrayEquals(expected, hmac.compute(key, data));
      hmac.verify(key, data, expected);
      mutable[31] ^= 0x40;
    }
    byte[] expected = Arrays.copyOf(jcaHmac(mutable, data), 8);
    assertArrayEquals(expected, hmac.compute(mutable, data));
  }

  @Test
  void hmacStartsAfreshAfterACallerStoppedFeedingHalfWay() throws Exception {
    byte[] key = bytes(32, 8);
    byte[] data = bytes(40, 9);
    HmacFunction.SHA_256.initialised(key).update(bytes(100, 10));
    assertArrayEquals(jcaHmac(key, data), HmacFunction.SHA_256.compute(key, data));
  }

  @Test
  void theTwoPartFormsAreTheOnePartFormOfTheJoinedData() throws Exception {
    byte[] head = bytes(11, 11);
    byte[] tail = bytes(300, 12);
    byte[] joined = Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, joined, head.length, tail.length);
    for (Algorithm alg : new Algorithm[] {Algorithm.HMAC_256_64, Algorithm.AES_MAC_128_64}) {
      MacFunction f = MacFunction.of(alg);
      byte[] key = bytes(f.keyLength(), 13);
      byte[] tag = f.compute(key, joined);
      assertArrayEquals(tag, f.compute(key, head, tail), alg.name());
      f.verify(key, head, tail, tag);
      tag[0] ^= 1;
      assertThrows(AuthenticationException.class, () -> f.verify(key, head, tail, tag));
    }
  }
}
