package io.coseiot.cose.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.AuthenticationException;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.Curve;
import io.coseiot.cose.key.KeyPairs;
import java.security.SecureRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** RFC 9338 countersignatures, full and abbreviated, on COSE_Sign1, COSE_Encrypt0, COSE_Mac0. */
class CountersignaturePropertiesTest {

  /** Builds one target message of the chosen type over {@code content}. */
  private static CoseStructure<?> target(int type, byte[] content, SecureRandom random)
      throws Exception {
    switch (type) {
      case 0 -> {
        CoseKey k = KeyPairs.generate(Curve.P_256, random);
        return Sign1Message.signForTestVectors(
            k, content, null, Fixtures.protectedAlg(Algorithm.ES256));
      }
      case 1 -> {
        CoseKey k = Fixtures.symmetric(random, 16);
        return Encrypt0Message.encryptForTestVectors(
            k, content, null, Fixtures.protectedAlg(Algorithm.A128GCM), random);
      }
      default -> {
        CoseKey k = Fixtures.symmetric(random, 32);
        return Mac0Message.createForTestVectors(
            k, content, null, Fixtures.protectedAlg(Algorithm.HMAC_256_256));
      }
    }
  }

  private static CoseStructure<?> roundTrip(int type, CoseStructure<?> m) throws Exception {
    return switch (type) {
      case 0 -> Sign1Message.decode(((Sign1Message) m).encode());
      case 1 -> Encrypt0Message.decode(((Encrypt0Message) m).encode());
      default -> Mac0Message.decode(((Mac0Message) m).encode());
    };
  }

  @Property(tries = 60)
  void countersignThenVerify(
      @ForAll @IntRange(min = 0, max = 2) int type,
      @ForAll boolean abbreviated,
      @ForAll boolean edDsa,
      @ForAll long seed,
      @ForAll @Size(max = 100) byte[] content,
      @ForAll @Size(max = 10) byte[] externalAad)
      throws Exception {
    SecureRandom random = Fixtures.seeded(seed);
    Algorithm alg = edDsa ? Algorithm.EDDSA : Algorithm.ES256;
    Curve curve = edDsa ? Curve.ED25519 : Curve.P_256;
    CoseKey signer = KeyPairs.generate(curve, random);
    CoseStructure<?> original = target(type, content, random);
    CoseStructure<?> countersigned =
        original.countersign(
            signer,
            externalAad,
            Countersignature.Version.RFC9338,
            abbreviated ? null : Fixtures.protectedAlg(alg),
            alg);
    CoseStructure<?> received = roundTrip(type, countersigned);
    long label = abbreviated ? HeaderLabel.COUNTER_SIGNATURE0 : HeaderLabel.COUNTER_SIGNATURE;
    assertEquals(
        1,
        received.headers().unprotectedMap().labels().stream().filter(l -> l.equals(label)).count());
    Countersignature cs = received.countersignatures().get(0);
    assertEquals(abbreviated, cs.abbreviated());
    assertEquals(Countersignature.Version.RFC9338, cs.version());
    received.verifyCountersignature(signer.publicKey(), cs, externalAad, alg);

    // The countersignature binds the countersigner's key, the external AAD and the target:
    // the same countersignature over another message of the same kind does not verify.
    CoseKey impostor = KeyPairs.generate(curve, random).publicKey();
    assertThrows(
        AuthenticationException.class,
        () -> received.verifyCountersignature(impostor, cs, externalAad, alg));
    assertThrows(
        AuthenticationException.class,
        () -> received.verifyCountersignature(signer.publicKey(), cs, new byte[] {7, 7}, alg));
    byte[] otherContent = content.length == 0 ? new byte[] {0} : Fixtures.flip(content, (int) seed);
    CoseStructure<?> otherTarget = roundTrip(type, target(type, otherContent, random));
    assertThrows(
        AuthenticationException.class,
        () -> otherTarget.verifyCountersignature(signer.publicKey(), cs, externalAad, alg));
    // Countersigning leaves the target's own authentication untouched.
    assertArrayEquals(
        original.headers().authenticatedProtected(), received.headers().authenticatedProtected());
  }
}
