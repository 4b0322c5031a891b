package io.coseiot.mqtt.codec;

import static io.coseiot.mqtt.codec.Fixtures.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.mqtt.keyring.KeyDerivation;
import io.coseiot.mqtt.nonce.SequenceStore;
import java.nio.file.Path;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Mac0 worked example of docs/mqtt-cose-profile.md §11, byte for byte. */
class Mac0WorkedExampleTest {
  // Values as printed in the profile document.
  static final String INFO_KEY =
      "866f636f73652d696f742d6d7174742f317573656e736f72732f2b2f74656d70657261747572650507634b65791820";
  static final String KEY = "e951954bf799f4e595bfee7a0c4b5633ddcac09a890c314408bca6aaf6858cb0";
  static final String KID = "bebfb012164d76d1";
  static final String COUNTER_PROTECTED = "a30105064105637369644101";
  static final String COUNTER_TAG =
      "db8bf8248840cae5b36de2693740e4d86b7e4e041594aab7ef8127287bd3ad54";
  static final String COUNTER_MESSAGE =
      "d1844ca30105064105637369644101a10448bebfb012164d76d14a7b2274223a32312e357d5820"
          + COUNTER_TAG;
  static final String STATELESS_TAG =
      "4418e6d02f06f4f6dc7be852ba413fe15adf322507718de8df1f2a72b3299a1e";
  static final String STATELESS_MESSAGE =
      "d18443a10105a10448bebfb012164d76d14a7b2274223a32312e357d5820" + STATELESS_TAG;

  @TempDir Path dir;

  private static CoseMqttCodec.Builder codec() {
    return CoseMqttCodec.builder()
        .keyring(Fixtures.keyring(Algorithm.HMAC_256_256))
        .mode(SealMode.MAC0)
        .algorithmProfile(AlgorithmProfile.DEVICE);
  }

  /** HMAC-SHA-256 with JCA over the MAC_structure written out by hand. */
  private static String jcaTag(String protectedHex) throws Exception {
    String macStructure =
        "84"
            + "64"
            + hex("MAC0".getBytes())
            + String.format("%02x", 0x40 + protectedHex.length() / 2)
            + protectedHex
            + "582f"
            + WorkedExampleTest.EXTERNAL_AAD
            + "4a"
            + hex(WorkedExampleTest.PLAINTEXT);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(hex(KEY), "HmacSHA256"));
    return hex(mac.doFinal(hex(macStructure)));
  }

  @Test
  void derivationUsesTheMacKeyLength() throws Exception {
    // By hand: alg 5, epoch 7, "Key", L = 32 (a one-byte uint head 18 20).
    String byHand =
        "86"
            + "6f"
            + hex("cose-iot-mqtt/1".getBytes())
            + "75"
            + hex(Fixtures.FILTER.getBytes())
            + "05"
            + "07"
            + "63"
            + hex("Key".getBytes())
            + "1820";
    assertEquals(INFO_KEY, byHand);
    assertEquals(INFO_KEY, hex(KeyDerivation.info(Fixtures.FILTER, 5, 7, "Key", 32)));
    byte[] info = hex(INFO_KEY);
    assertEquals(KEY, hex(WorkedExampleTest.hkdf(Fixtures.MASTER, info, 32)));
    assertEquals(KID, hex(WorkedExampleTest.hkdf(Fixtures.MASTER, hex(kidInfo()), 8)));
    assertEquals(
        KEY,
        hex(KeyDerivation.key(Fixtures.MASTER, null, Fixtures.FILTER, Algorithm.HMAC_256_256, 7)));
    assertEquals(
        KID,
        hex(KeyDerivation.kid(Fixtures.MASTER, null, Fixtures.FILTER, Algorithm.HMAC_256_256, 7)));
    assertNull(Fixtures.keyring(Algorithm.HMAC_256_256).primary(Fixtures.TOPIC).commonIv());
  }

  private static String kidInfo() {
    return hex(WorkedExampleTest.info(5, 7, "KID", 8));
  }

  @Test
  void counterModeMessageByteForByte() throws Exception {
    Path seq = dir.resolve("seq");
    CoseMqttCodec c =
        codec().counterNonces(new byte[] {1}, SequenceStore.create(seq, 16, 5)).build();
    SealedMessage m = c.sealer().seal(Fixtures.TOPIC, WorkedExampleTest.PLAINTEXT);
    assertEquals(COUNTER_MESSAGE, hex(m.payload()));
    assertEquals(71, m.payload().length);
    assertEquals("application/cose; cose-type=\"cose-mac0\"", m.contentType());
    assertEquals("vr-wEhZNdtE", m.userProperties().get("cose-kid"));
    assertEquals(COUNTER_TAG, jcaTag(COUNTER_PROTECTED));
    String expected =
        "d1"
            + "84"
            + "4c"
            + COUNTER_PROTECTED
            + "a1"
            + "0448"
            + KID
            + "4a"
            + hex(WorkedExampleTest.PLAINTEXT)
            + "5820"
            + jcaTag(COUNTER_PROTECTED);
    assertEquals(expected, COUNTER_MESSAGE);

    OpenedMessage o = c.opener().open(m.topic(), m.payload(), m.contentType(), m.userProperties());
    assertArrayEquals(WorkedExampleTest.PLAINTEXT, o.plaintext());
    assertEquals(5, o.sequenceNumber());
    assertArrayEquals(new byte[] {1}, o.senderId());
    assertEquals(7, o.epoch());
    assertArrayEquals(hex(KID), o.keyId());
    assertNull(o.signer());
  }

  @Test
  void statelessMessageByteForByte() throws Exception {
    CoseMqttCodec c = codec().build();
    SealedMessage m = c.sealer().seal(Fixtures.TOPIC, WorkedExampleTest.PLAINTEXT);
    assertEquals(STATELESS_MESSAGE, hex(m.payload()));
    assertEquals(62, m.payload().length);
    assertEquals(STATELESS_TAG, jcaTag("a10105"));
    OpenedMessage o = c.opener().open(m.topic(), m.payload(), m.contentType(), m.userProperties());
    assertArrayEquals(WorkedExampleTest.PLAINTEXT, o.plaintext());
    assertEquals(-1, o.sequenceNumber());
  }
}
