package io.coseiot.cose.algorithm;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.cose.exception.AuthenticationException;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.Curve;
import io.coseiot.cose.key.KeyLabel;
import io.coseiot.cose.key.KeyPairs;
import io.coseiot.cose.key.KeyType;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fully-specified signature algorithms of RFC 9864: looked up by their ids, each only on its
 * own curve (a key on another is a KeyException naming both), while the polymorphic ES256 keeps
 * accepting any NIST curve (docs/algorithms.md).
 */
class FullySpecifiedSignatureTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] TBS = "to be signed".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @CsvSource({"-9, ESP256", "-51, ESP384", "-52, ESP512", "-19, ED25519", "-53, ED448"})
  void eachIdNamesItsAlgorithm(long id, Algorithm expected) {
    assertEquals(expected, Algorithm.fromId(id));
    assertEquals(Algorithm.Kind.SIGNATURE, expected.kind());
  }

  @ParameterizedTest
  @CsvSource({
    "ESP256, P_256",
    "ESP384, P_384",
    "ESP512, P_521",
    "ED25519, ED25519",
    "ED448, ED448"
  })
  void signsAndVerifiesOnItsOwnCurve(Algorithm alg, Curve curve) throws Exception {
    CoseKey key = KeyPairs.generate(curve, RANDOM);
    SignatureScheme s = SignatureScheme.of(alg);
    byte[] sig = s.sign(key, TBS);
    assertEquals(2 * curve.coordinateLength(), sig.length);
    assertDoesNotThrow(() -> s.verify(key, TBS, sig));
    byte[] other = "other".getBytes(StandardCharsets.UTF_8);
    assertThrows(AuthenticationException.class, () -> s.verify(key, other, sig));
  }

  @ParameterizedTest
  @CsvSource({
    "ESP256, P_384, P-384, P-256",
    "ESP384, P_256, P-256, P-384",
    "ESP512, P_384, P-384, P-521",
    "ED25519, ED448, Ed448, Ed25519",
    "ED448, ED25519, Ed25519, Ed448"
  })
  void aKeyOnAnotherCurveIsRefusedNamingBoth(
      Algorithm alg, Curve wrong, String wrongName, String rightName) throws Exception {
    CoseKey key = KeyPairs.generate(wrong, RANDOM);
    SignatureScheme s = SignatureScheme.of(alg);
    KeyException e = assertThrows(KeyException.class, () -> s.sign(key, TBS));
    assertTrue(e.getMessage().contains("key is on " + wrongName), e.getMessage());
    assertTrue(e.getMessage().contains("only defined on " + rightName), e.getMessage());
    assertThrows(KeyException.class, () -> s.verify(key, TBS, new byte[132]));
  }

  @Test
  void theFullySpecifiedIdsRefuseAKeyOfTheWrongType() throws Exception {
    CoseKey ec = KeyPairs.generate(Curve.P_256, RANDOM);
    CoseKey okp = KeyPairs.generate(Curve.ED25519, RANDOM);
    assertThrows(KeyException.class, () -> SignatureScheme.of(Algorithm.ED25519).sign(ec, TBS));
    assertThrows(KeyException.class, () -> SignatureScheme.of(Algorithm.ESP256).sign(okp, TBS));
  }

  @Test
  void thePolymorphicEs256StillTakesAnyNistCurve() throws Exception {
    CoseKey p384 = KeyPairs.generate(Curve.P_384, RANDOM);
    SignatureScheme es256 = SignatureScheme.of(Algorithm.ES256);
    byte[] sig = es256.sign(p384, TBS);
    assertDoesNotThrow(() -> es256.verify(p384, TBS, sig));
  }

  /** RFC 8032 §7.4, test "-----blank": an Ed448 signature made elsewhere, under id -53. */
  @Test
  void ed448VerifiesTheRfc8032BlankVector() throws Exception {
    HexFormat hex = HexFormat.of();
    CoseKey key =
        CoseKey.builder(KeyType.OKP)
            .curve(Curve.ED448)
            .setBytes(
                KeyLabel.X,
                hex.parseHex(
                    "5fd7449b59b461fd2ce787ec616ad46a1da1342485a70e1f8a0ea75d80e96778"
                        + "edf124769b46c7061bd6783df1e50f6cd1fa1abeafe8256180"))
            .build();
    byte[] sig =
        hex.parseHex(
            "533a37f6bbe457251f023c0d88f976ae2dfb504a843e34d2074fd823d41a591f"
                + "2b233f034f628281f2fd7a22ddd47d7828c59bd0a21bfd3980ff0d2028d4b18a"
                + "9df63e006c5d1c2d345b925d8dc00b4104852db99ac5c7cdda8530a113a0f4db"
                + "b61149f05a7363268c71d95808ff2e652600");
    assertDoesNotThrow(() -> SignatureScheme.of(Algorithm.ED448).verify(key, new byte[0], sig));
    sig[0] ^= 1;
    assertThrows(
        AuthenticationException.class,
        () -> SignatureScheme.of(Algorithm.ED448).verify(key, new byte[0], sig));
  }
}
