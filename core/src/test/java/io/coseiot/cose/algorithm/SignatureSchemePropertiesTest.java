package io.coseiot.cose.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.coseiot.cose.exception.AlgorithmException;
import io.coseiot.cose.exception.AuthenticationException;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.Curve;
import io.coseiot.cose.key.JcaKeys;
import io.coseiot.cose.key.KeyPairs;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Sign/verify properties of every {@link SignatureScheme}. */
class SignatureSchemePropertiesTest {
  // RSA key generation takes a second or more: one key for the whole class, not one per try.
  private static final CoseKey RSA = rsaKey(2048);

  private static CoseKey rsaKey(int bits) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(bits);
      KeyPair kp = g.generateKeyPair();
      return JcaKeys.fromKeyPair(kp.getPublic(), kp.getPrivate());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Provide
  Arbitrary<Algorithm> signatureAlgorithms() {
    return Arbitraries.of(Algorithm.values()).filter(a -> a.kind() == Algorithm.Kind.SIGNATURE);
  }

  private static CoseKey keyFor(Algorithm alg, long seed) {
    SecureRandom r = new SecureRandom(new byte[] {(byte) seed});
    return switch (alg) {
      case ES256, ESP256 -> KeyPairs.generate(Curve.P_256, r);
      case ES384, ESP384 -> KeyPairs.generate(Curve.P_384, r);
      case ES512, ESP512 -> KeyPairs.generate(Curve.P_521, r);
      case EDDSA -> KeyPairs.generate((seed & 1) == 0 ? Curve.ED25519 : Curve.ED448, r);
      case ED25519 -> KeyPairs.generate(Curve.ED25519, r);
      case ED448 -> KeyPairs.generate(Curve.ED448, r);
      default -> RSA;
    };
  }

  @Property(tries = 60)
  void signaturesVerify(
      @ForAll("signatureAlgorithms") Algorithm alg,
      @ForAll long seed,
      @ForAll @Size(max = 200) byte[] message)
      throws Exception {
    SignatureScheme s = SignatureScheme.of(alg);
    assertEquals(alg, s.algorithm());
    CoseKey key = keyFor(alg, seed);
    byte[] sig = s.sign(key, message);
    s.verify(key.publicKey(), message, sig);
  }

  @Property(tries = 60)
  void anyBitFlipFails(
      @ForAll("signatureAlgorithms") Algorithm alg,
      @ForAll long seed,
      @ForAll @Size(min = 1, max = 100) byte[] message,
      @ForAll boolean inSignature,
      @ForAll @IntRange(min = 0, max = 1 << 20) int position)
      throws Exception {
    SignatureScheme s = SignatureScheme.of(alg);
    CoseKey key = keyFor(alg, seed);
    byte[] sig = s.sign(key, message);
    byte[] target = inSignature ? sig : message;
    int bit = position % (target.length * 8);
    target[bit / 8] ^= (byte) (1 << (bit % 8));
    assertThrows(AuthenticationException.class, () -> s.verify(key.publicKey(), message, sig));
  }

  @Test
  void wrongLengthSignaturesAreAuthenticationFailures() throws Exception {
    SignatureScheme s = SignatureScheme.of(Algorithm.ES256);
    CoseKey key = keyFor(Algorithm.ES256, 1);
    byte[] sig = s.sign(key, new byte[] {1});
    assertEquals(64, sig.length);
    assertThrows(
        AuthenticationException.class, () -> s.verify(key, new byte[] {1}, Arrays.copyOf(sig, 63)));
    assertThrows(
        AuthenticationException.class, () -> s.verify(key, new byte[] {1}, Arrays.copyOf(sig, 65)));
  }

  @Test
  void ecdsaHashAndCurveNeedNotPair() throws Exception {
    // RFC 9053 §2.1 only suggests the pairing; the COSE WG ecdsa-04 example signs ES512 on P-256.
    CoseKey p256 = keyFor(Algorithm.ES256, 1);
    SignatureScheme es512 = SignatureScheme.of(Algorithm.ES512);
    byte[] sig = es512.sign(p256, new byte[] {7});
    assertEquals(64, sig.length);
    es512.verify(p256, new byte[] {7}, sig);
    assertThrows(
        AuthenticationException.class,
        () -> SignatureScheme.of(Algorithm.ES256).verify(p256, new byte[] {7}, sig));
  }

  @Test
  void keysThatDoNotFitAreKeyErrors() throws Exception {
    CoseKey p384 = keyFor(Algorithm.ES384, 1);
    CoseKey ed25519 = keyFor(Algorithm.EDDSA, 1);
    KeyException e =
        assertThrows(
            KeyException.class,
            () -> SignatureScheme.of(Algorithm.ES256).sign(ed25519, new byte[0]));
    assertEquals("ES256: key type is OKP, expected EC2", e.getMessage());
    assertThrows(
        KeyException.class, () -> SignatureScheme.of(Algorithm.EDDSA).sign(p384, new byte[0]));
    assertThrows(
        KeyException.class, () -> SignatureScheme.of(Algorithm.PS256).sign(p384, new byte[0]));
    assertThrows(
        KeyException.class,
        () -> SignatureScheme.of(Algorithm.ES384).sign(p384.publicKey(), new byte[0]));
    CoseKey x25519 = KeyPairs.generate(Curve.X25519, new SecureRandom());
    assertThrows(
        KeyException.class, () -> SignatureScheme.of(Algorithm.EDDSA).sign(x25519, new byte[0]));
    CoseKey small = rsaKey(1024);
    assertThrows(
        KeyException.class, () -> SignatureScheme.of(Algorithm.RS256).sign(small, new byte[0]));
    CoseKey restricted = CoseKey.fromCbor(p384.toCbor().Add(3, Algorithm.ES512.id()));
    assertThrows(
        KeyException.class,
        () -> SignatureScheme.of(Algorithm.ES384).sign(restricted, new byte[0]));
  }

  @Test
  void nonSignatureAlgorithmsAreRefused() {
    assertThrows(AlgorithmException.class, () -> SignatureScheme.of(Algorithm.A128GCM));
  }
}
