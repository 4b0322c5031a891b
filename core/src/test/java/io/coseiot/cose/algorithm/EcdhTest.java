package io.coseiot.cose.algorithm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.Curve;
import io.coseiot.cose.key.KeyPairs;
import java.security.SecureRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** ECDH agreement properties and key checks. */
class EcdhTest {

  @Property(tries = 40)
  void bothSidesAgree(@ForAll Curve curve) throws Exception {
    if (curve == Curve.ED25519 || curve == Curve.ED448) {
      CoseKey ed = KeyPairs.generate(curve, new SecureRandom());
      assertThrows(KeyException.class, () -> Ecdh.sharedSecret(ed, ed.publicKey()));
      return;
    }
    CoseKey a = KeyPairs.generate(curve, new SecureRandom());
    CoseKey b = KeyPairs.generate(curve, new SecureRandom());
    byte[] ab = Ecdh.sharedSecret(a, b.publicKey());
    assertEquals(curve.coordinateLength(), ab.length);
    assertArrayEquals(ab, Ecdh.sharedSecret(b, a.publicKey()));
  }

  @Property(tries = 10)
  void refusesMismatchedOrPublicOnlyKeys(@ForAll long seed) {
    SecureRandom r = new SecureRandom(new byte[] {(byte) seed});
    CoseKey p256 = KeyPairs.generate(Curve.P_256, r);
    CoseKey p384 = KeyPairs.generate(Curve.P_384, r);
    CoseKey x25519 = KeyPairs.generate(Curve.X25519, r);
    assertThrows(KeyException.class, () -> Ecdh.sharedSecret(p256, p384.publicKey()));
    assertThrows(KeyException.class, () -> Ecdh.sharedSecret(p256, x25519.publicKey()));
    assertThrows(KeyException.class, () -> Ecdh.sharedSecret(p256.publicKey(), p256.publicKey()));
    assertThrows(
        KeyException.class, () -> Ecdh.sharedSecret(p256, CoseKey.symmetric(new byte[16]).build()));
  }
}
