package io.coseiot.mqtt.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.Curve;
import io.coseiot.cose.key.KeyLabel;
import io.coseiot.cose.key.KeyPairs;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The profile pairs ES256 with P-256 only (and ES384 with P-384, EdDSA with Ed25519), although
 * core's polymorphic ES256 takes any NIST curve: a signer key that says otherwise is refused when
 * the codec is built, on the sealing and on the opening side.
 */
class SignerCurveTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private static CoseKey key(Curve curve, Algorithm alg) throws KeyException {
    CBORObject m = KeyPairs.generate(curve, RANDOM).toCbor();
    m.set(CBORObject.FromObject(KeyLabel.ALG), CBORObject.FromObject(alg.id()));
    m.set(CBORObject.FromObject(KeyLabel.KID), CBORObject.FromObject(new byte[] {1}));
    return CoseKey.fromCbor(m);
  }

  private static CoseMqttCodec.Builder signed() {
    return CoseMqttCodec.builder()
        .keyring(Fixtures.keyring(Algorithm.A128GCM))
        .mode(SealMode.SIGN1)
        .algorithmProfile(AlgorithmProfile.FULL);
  }

  @Test
  void es256OnP256IsTheProfilesPairing() throws Exception {
    assertEquals(
        Algorithm.ES256, CoseMqttCodec.signatureAlgorithm(key(Curve.P_256, Algorithm.ES256)));
    signed().signingKey(key(Curve.P_256, Algorithm.ES256)).build();
  }

  @Test
  void es256OnP384IsRefusedNamingBothCurves() throws Exception {
    CoseKey wrong = key(Curve.P_384, Algorithm.ES256);
    KeyException e =
        assertThrows(KeyException.class, () -> CoseMqttCodec.signatureAlgorithm(wrong));
    assertTrue(e.getMessage().contains("ES256 only with P-256"), e.getMessage());
    assertTrue(e.getMessage().contains("the key is on P-384"), e.getMessage());
    assertThrows(KeyException.class, () -> signed().signingKey(wrong).build());
    assertThrows(
        KeyException.class, () -> signed().trustedSigners(List.of(wrong.publicKey())).build());
  }

  @Test
  void es384AndEdDsaKeepTheirOneCurveToo() throws Exception {
    CoseKey es384OnP256 = key(Curve.P_256, Algorithm.ES384);
    CoseKey eddsaOnEd448 = key(Curve.ED448, Algorithm.EDDSA);
    assertThrows(KeyException.class, () -> CoseMqttCodec.signatureAlgorithm(es384OnP256));
    assertThrows(KeyException.class, () -> CoseMqttCodec.signatureAlgorithm(eddsaOnEd448));
  }
}
