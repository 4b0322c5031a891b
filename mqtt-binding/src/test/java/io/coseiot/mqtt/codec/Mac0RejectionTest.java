package io.coseiot.mqtt.codec;

import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.ALGORITHM_NOT_ALLOWED;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.AUTHENTICATION_FAILED;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.EPOCH_NOT_ACCEPTED;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.KEY_ID_MISMATCH;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.MALFORMED;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.NOT_SEALED;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.OVERSIZED;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.REPLAY;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.UNKNOWN_KEY;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.WRONG_TOPIC;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.cbor.CborWriter;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.CoseKeySet;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.RotationSchedule;
import io.coseiot.mqtt.keyring.TopicKey;
import io.coseiot.mqtt.keyring.TopicKeyset;
import io.coseiot.mqtt.nonce.SequenceStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every typed rejection of the MAC0 mode, and profile R1.2: no MAC0 with topic obfuscation. */
class Mac0RejectionTest {
  private static final String MAC0_TYPE = "application/cose; cose-type=\"cose-mac0\"";

  @TempDir Path dir;

  private final Keyring keyring = Fixtures.keyring(Algorithm.HMAC_256_256);
  private final PayloadSealer sealer;
  private final PayloadOpener opener;

  Mac0RejectionTest() throws Exception {
    CoseMqttCodec codec = mac0(keyring).maxPayloadSize(1024).build();
    sealer = codec.sealer();
    opener = codec.opener();
  }

  private static CoseMqttCodec.Builder mac0(Keyring k) {
    return CoseMqttCodec.builder().keyring(k).mode(SealMode.MAC0);
  }

  private RejectedMessageException.Reason reason(
      PayloadOpener o, String topic, byte[] payload, String contentType, Map<String, String> p) {
    return assertThrows(
            RejectedMessageException.class, () -> o.open(topic, payload, contentType, p))
        .reason();
  }

  private RejectedMessageException.Reason reason(SealedMessage m, byte[] payload) {
    return reason(opener, m.topic(), payload, m.contentType(), m.userProperties());
  }

  private SealedMessage sealed() throws Exception {
    return sealer.seal(Fixtures.TOPIC, "21.5".getBytes());
  }

  /** MAC_structure = ["MAC0", protected, external_aad, payload], written by hand. */
  private static byte[] macStructure(byte[] prot, byte[] aad, byte[] payload) {
    return new CborWriter(64)
        .writeArrayHeader(4)
        .writeText("MAC0")
        .writeBytes(prot)
        .writeBytes(aad)
        .writeBytes(payload)
        .toByteArray();
  }

  /** A tagged Mac0 written by hand under the topic key, with the given headers and tag key. */
  private static byte[] handMade(byte[] prot, Map<?, byte[]> unprot, byte[] key, byte[] pt)
      throws Exception {
    byte[] aad = CoseMqttProfile.externalAad(Fixtures.TOPIC, Fixtures.EPOCH);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    byte[] tag = mac.doFinal(macStructure(prot, aad, pt));
    CborWriter w = new CborWriter(128);
    w.writeTag(17).writeArrayHeader(4).writeBytes(prot).writeMapHeader(unprot.size());
    for (Map.Entry<?, byte[]> e : unprot.entrySet()) {
      if (e.getKey() instanceof String s) {
        w.writeText(s);
      } else {
        w.writeInt((Integer) e.getKey());
      }
      w.writeBytes(e.getValue());
    }
    return w.writeBytes(pt).writeBytes(tag).toByteArray();
  }

  private TopicKey key() throws Exception {
    return keyring.primary(Fixtures.TOPIC);
  }

  @Test
  void sealsAMac0WithItsContentTypeAndKid() throws Exception {
    SealedMessage m = sealed();
    assertEquals(MAC0_TYPE, m.contentType());
    assertEquals(0xd1, m.payload()[0] & 0xff);
    assertEquals(CoseMqttProfile.kidHint(key().kid()), m.userProperties().get("cose-kid"));
    assertArrayEquals(
        "21.5".getBytes(),
        opener.open(m.topic(), m.payload(), m.contentType(), m.userProperties()).plaintext());
  }

  @Test
  void malformedAndTruncated() throws Exception {
    SealedMessage m = sealed();
    byte[] p = m.payload();
    assertEquals(MALFORMED, reason(m, Arrays.copyOf(p, p.length - 20)));
    assertEquals(MALFORMED, reason(m, Arrays.copyOf(p, 2)));
    assertEquals(MALFORMED, reason(m, new byte[] {(byte) 0xd0, (byte) 0x80})); // Encrypt0 tag
    assertEquals(
        MALFORMED,
        reason(opener, m.topic(), p, CoseMqttProfile.contentType(SealMode.ENCRYPT0), Map.of()));
    // An Encrypt0 under the same kind of keyring is not a Mac0.
    SealedMessage e0 =
        CoseMqttCodec.builder()
            .keyring(Fixtures.keyring(Algorithm.A128GCM))
            .build()
            .sealer()
            .seal(Fixtures.TOPIC, new byte[] {1});
    assertEquals(MALFORMED, reason(opener, e0.topic(), e0.payload(), null, Map.of()));
  }

  @Test
  void sequenceNumberOutsideTheProtectedBucketIsMalformed() throws Exception {
    TopicKey k = key();
    byte[] pt = "21.5".getBytes();
    Map<Object, byte[]> kidOnly = Map.of(4, k.kid());
    // Partial IV and sid unprotected: the MAC would not cover them, so a replay could renumber.
    byte[] unprotectedPiv =
        handMade(
            Fixtures.hex("a10105"),
            new java.util.TreeMap<>(Map.of(4, k.kid(), 6, new byte[] {5})),
            k.keyBytes(),
            pt);
    assertEquals(MALFORMED, reason(opener, Fixtures.TOPIC, unprotectedPiv, null, Map.of()));
    // A Partial IV without sid, an IV, a non-minimal Partial IV.
    assertEquals(
        MALFORMED,
        reason(
            opener,
            Fixtures.TOPIC,
            handMade(Fixtures.hex("a20105064105"), kidOnly, k.keyBytes(), pt),
            null,
            Map.of()));
    assertEquals(
        MALFORMED,
        reason(
            opener,
            Fixtures.TOPIC,
            handMade(
                Fixtures.hex("a10105"),
                new java.util.TreeMap<>(Map.of(4, k.kid(), 5, new byte[12])),
                k.keyBytes(),
                pt),
            null,
            Map.of()));
    assertEquals(
        MALFORMED,
        reason(
            opener,
            Fixtures.TOPIC,
            handMade(Fixtures.hex("a301050642000563736964 4101"), kidOnly, k.keyBytes(), pt),
            null,
            Map.of()));
    // The same message with the sequence number protected opens.
    byte[] good = handMade(Fixtures.hex("a30105064105637369644101"), kidOnly, k.keyBytes(), pt);
    assertEquals(5, opener.open(Fixtures.TOPIC, good, null, Map.of()).sequenceNumber());
  }

  @Test
  void oversized() throws Exception {
    assertEquals(OVERSIZED, reason(sealed(), new byte[1025]));
  }

  @Test
  void plaintextOnASealedTopic() throws Exception {
    assertEquals(
        NOT_SEALED, reason(opener, Fixtures.TOPIC, "{\"t\":21.5}".getBytes(), null, Map.of()));
    assertEquals(
        NOT_SEALED,
        reason(opener, Fixtures.TOPIC, "21.5".getBytes(), "application/json", Map.of()));
    assertEquals(NOT_SEALED, reason(opener, Fixtures.TOPIC, new byte[0], null, Map.of()));
  }

  @Test
  void unknownKey() throws Exception {
    Keyring stranger =
        Keyring.builder()
            .add(TopicKeyset.derived("#", Algorithm.HMAC_256_256, new byte[32], null))
            .build();
    SealedMessage m = mac0(stranger).build().sealer().seal(Fixtures.TOPIC, new byte[] {1});
    assertEquals(UNKNOWN_KEY, reason(m, m.payload()));
  }

  @Test
  void kidPropertyMismatch() throws Exception {
    SealedMessage m = sealed();
    assertEquals(
        KEY_ID_MISMATCH,
        reason(opener, m.topic(), m.payload(), m.contentType(), Map.of("cose-kid", "AAAAAAAAAAA")));
    assertEquals(
        KEY_ID_MISMATCH,
        reason(opener, m.topic(), m.payload(), m.contentType(), Map.of("cose-kid", "!!")));
    // MQTT 3.1.1: no properties are sent, and none are read.
    CoseMqttCodec v3 = mac0(keyring).mqttVersion(MqttVersion.V3_1_1).build();
    SealedMessage m3 = v3.sealer().seal(Fixtures.TOPIC, new byte[] {1});
    assertEquals(null, m3.contentType());
    assertEquals(Map.of(), m3.userProperties());
    v3.opener().open(m3.topic(), m3.payload(), null, Map.of("cose-kid", "AAAA"));
  }

  @Test
  void tamperedOrWrongKey() throws Exception {
    SealedMessage m = sealed();
    byte[] tag = m.payload();
    tag[tag.length - 1] ^= 1;
    assertEquals(AUTHENTICATION_FAILED, reason(m, tag));
    // The payload is in the clear, but changing it breaks the tag.
    byte[] payload = m.payload();
    int at = new String(payload, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("21.5");
    payload[at] = '9';
    assertEquals(AUTHENTICATION_FAILED, reason(m, payload));
    // Same kid, other key material.
    Keyring other =
        Keyring.builder()
            .add(
                TopicKeyset.explicit(
                    Fixtures.FILTER,
                    CoseKeySet.of(
                        List.of(
                            CoseKey.symmetric(new byte[32])
                                .keyId(key().kid())
                                .algorithm(Algorithm.HMAC_256_256)
                                .build()))))
            .build();
    SealedMessage good = sealed();
    assertEquals(
        AUTHENTICATION_FAILED,
        reason(
            mac0(other).build().opener(),
            good.topic(),
            good.payload(),
            good.contentType(),
            Map.of()));
  }

  @Test
  void movedToAnotherTopic() throws Exception {
    SealedMessage m = sealed();
    assertEquals(
        WRONG_TOPIC, reason(opener, "other/kitchen", m.payload(), m.contentType(), Map.of()));
    assertEquals(
        AUTHENTICATION_FAILED,
        reason(opener, "sensors/hall/temperature", m.payload(), m.contentType(), Map.of()));
    assertEquals(WRONG_TOPIC, reason(opener, "elsewhere", m.payload(), m.contentType(), Map.of()));
  }

  @Test
  void epochNotAccepted() throws Exception {
    Keyring old =
        Keyring.builder()
            .add(
                TopicKeyset.derived(Fixtures.FILTER, Algorithm.HMAC_256_256, Fixtures.MASTER, null))
            .schedule(RotationSchedule.fixed(5))
            .build();
    SealedMessage m = mac0(old).build().sealer().seal(Fixtures.TOPIC, new byte[] {1});
    assertEquals(EPOCH_NOT_ACCEPTED, reason(m, m.payload()));
  }

  @Test
  void replayInBothModes() throws Exception {
    SealedMessage m = sealed();
    opener.open(m.topic(), m.payload(), m.contentType(), m.userProperties());
    assertEquals(REPLAY, reason(m, m.payload()));

    Path seq = dir.resolve("seq");
    CoseMqttCodec counter =
        mac0(keyring).counterNonces(new byte[] {7}, SequenceStore.create(seq, 8)).build();
    PayloadSealer s = counter.sealer();
    PayloadOpener o = counter.opener();
    SealedMessage first = s.seal(Fixtures.TOPIC, "same".getBytes());
    SealedMessage second = s.seal(Fixtures.TOPIC, "same".getBytes());
    assertEquals(0, o.open(first.topic(), first.payload(), null, Map.of()).sequenceNumber());
    assertEquals(1, o.open(second.topic(), second.payload(), null, Map.of()).sequenceNumber());
    assertEquals(REPLAY, reason(o, first.topic(), first.payload(), null, Map.of()));
    assertEquals(REPLAY, reason(o, second.topic(), second.payload(), null, Map.of()));
  }

  @Test
  void statelessMacIsDeterministicSoAVerbatimRepeatCountsAsAReplay() throws Exception {
    // Documented in the profile (§7): publishers that repeat payloads verbatim use counter mode.
    SealedMessage a = sealer.seal(Fixtures.TOPIC, "21.5".getBytes());
    SealedMessage b = sealer.seal(Fixtures.TOPIC, "21.5".getBytes());
    assertArrayEquals(a.payload(), b.payload());
    opener.open(a.topic(), a.payload(), null, Map.of());
    assertEquals(REPLAY, reason(opener, b.topic(), b.payload(), null, Map.of()));
  }

  @Test
  void algorithmOutsideTheProfileOrNotTheKeys() throws Exception {
    TopicKey k = key();
    byte[] pt = "21.5".getBytes();
    // HMAC 256/64 (alg 4) under the HMAC 256/256 key's kid: not the key's algorithm, and in
    // neither profile.
    byte[] truncated = handMade(Fixtures.hex("a10104"), Map.of(4, k.kid()), k.keyBytes(), pt);
    assertEquals(ALGORITHM_NOT_ALLOWED, reason(opener, Fixtures.TOPIC, truncated, null, Map.of()));
    // An HMAC 256/64 keyring: the subscriber refuses it even when the key matches.
    Keyring k64 =
        Keyring.builder()
            .add(TopicKeyset.derived("#", Algorithm.HMAC_256_64, Fixtures.MASTER, null))
            .build();
    TopicKey key64 = k64.primary("a");
    CborWriter w = new CborWriter(64);
    byte[] aad = CoseMqttProfile.externalAad("a", 0);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key64.keyBytes(), "HmacSHA256"));
    byte[] tag = Arrays.copyOf(mac.doFinal(macStructure(Fixtures.hex("a10104"), aad, pt)), 8);
    w.writeTag(17).writeArrayHeader(4).writeBytes(Fixtures.hex("a10104")).writeMapHeader(1);
    w.writeInt(4).writeBytes(key64.kid()).writeBytes(pt).writeBytes(tag);
    assertEquals(
        ALGORITHM_NOT_ALLOWED,
        reason(mac0(k64).build().opener(), "a", w.toByteArray(), null, Map.of()));
    assertThrows(Exception.class, () -> mac0(k64).build().sealer().seal("a", pt));
    // An AEAD keyring cannot seal Mac0, and an Encrypt0 codec refuses a MAC keyring.
    assertThrows(
        Exception.class,
        () -> mac0(Fixtures.keyring(Algorithm.A128GCM)).build().sealer().seal(Fixtures.TOPIC, pt));
    assertThrows(
        Exception.class,
        () -> CoseMqttCodec.builder().keyring(keyring).build().sealer().seal(Fixtures.TOPIC, pt));
  }

  @Test
  void obfuscatingKeyringsAreRefused() {
    Keyring k =
        Keyring.builder()
            .add(TopicKeyset.derived("#", Algorithm.HMAC_256_256, Fixtures.MASTER, null))
            .obfuscateTopics(new byte[32])
            .build();
    assertThrows(KeyException.class, () -> mac0(k).build().sealer());
    assertThrows(KeyException.class, () -> mac0(k).build().opener());
  }
}
