package io.coseiot.cose.key;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.KeyException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** COSE_Key to JWK and back. */
class JwkTest {
  // The recipient key of the COSE WG example ecdh-wrap-examples/p521-wrap-128-01.json.
  private static final String P521 =
      "{\"kty\":\"EC\",\"kid\":\"bilbo.baggins@hobbiton.example\",\"use\":\"enc\",\"crv\":\"P-521\","
          + "\"x\":\"AHKZLLOsCOzz5cY97ewNUajB957y-C-U88c3v13nmGZx6sYl_oJXu9A5RkTKqjqvjyekWF-7ytDyRXYg"
          + "CF5cj0Kt\",\"y\":\"AdymlHvOiLxXkEhayXQnNCvDX4h9htZaCJN34kfmC6pV5OhQHiraVySsUdaQkAgDPrwQrJm"
          + "bnX9cwlGfP-HqHZR1\",\"d\":\"AAhRON2r9cqXX1hg-RoI6R1tX5p2rUAYdmpHZoC1XNM56KtscrX6zbKipQrCW9"
          + "CGZH3T4ubpnoTKLDYJ_fF3_rJt\"}";

  @Test
  void readsTheWorkingGroupKey() throws Exception {
    CoseKey k = Jwk.fromJwk(P521);
    assertEquals(Curve.P_521, k.curve());
    assertArrayEquals("bilbo.baggins@hobbiton.example".getBytes(StandardCharsets.UTF_8), k.keyId());
    assertEquals(66, k.getBytes(KeyLabel.D).length);
    JcaKeys.toPublicKey(k);
    assertEquals(k, Jwk.fromJwk(Jwk.toJwk(k)));
  }

  @Property(tries = 30)
  void generatedKeysRoundTrip(@ForAll Curve curve, @ForAll long seed) throws Exception {
    CoseKey k =
        CoseKey.fromCbor(
            KeyPairs.generate(curve, FixedRandom.seeded(seed))
                .toCbor()
                .Add(
                    KeyLabel.KID,
                    CBORObject.FromObject(("kid-" + seed).getBytes(StandardCharsets.UTF_8))));
    assertEquals(k, Jwk.fromJwk(Jwk.toJwk(k)));
    assertEquals(k.publicKey(), Jwk.fromJwk(Jwk.toJwk(k.publicKey())));
  }

  @Property(tries = 30)
  void symmetricKeysRoundTrip(@ForAll @Size(min = 1, max = 64) byte[] secret) throws Exception {
    CoseKey k =
        CoseKey.symmetric(secret)
            .algorithm(Algorithm.A128GCM)
            .set(KeyLabel.KEY_OPS, CBORObject.NewArray().Add(3).Add(4))
            .build();
    String jwk = Jwk.toJwk(k);
    assertEquals(k, Jwk.fromJwk(jwk));
  }

  @Test
  void rsaKeyRoundTrips() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    var kp = g.generateKeyPair();
    CoseKey k = JcaKeys.fromKeyPair(kp.getPublic(), kp.getPrivate());
    assertEquals(k, Jwk.fromJwk(Jwk.toJwk(k)));
  }

  @Test
  void compressedPointIsWrittenInFull() throws Exception {
    CoseKey full = KeyPairs.generate(Curve.P_256, FixedRandom.seeded(3)).publicKey();
    byte[] y = full.getBytes(KeyLabel.Y);
    CoseKey compressed =
        CoseKey.builder(KeyType.EC2)
            .curve(Curve.P_256)
            .setBytes(KeyLabel.X, full.getBytes(KeyLabel.X))
            .set(KeyLabel.Y, CBORObject.FromObject((y[31] & 1) == 1))
            .build();
    assertEquals(full, Jwk.fromJwk(Jwk.toJwk(compressed)));
  }

  @Test
  void refusesWhatHasNoEquivalentOrIsMalformed() {
    String oct = "{\"kty\":\"oct\",\"k\":\"AAEC\"";
    assertThrows(KeyException.class, () -> Jwk.fromJwk(oct));
    assertThrows(KeyException.class, () -> Jwk.fromJwk(oct + ",\"alg\":\"ECDH-ES\"}"));
    assertThrows(KeyException.class, () -> Jwk.fromJwk("{\"kty\":\"oct\",\"k\":\"AAE=\"}"));
    assertThrows(KeyException.class, () -> Jwk.fromJwk("{\"kty\":\"oct\",\"k\":\"AA+/\"}"));
    assertThrows(KeyException.class, () -> Jwk.fromJwk("{\"kty\":\"oct\",\"k\":\"AAF\"}"));
    assertThrows(KeyException.class, () -> Jwk.fromJwk(P521.replace("\"AHKZ", "\"HKZ")));
    assertThrows(KeyException.class, () -> Jwk.fromJwk("{\"kty\":\"EC\",\"crv\":\"Ed25519\"}"));
    CoseKey badKid = CoseKey.symmetric(new byte[16]).keyId(new byte[] {(byte) 0xFF}).build();
    assertThrows(KeyException.class, () -> Jwk.toJwk(badKid));
  }
}
