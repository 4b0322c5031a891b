package io.coseiot.cose.algorithm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.Curve;
import io.coseiot.cose.key.KeyLabel;
import io.coseiot.cose.key.KeyType;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Wycheproof ECDH P-256 (SEC1 points) and X25519 vectors through {@link Ecdh#sharedSecret}. */
class EcdhWycheproofTest {

  @TestFactory
  Stream<DynamicTest> p256() throws Exception {
    return run(
        "ecdh_secp256r1_ecpoint_test.json",
        c -> {
          // Private keys are hex integers that may be signed (leading 00) or short.
          byte[] d = SignatureSchemeWycheproofTest.fixed(c.test().get("private").asText(), 32);
          return CoseKey.builder(KeyType.EC2).curve(Curve.P_256).setBytes(KeyLabel.D, d).build();
        },
        c -> sec1(c.hex("public")));
  }

  @TestFactory
  Stream<DynamicTest> x25519() throws Exception {
    return run(
        "x25519_test.json",
        c -> okp(KeyLabel.D, c.hex("private")),
        c -> okp(KeyLabel.X, c.hex("public")));
  }

  private static CoseKey okp(long label, byte[] value) {
    return CoseKey.builder(KeyType.OKP).curve(Curve.X25519).setBytes(label, value).build();
  }

  /**
   * Maps a SEC1 point to COSE: x and y for 04, x and the sign bit for 02/03; anything else is
   * passed as x alone, which the library must refuse.
   */
  private static CoseKey sec1(byte[] p) {
    CoseKey.Builder b = CoseKey.builder(KeyType.EC2).curve(Curve.P_256);
    if (p.length == 65 && p[0] == 4) {
      return b.setBytes(KeyLabel.X, Arrays.copyOfRange(p, 1, 33))
          .setBytes(KeyLabel.Y, Arrays.copyOfRange(p, 33, 65))
          .build();
    }
    if (p.length == 33 && (p[0] == 2 || p[0] == 3)) {
      return b.setBytes(KeyLabel.X, Arrays.copyOfRange(p, 1, 33))
          .set(KeyLabel.Y, CBORObject.FromObject(p[0] == 3))
          .build();
    }
    return b.setBytes(KeyLabel.X, p).build();
  }

  private static Stream<DynamicTest> run(
      String file,
      Function<Wycheproof.Case, CoseKey> privateOf,
      Function<Wycheproof.Case, CoseKey> publicOf)
      throws Exception {
    List<Wycheproof.Case> cases = Wycheproof.load(file);
    long valid = cases.stream().filter(Wycheproof.Case::valid).count();
    long acceptable = cases.stream().filter(Wycheproof.Case::acceptable).count();
    long invalid = cases.size() - valid - acceptable;
    System.out.printf(
        "%s: %d cases, %d valid, %d invalid, %d acceptable%n",
        file, cases.size(), valid, invalid, acceptable);
    assertTrue(valid > 0 && invalid + acceptable > 0, file + " has valid and other cases");
    return cases.stream()
        .map(
            c ->
                dynamicTest(
                    c.toString(),
                    () -> {
                      CoseKey priv = privateOf.apply(c);
                      CoseKey pub = publicOf.apply(c);
                      if (c.valid()) {
                        assertArrayEquals(
                            c.hex("shared"), Ecdh.sharedSecret(priv, pub), c.toString());
                      } else if (c.acceptable()) {
                        try {
                          assertArrayEquals(
                              c.hex("shared"), Ecdh.sharedSecret(priv, pub), c.toString());
                        } catch (CoseException expected) {
                          // Refusing is allowed; an unchecked failure or a wrong secret is not.
                        }
                      } else {
                        assertThrows(
                            CoseException.class, () -> Ecdh.sharedSecret(priv, pub), c.toString());
                      }
                    }));
  }
}
