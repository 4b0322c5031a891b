package io.coseiot.cose.algorithm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.cose.exception.AlgorithmException;
import io.coseiot.cose.exception.AuthenticationException;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.exception.NonceException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Refusals, their exception types and messages, and the reuse rules of the cached ciphers. */
class SymmetricErrorsTest {

  @Test
  void factoriesRefuseOtherKindsAndShareInstances() throws CoseException {
    assertThrows(AlgorithmException.class, () -> AeadCipher.of(Algorithm.ES256));
    assertThrows(AlgorithmException.class, () -> MacFunction.of(Algorithm.A128GCM));
    assertThrows(AlgorithmException.class, () -> KeyWrap.of(Algorithm.HMAC_256_256));
    assertSame(AeadCipher.of(Algorithm.A128GCM), AeadCipher.of(Algorithm.A128GCM));
    assertSame(MacFunction.of(Algorithm.AES_MAC_128_64), MacFunction.of(Algorithm.AES_MAC_128_64));
    assertSame(KeyWrap.of(Algorithm.A128KW), KeyWrap.of(Algorithm.A128KW));
  }

  @ParameterizedTest
  @EnumSource(
      value = Algorithm.class,
      names = {"A.*GCM", "AES_CCM_.*", "CHACHA20_POLY1305"},
      mode = EnumSource.Mode.MATCH_ANY)
  void aeadChecksLengths(Algorithm alg) throws CoseException {
    AeadCipher aead = AeadCipher.of(alg);
    byte[] key = new byte[aead.keyLength()];
    byte[] nonce = new byte[aead.nonceLength()];
    byte[] shortKey = new byte[aead.keyLength() - 1];
    KeyException k =
        assertThrows(
            KeyException.class, () -> aead.encrypt(shortKey, nonce, new byte[0], new byte[1]));
    assertEquals(
        alg.ianaName() + ": key is " + shortKey.length + " bytes, expected " + key.length,
        k.getMessage());
    assertThrows(
        KeyException.class, () -> aead.decrypt(shortKey, nonce, new byte[0], new byte[32]));
    byte[] longNonce = new byte[aead.nonceLength() + 1];
    assertThrows(
        NonceException.class, () -> aead.encrypt(key, longNonce, new byte[0], new byte[1]));
    assertThrows(
        NonceException.class, () -> aead.decrypt(key, longNonce, new byte[0], new byte[32]));
    byte[] truncated = new byte[aead.tagLength() - 1];
    AuthenticationException a =
        assertThrows(
            AuthenticationException.class, () -> aead.decrypt(key, nonce, new byte[0], truncated));
    assertTrue(a.getMessage().contains("truncated tag"), a.getMessage());
  }

  @ParameterizedTest
  @EnumSource(
      value = Algorithm.class,
      names = {"A.*GCM", "CHACHA20_POLY1305"},
      mode = EnumSource.Mode.MATCH_ANY)
  void sameKeyAndNonceTwiceOnOneThreadStillWorks(Algorithm alg) throws CoseException {
    // The JDK refuses to re-initialise a Cipher with its previous key and nonce; the cached
    // ciphers must not pass that on to callers that legitimately repeat an operation.
    AeadCipher aead = AeadCipher.of(alg);
    byte[] key = new byte[aead.keyLength()];
    byte[] nonce = new byte[aead.nonceLength()];
    byte[] aad = {1};
    byte[] plaintext = {2, 3};
    byte[] sealed = aead.encrypt(key, nonce, aad, plaintext);
    assertArrayEquals(sealed, aead.encrypt(key, nonce, aad, plaintext));
    assertArrayEquals(plaintext, aead.decrypt(key, nonce, aad, sealed));
    assertArrayEquals(plaintext, aead.decrypt(key, nonce, aad, sealed));
    assertArrayEquals(sealed, aead.encrypt(key, nonce, aad, plaintext));
  }

  @Test
  void ciphersAreSafeAcrossThreads() throws Exception {
    AeadCipher gcm = AeadCipher.of(Algorithm.A128GCM);
    AeadCipher ccm = AeadCipher.of(Algorithm.AES_CCM_16_64_128);
    MacFunction mac = MacFunction.of(Algorithm.AES_MAC_128_64);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> jobs = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        byte seed = (byte) t;
        jobs.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 500; i++) {
                    byte[] key = filled(16, seed);
                    byte[] data = filled(1 + i % 40, (byte) i);
                    for (AeadCipher aead : List.of(gcm, ccm)) {
                      byte[] nonce = filled(aead.nonceLength(), (byte) i);
                      byte[] sealed = aead.encrypt(key, nonce, data, data);
                      assertArrayEquals(data, aead.decrypt(key, nonce, data, sealed));
                    }
                    mac.verify(key, data, mac.compute(key, data));
                  }
                  return null;
                }));
      }
      for (Future<?> job : jobs) {
        job.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void macChecksKeysAndTagLengths() throws CoseException {
    MacFunction hmac = MacFunction.of(Algorithm.HMAC_256_64);
    assertEquals(32, hmac.keyLength());
    assertEquals(8, hmac.tagLength());
    assertThrows(KeyException.class, () -> hmac.compute(new byte[0], new byte[1]));
    byte[] oddKey = new byte[5];
    byte[] tag = hmac.compute(oddKey, new byte[1]);
    AuthenticationException a =
        assertThrows(
            AuthenticationException.class,
            () -> hmac.verify(oddKey, new byte[1], Arrays.copyOf(tag, 7)));
    assertEquals("HMAC 256/64: tag is 7 bytes, expected 8", a.getMessage());
    MacFunction aesMac = MacFunction.of(Algorithm.AES_MAC_256_128);
    assertThrows(KeyException.class, () -> aesMac.compute(new byte[16], new byte[1]));
  }

  @Test
  void keyWrapChecksLengths() throws CoseException {
    KeyWrap wrap = KeyWrap.of(Algorithm.A192KW);
    assertThrows(KeyException.class, () -> wrap.wrap(new byte[16], new byte[16]));
    assertThrows(KeyException.class, () -> wrap.wrap(new byte[24], new byte[8]));
    assertThrows(KeyException.class, () -> wrap.wrap(new byte[24], new byte[20]));
    assertThrows(KeyException.class, () -> wrap.unwrap(new byte[32], new byte[24]));
    assertThrows(AuthenticationException.class, () -> wrap.unwrap(new byte[24], new byte[16]));
    assertThrows(AuthenticationException.class, () -> wrap.unwrap(new byte[24], new byte[24]));
  }

  @Test
  void hkdfMatchesRfc5869AndChecksArguments() throws CoseException {
    HexFormat hex = HexFormat.of();
    // RFC 5869 appendix A.1.
    byte[] ikm = hex.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
    byte[] salt = hex.parseHex("000102030405060708090a0b0c");
    byte[] info = hex.parseHex("f0f1f2f3f4f5f6f7f8f9");
    assertArrayEquals(
        hex.parseHex(
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"),
        Hkdf.derive(Algorithm.DIRECT_HKDF_SHA_256, salt, ikm, info, 42));
    assertThrows(AlgorithmException.class, () -> Hkdf.derive("HmacSHA1", salt, ikm, info, 16));
    assertThrows(KeyException.class, () -> Hkdf.derive(Hkdf.HMAC_SHA_512, salt, ikm, info, 16321));
    assertThrows(KeyException.class, () -> Hkdf.expand(Hkdf.HMAC_SHA_256, new byte[31], info, 16));
    assertThrows(KeyException.class, () -> Hkdf.deriveAesMac(new byte[24], info, 16));
    assertThrows(KeyException.class, () -> Hkdf.deriveAesMac(new byte[16], info, 255 * 16 + 1));
    assertThrows(
        KeyException.class,
        () -> Hkdf.derive(Algorithm.DIRECT_HKDF_AES_128, null, new byte[32], info, 16));
    assertThrows(
        AlgorithmException.class, () -> Hkdf.derive(Algorithm.A128GCM, null, ikm, info, 16));
  }

  private static byte[] filled(int length, byte value) {
    byte[] out = new byte[length];
    Arrays.fill(out, value);
    return out;
  }
}
