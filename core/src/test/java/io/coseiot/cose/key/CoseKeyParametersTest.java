package io.coseiot.cose.key;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.algorithm.Algorithm;
import org.junit.jupiter.api.Test;

/** The parameters a key keeps in fields read the same as those looked up in its map. */
class CoseKeyParametersTest {
  @Test
  void symmetricParametersAndTheirAbsence() throws Exception {
    byte[] k = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    byte[] kid = {'s', '1'};
    byte[] baseIv = {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9};
    CoseKey full =
        CoseKey.symmetric(k)
            .keyId(kid)
            .algorithm(Algorithm.A128GCM)
            .setBytes(KeyLabel.BASE_IV, baseIv)
            .build();
    // The same key through its encoding, where every parameter comes from the decoded map.
    CoseKey decoded = CoseKey.decode(full.encode());
    for (CoseKey key : new CoseKey[] {full, decoded}) {
      assertArrayEquals(k, key.getBytes(KeyLabel.K));
      assertArrayEquals(kid, key.keyId());
      assertArrayEquals(baseIv, key.getBytes(KeyLabel.BASE_IV));
      assertEquals(Algorithm.A128GCM, key.algorithm());
      assertTrue(key.contains(KeyLabel.ALG));
      assertEquals(CBORObject.FromObject(Algorithm.A128GCM.id()), key.get(KeyLabel.ALG));
      assertFalse(key.contains(KeyLabel.KEY_OPS));
    }
    CoseKey bare = CoseKey.symmetric(k).build();
    assertNull(bare.keyId());
    assertNull(bare.getBytes(KeyLabel.BASE_IV));
    assertNull(bare.algorithm());
    assertFalse(bare.contains(KeyLabel.ALG));
    assertFalse(bare.contains(KeyLabel.BASE_IV));
  }

  @Test
  void anUnknownAlgorithmIsPresentButNotImplemented() {
    CoseKey key =
        CoseKey.symmetric(new byte[16]).set(KeyLabel.ALG, CBORObject.FromObject(-65000)).build();
    assertTrue(key.contains(KeyLabel.ALG));
    assertNull(key.algorithm());
  }

  @Test
  void labelMinusOneIsTheCurveOfAnEcKeyNotASecret() throws Exception {
    CoseKey ec = KeyPairs.generate(Curve.P_256, FixedRandom.seeded(4));
    // -1 is k for symmetric keys only; for EC2 it is crv, an int, so not a byte string.
    assertNull(ec.getBytes(KeyLabel.K));
    assertTrue(ec.contains(KeyLabel.CRV));
    assertEquals(CBORObject.FromObject(Curve.P_256.id()), ec.get(KeyLabel.CRV));
    assertEquals(32, ec.getBytes(KeyLabel.D).length);
  }
}
