package io.coseiot.cose.message;

import static io.coseiot.cose.message.Strict.hex;
import static io.coseiot.cose.message.Strict.throwsExactly;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.NonceException;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.KeyLabel;
import org.junit.jupiter.api.Test;

/** Partial IV (RFC 9052 §3.1): the nonce is the Base IV XOR the left-padded Partial IV. */
class PartialIvTest {
  private static final byte[] K = hex("000102030405060708090a0b0c0d0e0f");
  private static final byte[] BASE_IV = hex("a0a1a2a3a4a5a6a7a8a9aaab");
  private static final byte[] PARTIAL_IV = hex("0102");
  // Left-padded Partial IV 000000000000000000000102 XOR the Base IV: only the last two bytes
  // change, AA ^ 01 = AB and AB ^ 02 = A9.
  private static final byte[] NONCE = hex("a0a1a2a3a4a5a6a7a8a9aba9");

  private static Headers partialIvHeaders(Algorithm alg, byte[] partialIv) throws Exception {
    return Headers.of(
        HeaderMap.builder().algorithm(alg).build(),
        HeaderMap.builder().partialIv(partialIv).build());
  }

  private static CoseKey keyWithBaseIv(byte[] baseIv) {
    return CoseKey.symmetric(K).setBytes(KeyLabel.BASE_IV, baseIv).build();
  }

  @Test
  void nonceIsBaseIvXorLeftPaddedPartialIv() throws Exception {
    byte[] plaintext = "partial".getBytes();
    Encrypt0Message m =
        Encrypt0Message.encryptForTestVectors(
            keyWithBaseIv(BASE_IV),
            plaintext,
            null,
            partialIvHeaders(Algorithm.A128GCM, PARTIAL_IV),
            Fixtures.seeded(0));
    // Only the Partial IV is sent; no full IV is added.
    assertArrayEquals(PARTIAL_IV, m.headers().getBytes(HeaderLabel.PARTIAL_IV));
    assertNull(m.headers().get(HeaderLabel.IV));
    // The JDK, given the nonce computed above, produces the same ciphertext.
    byte[] aad = hex("83 68 456e637279707430 43 a10101 40");
    assertArrayEquals(DeterministicEncodingTest.gcm(K, NONCE, aad, plaintext), m.ciphertext());
    Encrypt0Message received = Encrypt0Message.decode(m.encode());
    assertArrayEquals(plaintext, received.decrypt(keyWithBaseIv(BASE_IV), null));
  }

  @Test
  void successiveMessagesOnOneThreadEachGetTheirOwnNonce() throws Exception {
    // The nonce of a Partial IV is built in a per-thread array: messages sealed and opened one
    // after another, with GCM (12 bytes) and CCM (13 bytes) interleaved, must not see each other's.
    CoseKey gcmKey = keyWithBaseIv(BASE_IV);
    CoseKey ccmKey = keyWithBaseIv(hex("00112233445566778899aabbcc"));
    byte[] aad = hex("83 68 456e637279707430 43 a10101 40");
    for (int i = 1; i < 6; i++) {
      byte[] piv = {(byte) i};
      Encrypt0Message gcm =
          Encrypt0Message.encryptForTestVectors(
              gcmKey, piv, null, partialIvHeaders(Algorithm.A128GCM, piv), Fixtures.seeded(i));
      Encrypt0Message ccm =
          Encrypt0Message.encryptForTestVectors(
              ccmKey,
              piv,
              null,
              partialIvHeaders(Algorithm.AES_CCM_16_64_128, piv),
              Fixtures.seeded(i));
      byte[] nonce = BASE_IV.clone();
      nonce[11] ^= (byte) i;
      assertArrayEquals(DeterministicEncodingTest.gcm(K, nonce, aad, piv), gcm.ciphertext());
      assertArrayEquals(piv, Encrypt0Message.decode(ccm.encode()).decrypt(ccmKey, null));
      assertArrayEquals(piv, Encrypt0Message.decode(gcm.encode()).decrypt(gcmKey, null));
    }
  }

  @Test
  void partialIvRoundTripsWithAThirteenByteNonce() throws Exception {
    byte[] baseIv = hex("00112233445566778899aabbcc");
    Encrypt0Message m =
        Encrypt0Message.encryptForTestVectors(
            keyWithBaseIv(baseIv),
            new byte[] {1},
            null,
            partialIvHeaders(Algorithm.AES_CCM_16_64_128, hex("05")),
            Fixtures.seeded(0));
    assertArrayEquals(
        new byte[] {1}, Encrypt0Message.decode(m.encode()).decrypt(keyWithBaseIv(baseIv), null));
  }

  @Test
  void missingBaseIvIsANonceError() throws Exception {
    Headers h = partialIvHeaders(Algorithm.A128GCM, PARTIAL_IV);
    CoseKey plain = CoseKey.symmetric(K).build();
    throwsExactly(
        NonceException.class,
        () ->
            Encrypt0Message.encryptForTestVectors(plain, new byte[1], null, h, Fixtures.seeded(0)));
    Encrypt0Message m =
        Encrypt0Message.encryptForTestVectors(
            keyWithBaseIv(BASE_IV), new byte[1], null, h, Fixtures.seeded(0));
    Encrypt0Message received = Encrypt0Message.decode(m.encode());
    throwsExactly(NonceException.class, () -> received.decrypt(plain, null));
  }

  @Test
  void baseIvOfTheWrongLengthOrPartialIvLongerThanTheNonce() throws Exception {
    Encrypt0Message m =
        Encrypt0Message.encryptForTestVectors(
            keyWithBaseIv(BASE_IV),
            new byte[1],
            null,
            partialIvHeaders(Algorithm.A128GCM, PARTIAL_IV),
            Fixtures.seeded(0));
    throwsExactly(NonceException.class, () -> m.decrypt(keyWithBaseIv(hex("a0a1a2")), null));
    throwsExactly(
        NonceException.class,
        () ->
            Encrypt0Message.encryptForTestVectors(
                keyWithBaseIv(BASE_IV),
                new byte[1],
                null,
                partialIvHeaders(Algorithm.A128GCM, new byte[13]),
                Fixtures.seeded(0)));
  }
}
