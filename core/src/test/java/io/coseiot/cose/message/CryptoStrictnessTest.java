package io.coseiot.cose.message;

import static io.coseiot.cose.message.Strict.hex;
import static io.coseiot.cose.message.Strict.throwsExactly;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.AuthenticationException;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.exception.NonceException;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.Curve;
import io.coseiot.cose.key.JcaKeys;
import io.coseiot.cose.key.KeyPairs;
import java.security.KeyPairGenerator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Nonce, key and truncation rules, each with its exact exception class. */
class CryptoStrictnessTest {
  private static final CoseKey K16 = CoseKey.symmetric(new byte[16]).build();
  // 16 zero bytes: as long as an AES-GCM tag, so only the nonce can be at fault.
  private static final String CT = "50" + "00".repeat(16);

  @Test
  void ivOfTheWrongLength() throws Exception {
    // Unprotected {5: h'0102030405'}: a 5-byte IV for A128GCM, which needs 12.
    Encrypt0Message m = Encrypt0Message.decode(hex("83 43a10101 a1 05 450102030405" + CT));
    throwsExactly(NonceException.class, () -> m.decrypt(K16, null));
  }

  @Test
  void ivAndPartialIvTogether() throws Exception {
    // Unprotected {5: 12-byte IV, 6: h'01'}.
    Encrypt0Message m =
        Encrypt0Message.decode(hex("83 43a10101 a2 05 4c" + "00".repeat(12) + "06 4101" + CT));
    throwsExactly(NonceException.class, () -> m.decrypt(K16, null));
  }

  @Test
  void neitherIvNorPartialIv() throws Exception {
    Encrypt0Message m = Encrypt0Message.decode(hex("83 43a10101 a0" + CT));
    throwsExactly(NonceException.class, () -> m.decrypt(K16, null));
  }

  @Test
  void symmetricKeyOfTheWrongSizeOrType() throws Exception {
    Encrypt0Message m = Encrypt0Message.decode(hex("83 43a10101 a1 05 4c" + "00".repeat(12) + CT));
    throwsExactly(
        KeyException.class, () -> m.decrypt(CoseKey.symmetric(new byte[32]).build(), null));
    throwsExactly(
        KeyException.class,
        () -> m.decrypt(KeyPairs.generate(Curve.P_256, Fixtures.seeded(1)), null));
    // A key restricted to another algorithm.
    CoseKey restricted =
        CoseKey.symmetric(new byte[16]).algorithm(Algorithm.AES_CCM_16_64_128).build();
    throwsExactly(KeyException.class, () -> m.decrypt(restricted, null));
    throwsExactly(
        KeyException.class,
        () ->
            Mac0Message.createForTestVectors(
                CoseKey.symmetric(new byte[16]).build(),
                new byte[1],
                null,
                Fixtures.protectedAlg(Algorithm.AES_MAC_256_64)));
  }

  @Test
  void signatureKeyOfTheWrongTypeCurveOrSize() throws Exception {
    byte[] payload = {1, 2, 3};
    CoseKey p256 = KeyPairs.generate(Curve.P_256, Fixtures.seeded(2));
    CoseKey x25519 = KeyPairs.generate(Curve.X25519, Fixtures.seeded(3));
    // EdDSA with a P-256 key (type) and with an X25519 key (curve); ES256 with an OKP key.
    throwsExactly(
        KeyException.class,
        () ->
            Sign1Message.signForTestVectors(
                p256, payload, null, Fixtures.protectedAlg(Algorithm.EDDSA)));
    throwsExactly(
        KeyException.class,
        () ->
            Sign1Message.signForTestVectors(
                x25519, payload, null, Fixtures.protectedAlg(Algorithm.EDDSA)));
    Sign1Message es =
        Sign1Message.signForTestVectors(
            p256, payload, null, Fixtures.protectedAlg(Algorithm.ES256));
    throwsExactly(KeyException.class, () -> es.verify(x25519.publicKey(), null));
    // PS256 with a 1024-bit RSA key: too small (RFC 8230 §4).
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(1024);
    java.security.KeyPair kp = g.generateKeyPair();
    CoseKey rsa1024 = JcaKeys.fromKeyPair(kp.getPublic(), kp.getPrivate());
    throwsExactly(
        KeyException.class,
        () ->
            Sign1Message.signForTestVectors(
                rsa1024, payload, null, Fixtures.protectedAlg(Algorithm.PS256)));
  }

  @Test
  void ecdhKeyOfTheWrongCurve() throws Exception {
    CoseKey p256 = KeyPairs.generate(Curve.P_256, Fixtures.seeded(4));
    EncryptMessage m =
        EncryptMessage.encryptForTestVectors(
            List.of(
                RecipientSpec.of(
                    Fixtures.protectedAlg(Algorithm.ECDH_ES_HKDF_256), p256.publicKey())),
            new byte[] {9},
            null,
            Fixtures.protectedAlg(Algorithm.A128GCM),
            Fixtures.seeded(5));
    for (Curve wrong : List.of(Curve.P_384, Curve.X25519, Curve.ED25519)) {
      RecipientKey k = RecipientKey.of(KeyPairs.generate(wrong, Fixtures.seeded(6)));
      throwsExactly(KeyException.class, () -> m.decrypt(k, null));
    }
  }

  @Test
  void truncatedAeadTag() throws Exception {
    CoseKey k = CoseKey.symmetric(new byte[16]).build();
    Encrypt0Message sealed =
        Encrypt0Message.encryptForTestVectors(
            k,
            new byte[] {1, 2},
            null,
            Fixtures.protectedAlg(Algorithm.A128GCM),
            Fixtures.seeded(7));
    byte[] ct = sealed.ciphertext();
    throwsExactly(
        AuthenticationException.class,
        () -> sealed.decryptDetached(k, Fixtures.dropLast(ct, 1), null));
    throwsExactly(
        AuthenticationException.class, () -> sealed.decryptDetached(k, new byte[0], null));
  }

  @Test
  void truncatedSignature() throws Exception {
    CoseKey ed = KeyPairs.generate(Curve.ED25519, Fixtures.seeded(8));
    Sign1Message m =
        Sign1Message.signForTestVectors(
            ed, new byte[] {1}, null, Fixtures.protectedAlg(Algorithm.EDDSA));
    byte[] enc = m.encode(false);
    // The signature is the last item, h'<64 bytes>' with head 58 40: shorten it to 63 bytes.
    byte[] shorter = Fixtures.dropLast(enc, 1);
    shorter[shorter.length - 64] = 0x3f;
    Sign1Message truncated = Sign1Message.decode(shorter);
    throwsExactly(AuthenticationException.class, () -> truncated.verify(ed.publicKey(), null));
  }
}
