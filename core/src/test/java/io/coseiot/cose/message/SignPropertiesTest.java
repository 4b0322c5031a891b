package io.coseiot.cose.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.AuthenticationException;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.Curve;
import io.coseiot.cose.key.KeyPairs;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** COSE_Sign1 and COSE_Sign round trips for every signature algorithm. */
class SignPropertiesTest {
  private static final CoseKey RSA = Fixtures.rsa2048();

  /** A signature algorithm with the curve its key is on (null for RSA). */
  record Case(Algorithm alg, Curve curve) {
    @Override
    public String toString() {
      return alg.ianaName() + (curve == null ? "" : " on " + curve.coseName());
    }
  }

  @Provide
  Arbitrary<Case> signatureCases() {
    List<Case> cases = new ArrayList<>();
    cases.add(new Case(Algorithm.ES256, Curve.P_256));
    cases.add(new Case(Algorithm.ES384, Curve.P_384));
    cases.add(new Case(Algorithm.ES512, Curve.P_521));
    cases.add(new Case(Algorithm.EDDSA, Curve.ED25519));
    cases.add(new Case(Algorithm.EDDSA, Curve.ED448));
    for (Algorithm a :
        List.of(
            Algorithm.PS256,
            Algorithm.PS384,
            Algorithm.PS512,
            Algorithm.RS256,
            Algorithm.RS384,
            Algorithm.RS512)) {
      cases.add(new Case(a, null));
    }
    return Arbitraries.of(cases);
  }

  /** The signing key; for RSA the class's one key, for the others a fresh one. */
  private static CoseKey key(Case c, SecureRandom random) {
    return c.curve() == null ? RSA : KeyPairs.generate(c.curve(), random);
  }

  @Property(tries = 80)
  void sign1ThenVerify(
      @ForAll("signatureCases") Case c,
      @ForAll long seed,
      @ForAll @Size(max = 200) byte[] payload,
      @ForAll @Size(max = 20) byte[] externalAad,
      @ForAll boolean tagged,
      @ForAll boolean detached,
      @ForAll int bit)
      throws Exception {
    SecureRandom random = Fixtures.seeded(seed);
    CoseKey key = key(c, random);
    Sign1Message m =
        Sign1Message.signForTestVectors(key, payload, externalAad, Fixtures.protectedAlg(c.alg()));
    Sign1Message received = Sign1Message.decode((detached ? m.detach() : m).encode(tagged));
    if (detached) {
      received.verifyDetached(key.publicKey(), payload, externalAad);
    } else {
      assertArrayEquals(payload, received.verify(key.publicKey(), externalAad));
    }
    byte[] other = payload.length == 0 ? new byte[1] : Fixtures.flip(payload, bit);
    assertThrows(
        AuthenticationException.class,
        () -> received.verifyDetached(key.publicKey(), other, externalAad));
    if (c.curve() != null) {
      CoseKey impostor = KeyPairs.generate(c.curve(), random).publicKey();
      assertThrows(
          AuthenticationException.class,
          () -> received.verifyDetached(impostor, payload, externalAad));
    }
    // A key of another type for the algorithm is a key error, not a failed signature.
    CoseKey wrongType =
        KeyPairs.generate(c.alg() == Algorithm.EDDSA ? Curve.P_256 : Curve.ED25519, random);
    assertThrows(
        KeyException.class, () -> received.verifyDetached(wrongType, payload, externalAad));
  }

  @Property(tries = 40)
  void signWithSeveralSignersVerifiesEach(
      @ForAll("signatureCases") Case first,
      @ForAll("signatureCases") Case second,
      @ForAll long seed,
      @ForAll @Size(max = 100) byte[] payload,
      @ForAll @IntRange(min = 0, max = 1) int which,
      @ForAll int bit)
      throws Exception {
    SecureRandom random = Fixtures.seeded(seed);
    CoseKey k1 = key(first, random);
    CoseKey k2 = key(second, random);
    Headers body =
        Headers.of(HeaderMap.empty(), HeaderMap.builder().contentType("application/cbor").build());
    SignMessage m =
        SignMessage.sign(
            List.of(
                SignMessage.Signer.forTestVectors(k1, Fixtures.protectedAlg(first.alg())),
                SignMessage.Signer.forTestVectors(k2, Fixtures.protectedAlg(second.alg()))),
            payload,
            null,
            body);
    SignMessage received = SignMessage.decode(m.encode());
    assertEquals(2, received.signatures().size());
    received.verify(k1.publicKey(), received.signatures().get(0), null);
    assertArrayEquals(payload, received.verify(k2.publicKey(), received.signatures().get(1), null));

    Signature s = received.signatures().get(which);
    CoseKey key = which == 0 ? k1 : k2;
    byte[] other = payload.length == 0 ? new byte[1] : Fixtures.flip(payload, bit);
    assertThrows(
        AuthenticationException.class,
        () -> received.verifyDetached(key.publicKey(), s, other, null));
    assertThrows(
        AuthenticationException.class, () -> received.verify(key.publicKey(), s, new byte[] {0}));
  }
}
