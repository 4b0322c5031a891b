package io.coseiot.cose.key;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.cose.exception.KeyException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** COSE_KeySet encoding, decoding and lookup. */
class CoseKeySetTest {
  private static final byte[] KID = {1, 2};

  @Test
  void roundTripsAndFindsKeysByKid() throws Exception {
    CoseKey a = CoseKey.symmetric(new byte[16]).keyId(KID).build();
    CoseKey b = KeyPairs.generate(Curve.ED25519, FixedRandom.seeded(4)).publicKey();
    CoseKey c = CoseKey.symmetric(new byte[32]).keyId(KID).build();
    CoseKeySet set = CoseKeySet.of(List.of(a, b, c));
    CoseKeySet decoded = CoseKeySet.decode(set.encode());
    assertEquals(List.of(a, b, c), decoded.keys());
    assertArrayEquals(set.encode(), decoded.encode());
    assertEquals(List.of(a, c), decoded.byKeyId(KID));
    assertTrue(decoded.byKeyId(new byte[] {9}).isEmpty());
  }

  @Test
  void refusesEmptyAndNonArrays() {
    assertThrows(KeyException.class, () -> CoseKeySet.decode(new byte[] {(byte) 0x80}));
    assertThrows(KeyException.class, () -> CoseKeySet.decode(HexFormat.of().parseHex("a10101")));
    assertThrows(KeyException.class, () -> CoseKeySet.decode(HexFormat.of().parseHex("8101")));
    assertThrows(IllegalArgumentException.class, () -> CoseKeySet.of(List.of()));
  }
}
