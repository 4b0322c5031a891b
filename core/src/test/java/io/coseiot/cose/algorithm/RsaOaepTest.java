package io.coseiot.cose.algorithm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.coseiot.cose.exception.AlgorithmException;
import io.coseiot.cose.exception.AuthenticationException;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.JcaKeys;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** RSAES-OAEP key transport. */
class RsaOaepTest {
  private static KeyPair pair;
  private static CoseKey key;

  @BeforeAll
  static void generate() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    pair = g.generateKeyPair();
    key = JcaKeys.fromKeyPair(pair.getPublic(), pair.getPrivate());
  }

  @ParameterizedTest
  @EnumSource(
      value = Algorithm.class,
      names = {"RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "RSAES_OAEP_SHA_512"})
  void roundTripsAndRefusesTampering(Algorithm alg) throws Exception {
    byte[] cek = new byte[32];
    new SecureRandom().nextBytes(cek);
    byte[] enc = RsaOaep.encrypt(alg, key.publicKey(), cek, new SecureRandom());
    assertEquals(256, enc.length);
    assertArrayEquals(cek, RsaOaep.decrypt(alg, key, enc));
    byte[] tampered = enc.clone();
    tampered[100] ^= 1;
    assertThrows(AuthenticationException.class, () -> RsaOaep.decrypt(alg, key, tampered));
    assertThrows(
        AuthenticationException.class, () -> RsaOaep.decrypt(alg, key, Arrays.copyOf(enc, 255)));
  }

  @Test
  void mgf1UsesTheOaepHash() throws Exception {
    // Decrypt with an independently configured JCA cipher: SHA-256 for both OAEP and MGF1.
    byte[] cek = new byte[16];
    byte[] enc =
        RsaOaep.encrypt(Algorithm.RSAES_OAEP_SHA_256, key.publicKey(), cek, new SecureRandom());
    Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
    c.init(
        Cipher.DECRYPT_MODE,
        pair.getPrivate(),
        new OAEPParameterSpec(
            "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
    assertArrayEquals(cek, c.doFinal(enc));
    assertThrows(
        AuthenticationException.class,
        () -> RsaOaep.decrypt(Algorithm.RSAES_OAEP_SHA_512, key, enc));
  }

  @Test
  void refusesOtherAlgorithmsKeysAndOversizedCeks() {
    assertThrows(
        AlgorithmException.class,
        () -> RsaOaep.encrypt(Algorithm.A128KW, key, new byte[16], new SecureRandom()));
    assertThrows(
        KeyException.class,
        () ->
            RsaOaep.encrypt(
                Algorithm.RSAES_OAEP_SHA_256,
                CoseKey.symmetric(new byte[16]).build(),
                new byte[16],
                new SecureRandom()));
    assertThrows(
        KeyException.class,
        () ->
            RsaOaep.encrypt(
                Algorithm.RSAES_OAEP_SHA_512, key, new byte[256 - 128 - 1], new SecureRandom()));
    assertThrows(
        KeyException.class,
        () -> RsaOaep.decrypt(Algorithm.RSAES_OAEP_SHA_256, key.publicKey(), new byte[256]));
  }
}
