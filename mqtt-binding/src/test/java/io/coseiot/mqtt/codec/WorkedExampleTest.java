package io.coseiot.mqtt.codec;

import static io.coseiot.mqtt.codec.Fixtures.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.mqtt.keyring.KeyDerivation;
import io.coseiot.mqtt.nonce.OscoreNonce;
import io.coseiot.mqtt.nonce.SequenceStore;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worked example of docs/mqtt-cose-profile.md §10, byte for byte. */
class WorkedExampleTest {
  // Values as printed in the profile document.
  static final String INFO_KEY =
      "866f636f73652d696f742d6d7174742f317573656e736f72732f2b2f74656d70657261747572650107634b657910";
  static final String KEY = "aeff1ba9fcbda087f7eed6f5a6c559d3";
  static final String KID = "500d4a54c8e06900";
  static final String COMMON_IV = "65f25bde62b856fdf88c4fd8";
  static final String TOPIC_KEY =
      "79c7669de89156e2915e0f3894e0f54fa22f5b617e56ba883e288b04f09069af";
  static final String EXTERNAL_AAD =
      "836f636f73652d696f742d6d7174742f31781b73656e736f72732f6b69746368656e2f74656d706572617475726507";
  static final String COUNTER_MESSAGE =
      "d08343a10101a30448500d4a54c8e06900064105637369644101581aae2136e3c503945bbe9d7761db207087734e8c05adbe46acf959";
  static final String RANDOM_MESSAGE =
      "d08343a10101a20448500d4a54c8e06900054ca0a1a2a3a4a5a6a7a8a9aaab581a3fbec241b8e52b90d93d48a11d3beed855b3c250c0bc1414a4d0";
  static final byte[] PLAINTEXT = "{\"t\":21.5}".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  /** HKDF-SHA-256 written out with JCA HMAC, independent of the code under test. */
  static byte[] hkdf(byte[] ikm, byte[] info, int len) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
    byte[] prk = mac.doFinal(ikm);
    mac.init(new SecretKeySpec(prk, "HmacSHA256"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] t = new byte[0];
    for (int i = 1; out.size() < len; i++) {
      mac.update(t);
      mac.update(info);
      mac.update((byte) i);
      t = mac.doFinal();
      out.write(t);
    }
    byte[] r = new byte[len];
    System.arraycopy(out.toByteArray(), 0, r, 0, len);
    return r;
  }

  /** The info array built by hand: 86, tstr profile, tstr filter, alg, epoch, tstr type, L. */
  static byte[] info(int alg, int epoch, String type, int len) {
    String filter = Fixtures.FILTER;
    return hex(
        "86"
            + "6f"
            + hex("cose-iot-mqtt/1".getBytes(StandardCharsets.US_ASCII))
            + String.format("%02x", 0x60 + filter.length())
            + hex(filter.getBytes(StandardCharsets.US_ASCII))
            + String.format("%02x", alg)
            + String.format("%02x", epoch)
            + String.format("%02x", 0x60 + type.length())
            + hex(type.getBytes(StandardCharsets.US_ASCII))
            + String.format("%02x", len));
  }

  @Test
  void derivationMatchesIndependentHkdf() throws Exception {
    assertEquals(INFO_KEY, hex(info(1, 7, "Key", 16)));
    assertEquals(INFO_KEY, hex(KeyDerivation.info(Fixtures.FILTER, 1, 7, "Key", 16)));
    assertEquals(KEY, hex(hkdf(Fixtures.MASTER, info(1, 7, "Key", 16), 16)));
    assertEquals(KID, hex(hkdf(Fixtures.MASTER, info(1, 7, "KID", 8), 8)));
    assertEquals(COMMON_IV, hex(hkdf(Fixtures.MASTER, info(1, 7, "IV", 12), 12)));
    assertEquals(
        KEY, hex(KeyDerivation.key(Fixtures.MASTER, null, Fixtures.FILTER, Algorithm.A128GCM, 7)));
    assertEquals(
        KID, hex(KeyDerivation.kid(Fixtures.MASTER, null, Fixtures.FILTER, Algorithm.A128GCM, 7)));
    assertEquals(
        COMMON_IV,
        hex(
            KeyDerivation.commonIv(
                Fixtures.MASTER, null, Fixtures.FILTER, Algorithm.A128GCM, 7, 12)));
    byte[] topicInfo =
        hex(
            "866f"
                + hex("cose-iot-mqtt/1".getBytes(StandardCharsets.US_ASCII))
                + "600500"
                + "65"
                + hex("Topic".getBytes(StandardCharsets.US_ASCII))
                + "1820");
    assertEquals(TOPIC_KEY, hex(hkdf(Fixtures.MASTER, topicInfo, 32)));
    assertEquals(TOPIC_KEY, hex(KeyDerivation.topicKey(Fixtures.MASTER, null)));
  }

  @Test
  void externalAad() {
    assertEquals(EXTERNAL_AAD, hex(CoseMqttProfile.externalAad(Fixtures.TOPIC, 7)));
  }

  @Test
  void counterModeMessageByteForByte() throws Exception {
    Path seq = dir.resolve("seq");
    CoseMqttCodec codec =
        CoseMqttCodec.builder()
            .keyring(Fixtures.keyring(Algorithm.A128GCM))
            .counterNonces(new byte[] {1}, SequenceStore.create(seq, 16, 5))
            .build();
    SealedMessage m = codec.sealer().seal(Fixtures.TOPIC, PLAINTEXT);
    assertEquals(COUNTER_MESSAGE, hex(m.payload()));
    assertEquals("application/cose; cose-type=\"cose-encrypt0\"", m.contentType());
    assertEquals("UA1KVMjgaQA", m.userProperties().get("cose-kid"));

    // Independently: nonce layout and AES-GCM over the Enc_structure with JCA.
    byte[] nonce = hex(COMMON_IV);
    nonce[0] ^= 1; // sender id length
    nonce[6] ^= 1; // sender id, right-aligned in bytes 1..6
    nonce[11] ^= 5; // Partial IV, right-aligned in bytes 7..11
    assertArrayEquals(nonce, OscoreNonce.nonce(hex(COMMON_IV), new byte[] {1}, new byte[] {5}));
    byte[] encStructure =
        hex("83" + "68" + hex("Encrypt0".getBytes()) + "43a10101" + "582f" + EXTERNAL_AAD);
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(
        Cipher.ENCRYPT_MODE, new SecretKeySpec(hex(KEY), "AES"), new GCMParameterSpec(128, nonce));
    gcm.updateAAD(encStructure);
    byte[] ct = gcm.doFinal(PLAINTEXT);
    String expected =
        "d0"
            + "83"
            + "43a10101"
            + "a3"
            + "0448"
            + KID
            + "064105"
            + "63736964"
            + "4101"
            + "581a"
            + hex(ct);
    assertEquals(expected, COUNTER_MESSAGE);

    OpenedMessage o =
        codec.opener().open(m.topic(), m.payload(), m.contentType(), m.userProperties());
    assertArrayEquals(PLAINTEXT, o.plaintext());
    assertEquals(5, o.sequenceNumber());
    assertEquals(7, o.epoch());
  }

  @Test
  void randomModeMessageByteForByte() throws Exception {
    CoseMqttCodec codec =
        CoseMqttCodec.builder()
            .keyring(Fixtures.keyring(Algorithm.A128GCM))
            .random(Fixtures.fixedRandom(hex("a0a1a2a3a4a5a6a7a8a9aaab")))
            .build();
    SealedMessage m = codec.sealer().seal(Fixtures.TOPIC, PLAINTEXT);
    assertEquals(RANDOM_MESSAGE, hex(m.payload()));
  }
}
