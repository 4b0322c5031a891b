package io.coseiot.cose.key;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** {@link KeyPairs} against the ephemeral keys of the COSE WG examples. */
class KeyPairsTest {
  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  @Test
  void p256FromExampleStream() {
    // ecdh-direct-examples/p256-hkdf-256-01.json: rng_stream[0] is the ephemeral key.
    CoseKey k =
        KeyPairs.generate(
            Curve.P_256,
            new FixedRandom("02D1F7E6F26C43D4868D87CEB2353161740AACF1F7163647984B522A848DF1C3"));
    assertArrayEquals(
        hex("98F50A4FF6C05861C8860D13A638EA56C3F5AD7590BBFBF054E1C7B4D91D6280"),
        k.getBytes(KeyLabel.X));
    assertArrayEquals(
        hex("F01400B089867804B8E9FC96C3932161F1934F4223069170D924B7E03BF822BB"),
        k.getBytes(KeyLabel.Y));
  }

  @Test
  void p521ClearsTheBitsAboveTheOrder() {
    // ecdh-wrap-examples/p521-wrap-128-01.json: rng_stream[2] starts 0x84; only its low bit counts.
    String stream =
        "848DF1C3C9CF4DF2FE6C632BF7886413F76E88526B37FD0B58734CA925A389AD361ECEF28358CFDC1CA6D690CF"
            + "1964458D425A7A4EE4D931EC070638E4E78E89A5A4";
    CoseKey k = KeyPairs.generate(Curve.P_521, new FixedRandom(stream));
    assertArrayEquals(
        hex(
            "00790FF988875233F821CC919CCD19137A4985C4FD1A41546E5C8EB4172E9FD153B47F1C0B30DE54D75F4DAA"
                + "ED9B4A29D756577959D1AF4C2126CEBF3FF2703E2BF9"),
        k.getBytes(KeyLabel.X));
    assertEquals(0, k.getBytes(KeyLabel.D)[0]);
    assertEquals(66, k.getBytes(KeyLabel.D).length);
  }

  @Test
  void x25519FromExampleStream() {
    // X25519-tests/x25519-hkdf-256-direct.json: rng_stream[0] is the ephemeral key.
    CoseKey k =
        KeyPairs.generate(
            Curve.X25519,
            new FixedRandom("1A553C409EF9DBB9249D91C464E68D9B092B20CAA028CEEC05D0F86FC314CA82"));
    assertArrayEquals(
        hex("72FC171C21BF5C682C64D2EF3A71AC877B40013D3754F63D4C3C3A965F1BA776"),
        k.getBytes(KeyLabel.X));
  }

  @Test
  void outOfRangeScalarIsDrawnAgain() {
    // n of P-256 starts FFFFFFFF00000000: all-ones is above it, so the next 32 bytes are used.
    CoseKey k =
        KeyPairs.generate(Curve.P_256, new FixedRandom("FF".repeat(32) + "00".repeat(31) + "01"));
    assertArrayEquals(hex("00".repeat(31) + "01"), k.getBytes(KeyLabel.D));
  }

  @Property(tries = 50)
  void everyCurveGivesAKeyTheJdkAccepts(@ForAll Curve curve, @ForAll long seed) throws Exception {
    CoseKey k = KeyPairs.generate(curve, FixedRandom.seeded(seed));
    assertEquals(curve.coordinateLength(), k.getBytes(KeyLabel.D).length);
    assertEquals(curve.coordinateLength(), k.getBytes(KeyLabel.X).length);
    JcaKeys.toPublicKey(k);
    JcaKeys.toPrivateKey(k);
  }
}
