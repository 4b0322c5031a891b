package io.coseiot.cose.algorithm;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.Curve;
import io.coseiot.cose.key.KeyLabel;
import io.coseiot.cose.key.KeyType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Wycheproof ECDSA (P1363) and Ed25519 verification vectors through {@link SignatureScheme}, each
 * both under its polymorphic id (ES256, EdDSA...) and its fully-specified one of RFC 9864.
 */
class SignatureSchemeWycheproofTest {

  @TestFactory
  Stream<DynamicTest> es256() throws Exception {
    return ecdsa("ecdsa_secp256r1_sha256_p1363_test.json", Algorithm.ES256, Curve.P_256);
  }

  @TestFactory
  Stream<DynamicTest> es384() throws Exception {
    return ecdsa("ecdsa_secp384r1_sha384_p1363_test.json", Algorithm.ES384, Curve.P_384);
  }

  @TestFactory
  Stream<DynamicTest> es512() throws Exception {
    return ecdsa("ecdsa_secp521r1_sha512_p1363_test.json", Algorithm.ES512, Curve.P_521);
  }

  // The fully-specified ids of RFC 9864 on the same vectors: the curve comes from the id.
  @TestFactory
  Stream<DynamicTest> esp256() throws Exception {
    return ecdsa("ecdsa_secp256r1_sha256_p1363_test.json", Algorithm.ESP256, Curve.P_256);
  }

  @TestFactory
  Stream<DynamicTest> esp384() throws Exception {
    return ecdsa("ecdsa_secp384r1_sha384_p1363_test.json", Algorithm.ESP384, Curve.P_384);
  }

  @TestFactory
  Stream<DynamicTest> esp512() throws Exception {
    return ecdsa("ecdsa_secp521r1_sha512_p1363_test.json", Algorithm.ESP512, Curve.P_521);
  }

  @TestFactory
  Stream<DynamicTest> ed25519() throws Exception {
    return ed25519(Algorithm.EDDSA);
  }

  @TestFactory
  Stream<DynamicTest> ed25519FullySpecified() throws Exception {
    return ed25519(Algorithm.ED25519);
  }

  private Stream<DynamicTest> ed25519(Algorithm alg) throws Exception {
    List<Wycheproof.Case> cases = Wycheproof.load("ed25519_test.json");
    return run(
        "ed25519 as " + alg.ianaName(),
        alg,
        cases,
        c ->
            CoseKey.builder(KeyType.OKP)
                .curve(Curve.ED25519)
                .setBytes(KeyLabel.X, hex(c.group().get("publicKey").get("pk").asText()))
                .build());
  }

  private Stream<DynamicTest> ecdsa(String file, Algorithm alg, Curve curve) throws Exception {
    return run(
        file + " as " + alg.ianaName(),
        alg,
        Wycheproof.load(file),
        c -> {
          // wx and wy are hex integers: they may carry a leading 00 byte or be short.
          int len = curve.coordinateLength();
          return CoseKey.builder(KeyType.EC2)
              .curve(curve)
              .setBytes(KeyLabel.X, fixed(c.group().get("publicKey").get("wx").asText(), len))
              .setBytes(KeyLabel.Y, fixed(c.group().get("publicKey").get("wy").asText(), len))
              .build();
        });
  }

  interface KeyOf {
    CoseKey key(Wycheproof.Case c);
  }

  private static Stream<DynamicTest> run(
      String name, Algorithm alg, List<Wycheproof.Case> cases, KeyOf keyOf) throws Exception {
    SignatureScheme scheme = SignatureScheme.of(alg);
    List<DynamicTest> tests = new ArrayList<>();
    long valid = cases.stream().filter(Wycheproof.Case::valid).count();
    long invalid = cases.stream().filter(c -> "invalid".equals(c.result())).count();
    System.out.printf(
        "%s: %d cases, %d valid, %d invalid, %d acceptable%n",
        name, cases.size(), valid, invalid, cases.size() - valid - invalid);
    assertTrue(valid > 0 && invalid > 0, name + " has valid and invalid cases");
    for (Wycheproof.Case c : cases) {
      tests.add(
          dynamicTest(
              c.toString(),
              () -> {
                CoseKey key = keyOf.key(c);
                byte[] msg = c.hex("msg");
                byte[] sig = c.hex("sig");
                if (c.valid()) {
                  assertDoesNotThrow(() -> scheme.verify(key, msg, sig), c.toString());
                } else if (c.acceptable()) {
                  try {
                    scheme.verify(key, msg, sig);
                  } catch (CoseException expected) {
                    // Either outcome is allowed; only an unchecked failure is not.
                  }
                } else {
                  assertThrows(
                      CoseException.class, () -> scheme.verify(key, msg, sig), c.toString());
                }
              }));
    }
    return tests.stream();
  }

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  /** A hex integer, possibly signed or short, as exactly len unsigned bytes. */
  static byte[] fixed(String hexInteger, int len) {
    byte[] raw = new BigInteger(hexInteger, 16).toByteArray();
    byte[] out = new byte[len];
    int n = Math.min(raw.length, len);
    System.arraycopy(raw, raw.length - n, out, len - n, n);
    return out;
  }
}
