package io.coseiot.cose.key;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.exception.KeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** COSE_Key to JCA and back. */
class JcaKeysTest {

  @Property(tries = 30)
  void generatedKeysSurviveJcaAndCborRoundTrips(@ForAll Curve curve, @ForAll long seed)
      throws Exception {
    CoseKey k = KeyPairs.generate(curve, FixedRandom.seeded(seed));
    CoseKey back = JcaKeys.fromKeyPair(JcaKeys.toPublicKey(k), JcaKeys.toPrivateKey(k));
    assertEquals(k, back);
    assertEquals(k, CoseKey.decode(k.encode()));
    assertEquals(k.publicKey(), JcaKeys.fromPublicKey(JcaKeys.toPublicKey(k)));
  }

  @Test
  void p256CoordinateWithHighBitKeepsThirtyTwoBytes() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair kp;
    do {
      kp = g.generateKeyPair();
      // BigInteger.toByteArray gives 33 bytes for such a coordinate.
    } while (((ECPublicKey) kp.getPublic()).getW().getAffineX().toByteArray().length != 33);
    CoseKey k = JcaKeys.fromKeyPair(kp.getPublic(), kp.getPrivate());
    assertEquals(32, k.getBytes(KeyLabel.X).length);
    assertEquals(32, k.getBytes(KeyLabel.Y).length);
    assertEquals(32, k.getBytes(KeyLabel.D).length);
    CoseKey decoded = CoseKey.decode(k.encode());
    assertEquals(kp.getPublic(), JcaKeys.toPublicKey(decoded));
    assertEquals(k, CoseKey.decode(decoded.encode()));
  }

  @Test
  void conversionIsCachedPerKey() throws Exception {
    CoseKey k = KeyPairs.generate(Curve.P_256, FixedRandom.seeded(1));
    assertSame(JcaKeys.toPublicKey(k), JcaKeys.toPublicKey(k));
    assertSame(JcaKeys.toPrivateKey(k), JcaKeys.toPrivateKey(k));
  }

  @Test
  void compressedPointDecompresses() throws Exception {
    for (long seed = 0; seed < 8; seed++) {
      CoseKey k = KeyPairs.generate(Curve.P_384, FixedRandom.seeded(seed)).publicKey();
      byte[] y = k.getBytes(KeyLabel.Y);
      CoseKey compressed =
          CoseKey.builder(KeyType.EC2)
              .curve(Curve.P_384)
              .setBytes(KeyLabel.X, k.getBytes(KeyLabel.X))
              .set(KeyLabel.Y, CBORObject.FromObject((y[y.length - 1] & 1) == 1))
              .build();
      assertEquals(JcaKeys.toPublicKey(k), JcaKeys.toPublicKey(compressed));
    }
  }

  @Test
  void refusesWrongLengthsAndPointsOffTheCurve() {
    CoseKey k = KeyPairs.generate(Curve.P_256, FixedRandom.seeded(2));
    byte[] x = k.getBytes(KeyLabel.X);
    byte[] y = k.getBytes(KeyLabel.Y);
    byte[] longX = new byte[33];
    System.arraycopy(x, 0, longX, 1, 32);
    assertThrows(KeyException.class, () -> JcaKeys.toPublicKey(ec(longX, y)));
    assertThrows(KeyException.class, () -> JcaKeys.toPublicKey(ec(Arrays.copyOf(x, 31), y)));
    byte[] badY = y.clone();
    badY[31] ^= 1;
    assertThrows(KeyException.class, () -> JcaKeys.toPublicKey(ec(x, badY)));
    CoseKey shortD =
        CoseKey.builder(KeyType.EC2).curve(Curve.P_256).setBytes(KeyLabel.D, new byte[31]).build();
    assertThrows(KeyException.class, () -> JcaKeys.toPrivateKey(shortD));
    CoseKey zeroD =
        CoseKey.builder(KeyType.EC2).curve(Curve.P_256).setBytes(KeyLabel.D, new byte[32]).build();
    assertThrows(KeyException.class, () -> JcaKeys.toPrivateKey(zeroD));
    assertThrows(KeyException.class, () -> JcaKeys.toPrivateKey(k.publicKey()));
    assertThrows(
        KeyException.class, () -> JcaKeys.toPublicKey(CoseKey.symmetric(new byte[16]).build()));
  }

  @Test
  void rsaKeyPairRoundTrips() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    KeyPair kp = g.generateKeyPair();
    CoseKey k = JcaKeys.fromKeyPair(kp.getPublic(), kp.getPrivate());
    CoseKey decoded = CoseKey.decode(k.encode());
    assertEquals(kp.getPublic(), JcaKeys.toPublicKey(decoded));
    assertEquals(kp.getPrivate(), JcaKeys.toPrivateKey(decoded));
    assertArrayEquals(k.encode(), JcaKeys.fromKeyPair(kp.getPublic(), kp.getPrivate()).encode());
  }

  private static CoseKey ec(byte[] x, byte[] y) {
    return CoseKey.builder(KeyType.EC2)
        .curve(Curve.P_256)
        .setBytes(KeyLabel.X, x)
        .setBytes(KeyLabel.Y, y)
        .build();
  }
}
