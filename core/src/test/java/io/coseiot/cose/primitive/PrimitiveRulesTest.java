package io.coseiot.cose.primitive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.cbor.CborWriter;
import io.coseiot.cose.exception.AlgorithmException;
import io.coseiot.cose.exception.AuthenticationException;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.exception.NonceException;
import io.coseiot.cose.exception.StructureException;
import io.coseiot.cose.exception.TagException;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.Curve;
import io.coseiot.cose.key.KeyLabel;
import io.coseiot.cose.key.KeyPairs;
import io.coseiot.cose.message.MessageType;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the primitives refuse, and what they send without being asked. */
class PrimitiveRulesTest {
  private static final byte[] K = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
  private static final byte[] KID = {'k', '1'};
  private static final byte[] BASE_IV = HexFormat.of().parseHex("a0a1a2a3a4a5a6a7a8a9aaab");

  private static CoseKey aesKey() {
    return CoseKey.symmetric(K)
        .keyId(KID)
        .algorithm(Algorithm.A128GCM)
        .setBytes(KeyLabel.BASE_IV, BASE_IV)
        .build();
  }

  private static ReceivedMessage parse(MessageType t, byte[] b) throws Exception {
    return ReceivedMessage.parse(t, b, Set.of("sid"));
  }

  @Test
  void theKeyFillsTheHeadersAndItsKidIsSent() throws Exception {
    Encrypt0Primitive p = Encrypt0Primitive.builder(aesKey()).build();
    ReceivedMessage m = parse(MessageType.ENCRYPT0, p.seal(new byte[] {1}, p.prepare(null)));
    assertEquals(Algorithm.A128GCM, m.algorithm());
    assertArrayEquals(new byte[] {(byte) 0xa1, 0x01, 0x01}, m.headers().protectedBytes());
    assertArrayEquals(KID, m.kid());
    assertEquals(12, m.iv().length);
    assertNull(m.partialIv());
  }

  @Test
  void randomIvsDiffer() throws Exception {
    Encrypt0Primitive p = Encrypt0Primitive.builder(aesKey()).build();
    Aad aad = p.prepare(null);
    byte[] a = parse(MessageType.ENCRYPT0, p.seal(new byte[0], aad)).iv();
    byte[] b = parse(MessageType.ENCRYPT0, p.seal(new byte[0], aad)).iv();
    assertTrue(!java.util.Arrays.equals(a, b));
  }

  @Test
  void nullsAreRefusedWithTheParameterName() {
    NullPointerException e =
        assertThrows(
            NullPointerException.class, () -> Encrypt0Primitive.builder(aesKey()).random(null));
    assertEquals("random", e.getMessage());
    assertEquals(
        "key",
        assertThrows(NullPointerException.class, () -> Mac0Primitive.builder(null)).getMessage());
  }

  @Test
  void aKeyWithoutAlgIsRefusedSayingWhatToSet() {
    AlgorithmException e =
        assertThrows(
            AlgorithmException.class,
            () -> Encrypt0Primitive.builder(CoseKey.symmetric(K).build()).build());
    assertTrue(e.getMessage().contains("no alg parameter"), e.getMessage());
    assertThrows(
        AlgorithmException.class,
        () -> Mac0Primitive.builder(aesKey()).build(),
        "an AEAD key is not a MAC key");
    assertThrows(
        KeyException.class,
        () ->
            Encrypt0Primitive.builder(
                    CoseKey.symmetric(new byte[15]).algorithm(Algorithm.A128GCM).build())
                .build());
  }

  @Test
  void partialIvsNeedABaseIvAndOscoreNoncesASenderId() throws Exception {
    CoseKey noBase = CoseKey.symmetric(K).algorithm(Algorithm.A128GCM).build();
    Encrypt0Primitive p = Encrypt0Primitive.builder(noBase).build();
    assertThrows(
        NonceException.class,
        () -> p.sealWithPartialIv(new byte[] {1}, new byte[0], p.prepare(null)));
    Encrypt0Primitive oscore = Encrypt0Primitive.builder(aesKey()).oscoreNonces("sid").build();
    assertThrows(
        NonceException.class,
        () -> oscore.sealWithPartialIv(new byte[] {1}, new byte[0], oscore.prepare(null)));
    assertThrows(
        KeyException.class,
        () -> Encrypt0Primitive.builder(aesKey()).oscoreNonces("sid").senderId(new byte[7]).build(),
        "7 bytes do not fit a 12-byte nonce");
  }

  @Test
  void theOscoreNonceIsRfc8613s() throws Exception {
    // RFC 8613 §5.2 with sid 0x01 and Partial IV 0x05 on a 12-byte common IV.
    byte[] expected = BASE_IV.clone();
    expected[0] ^= 1;
    expected[6] ^= 1;
    expected[11] ^= 5;
    Encrypt0Primitive p =
        Encrypt0Primitive.builder(aesKey()).oscoreNonces("sid").senderId(new byte[] {1}).build();
    byte[] sent = p.sealWithPartialIv(new byte[] {5}, new byte[] {42}, p.prepare(null));
    CoseKey sameKeyIvAsNonce =
        CoseKey.symmetric(K)
            .algorithm(Algorithm.A128GCM)
            .setBytes(KeyLabel.BASE_IV, expected)
            .build();
    // The same ciphertext under a plain Partial IV 0x00 on a Base IV equal to the expected nonce.
    Encrypt0Primitive plain = Encrypt0Primitive.builder(sameKeyIvAsNonce).build();
    byte[] again = plain.sealWithPartialIv(new byte[] {0}, new byte[] {42}, plain.prepare(null));
    byte[] ct1 = java.util.Arrays.copyOfRange(sent, sent.length - 17, sent.length);
    byte[] ct2 = java.util.Arrays.copyOfRange(again, again.length - 17, again.length);
    assertArrayEquals(ct1, ct2);
    ReceivedMessage m = parse(MessageType.ENCRYPT0, sent);
    assertArrayEquals(new byte[] {1}, m.bytes("sid", false));
    assertArrayEquals(new byte[] {42}, p.open(m, p.prepare(null)));
  }

  @Test
  void partialIvNoncesFollowTheirRfcs() throws Exception {
    byte[] oscore = BASE_IV.clone();
    oscore[0] ^= 2; // len(sid)
    oscore[5] ^= 0x0a; // sid 0a0b ends 5 bytes before the end
    oscore[6] ^= 0x0b;
    oscore[10] ^= 0x01; // Partial IV 0102 at the end
    oscore[11] ^= 0x02;
    assertArrayEquals(
        oscore, PartialIvs.oscoreNonce(BASE_IV, new byte[] {0x0a, 0x0b}, new byte[] {1, 2}));
    byte[] cose = BASE_IV.clone();
    cose[11] ^= 0x07;
    assertArrayEquals(cose, PartialIvs.nonce(BASE_IV, new byte[] {7}));
    assertThrows(
        NonceException.class, () -> PartialIvs.oscoreNonce(BASE_IV, new byte[7], new byte[] {1}));
    assertThrows(
        NonceException.class, () -> PartialIvs.oscoreNonce(BASE_IV, new byte[0], new byte[6]));
    assertThrows(NonceException.class, () -> PartialIvs.nonce(BASE_IV, new byte[13]));
  }

  @Test
  void algMustBeProtectedAndTheKeys() throws Exception {
    Mac0Primitive mac =
        Mac0Primitive.builder(
                CoseKey.symmetric(new byte[32]).algorithm(Algorithm.HMAC_256_256).build())
            .build();
    // {1: 5} unprotected, protected empty: tag 17, [h'', {1: 5}, h'01', h'00..'].
    byte[] unprotectedAlg =
        new CborWriter()
            .writeTag(17)
            .writeArrayHeader(4)
            .writeBytes(new byte[0])
            .writeMapHeader(1)
            .writeInt(1)
            .writeInt(5)
            .writeBytes(new byte[] {1})
            .writeBytes(new byte[32])
            .toByteArray();
    AlgorithmException e =
        assertThrows(
            AlgorithmException.class,
            () -> mac.verify(parse(MessageType.MAC0, unprotectedAlg), mac.prepare(null)));
    assertTrue(e.getMessage().contains("protected alg is missing"), e.getMessage());
    Encrypt0Primitive other =
        Encrypt0Primitive.builder(
                CoseKey.symmetric(new byte[32]).algorithm(Algorithm.A256GCM).build())
            .build();
    Encrypt0Primitive p = Encrypt0Primitive.builder(aesKey()).build();
    ReceivedMessage m = parse(MessageType.ENCRYPT0, p.seal(new byte[0], p.prepare(null)));
    assertThrows(AlgorithmException.class, () -> other.open(m, other.prepare(null)));
  }

  @Test
  void parsingIsTypedAndNeedsTheTag() throws Exception {
    Encrypt0Primitive p = Encrypt0Primitive.builder(aesKey()).build();
    byte[] sent = p.seal(new byte[0], p.prepare(null));
    TagException wrongType = assertThrows(TagException.class, () -> parse(MessageType.MAC0, sent));
    assertTrue(wrongType.getMessage().contains("(COSE_Encrypt0)"), wrongType.getMessage());
    byte[] untagged = java.util.Arrays.copyOfRange(sent, 1, sent.length);
    assertThrows(TagException.class, () -> parse(MessageType.ENCRYPT0, untagged));
    ReceivedMessage m = parse(MessageType.ENCRYPT0, sent);
    Mac0Primitive mac =
        Mac0Primitive.builder(
                CoseKey.symmetric(new byte[32]).algorithm(Algorithm.HMAC_256_256).build())
            .build();
    assertThrows(StructureException.class, () -> mac.verify(m, mac.prepare(null)));
    assertThrows(
        IllegalArgumentException.class,
        () -> ReceivedMessage.parse(MessageType.ENCRYPT, sent, Set.of()));
  }

  @Test
  void externalAadIsBoundAndAForeignAadStillWorks() throws Exception {
    Encrypt0Primitive p = Encrypt0Primitive.builder(aesKey()).build();
    byte[] sent = p.seal(new byte[] {7}, p.prepare(new byte[] {1, 2}));
    ReceivedMessage m = parse(MessageType.ENCRYPT0, sent);
    AuthenticationException e =
        assertThrows(AuthenticationException.class, () -> p.open(m, p.prepare(new byte[] {1, 3})));
    assertTrue(e.getMessage().length() > 0);
    Mac0Primitive foreign =
        Mac0Primitive.builder(
                CoseKey.symmetric(new byte[32]).algorithm(Algorithm.HMAC_256_256).build())
            .build();
    assertArrayEquals(new byte[] {7}, p.open(m, foreign.prepare(new byte[] {1, 2})));
  }

  @Test
  void aPublicKeyVerifiesButDoesNotSign() throws Exception {
    CoseKey pair = KeyPairs.generate(Curve.P_256, new SecureRandom());
    Sign1Primitive verifier =
        Sign1Primitive.builder(pair.publicKey()).algorithm(Algorithm.ES256).build();
    assertThrows(KeyException.class, () -> verifier.sign(new byte[0], verifier.prepare(null)));
    assertThrows(
        KeyException.class,
        () ->
            Sign1Primitive.builder(CoseKey.symmetric(K).algorithm(Algorithm.A128GCM).build())
                .algorithm(Algorithm.ES256)
                .build(),
        "the key's alg disagrees");
  }
}
