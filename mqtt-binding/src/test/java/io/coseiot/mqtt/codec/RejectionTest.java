package io.coseiot.mqtt.codec;

import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.ALGORITHM_NOT_ALLOWED;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.AUTHENTICATION_FAILED;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.KEY_ID_MISMATCH;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.MALFORMED;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.NOT_SEALED;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.OVERSIZED;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.REPLAY;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.UNKNOWN_KEY;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.WRONG_TOPIC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.mqtt.keyring.KeyDerivation;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.RotationSchedule;
import io.coseiot.mqtt.keyring.TopicKeyset;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every typed rejection of the Encrypt0 modes: profile R1.1 (untagged and other tags), R8.2 (the
 * envelope topic of an obfuscated tree) and R9.1 (the size limit and its edge).
 */
class RejectionTest {
  private final PayloadSealer sealer;
  private final PayloadOpener opener;

  RejectionTest() throws Exception {
    CoseMqttCodec codec =
        CoseMqttCodec.builder()
            .keyring(Fixtures.keyring(Algorithm.A128GCM))
            .maxPayloadSize(1024)
            .build();
    sealer = codec.sealer();
    opener = codec.opener();
  }

  private RejectedMessageException.Reason reason(
      String topic, byte[] payload, String contentType, Map<String, String> props) {
    return assertThrows(
            RejectedMessageException.class, () -> opener.open(topic, payload, contentType, props))
        .reason();
  }

  private RejectedMessageException.Reason reason(SealedMessage m, byte[] payload) {
    return reason(m.topic(), payload, m.contentType(), m.userProperties());
  }

  private SealedMessage sealed() throws Exception {
    return sealer.seal(Fixtures.TOPIC, "21.5".getBytes());
  }

  @Test
  void malformedAndTruncated() throws Exception {
    SealedMessage m = sealed();
    byte[] p = m.payload();
    assertEquals(MALFORMED, reason(m, Arrays.copyOf(p, p.length - 20)));
    assertEquals(MALFORMED, reason(m, Arrays.copyOf(p, 2)));
    assertEquals(MALFORMED, reason(m, new byte[] {(byte) 0xd2, (byte) 0x80})); // Sign1 tag
    assertEquals(
        MALFORMED,
        reason(m.topic(), p, "application/cose; cose-type=\"cose-sign1\"", m.userProperties()));
  }

  @Test
  void oversized() throws Exception {
    SealedMessage m = sealed();
    assertEquals(OVERSIZED, reason(m, new byte[1025]));
    // R9.1: exactly the maximum is not OVERSIZED (it gets as far as the tag check).
    assertEquals(NOT_SEALED, reason(m, new byte[1024]));
    assertThrows(
        IllegalArgumentException.class, () -> CoseMqttCodec.builder().maxPayloadSize(1023));
  }

  @Test
  void plaintextOnASealedTopic() throws Exception {
    assertEquals(NOT_SEALED, reason(Fixtures.TOPIC, "{\"t\":21.5}".getBytes(), null, Map.of()));
    assertEquals(
        NOT_SEALED, reason(Fixtures.TOPIC, "21.5".getBytes(), "application/json", Map.of()));
    assertEquals(NOT_SEALED, reason(Fixtures.TOPIC, new byte[0], null, Map.of()));
  }

  @Test
  void unknownKey() throws Exception {
    CoseMqttCodec stranger =
        CoseMqttCodec.builder()
            .keyring(
                Keyring.builder()
                    .add(TopicKeyset.derived("#", Algorithm.A128GCM, new byte[32], null))
                    .build())
            .build();
    SealedMessage m = stranger.sealer().seal(Fixtures.TOPIC, new byte[] {1});
    assertEquals(UNKNOWN_KEY, reason(m, m.payload()));
  }

  @Test
  void kidPropertyMismatch() throws Exception {
    SealedMessage m = sealed();
    assertEquals(
        KEY_ID_MISMATCH,
        reason(m.topic(), m.payload(), m.contentType(), Map.of("cose-kid", "AAAAAAAAAAA")));
    assertEquals(
        KEY_ID_MISMATCH, reason(m.topic(), m.payload(), m.contentType(), Map.of("cose-kid", "!!")));
    // In MQTT 3.1.1 mode properties are not read at all.
    CoseMqttCodec v3 =
        CoseMqttCodec.builder()
            .keyring(Fixtures.keyring(Algorithm.A128GCM))
            .mqttVersion(MqttVersion.V3_1_1)
            .build();
    SealedMessage m3 = v3.sealer().seal(Fixtures.TOPIC, new byte[] {1});
    assertEquals(null, m3.contentType());
    assertEquals(Map.of(), m3.userProperties());
    v3.opener().open(m3.topic(), m3.payload(), null, Map.of("cose-kid", "AAAA"));
  }

  @Test
  void wrongKeyOrTampered() throws Exception {
    SealedMessage m = sealed();
    byte[] p = m.payload();
    p[p.length - 1] ^= 1;
    assertEquals(AUTHENTICATION_FAILED, reason(m, p));
    // Same kid, different key material (a keyring that derived from another master).
    CoseMqttCodec other =
        CoseMqttCodec.builder()
            .keyring(
                Keyring.builder()
                    .add(
                        TopicKeyset.explicit(
                            Fixtures.FILTER,
                            io.coseiot.cose.key.CoseKeySet.of(
                                java.util.List.of(
                                    io.coseiot.cose.key.CoseKey.symmetric(new byte[16])
                                        .keyId(Fixtures.hex("500d4a54c8e06900"))
                                        .algorithm(Algorithm.A128GCM)
                                        .build()))))
                    .build())
            .build();
    SealedMessage good = sealed();
    assertThrows(
        RejectedMessageException.class,
        () -> other.opener().open(good.topic(), good.payload(), good.contentType(), Map.of()));
    assertEquals(
        AUTHENTICATION_FAILED,
        assertThrows(
                RejectedMessageException.class,
                () ->
                    other.opener().open(good.topic(), good.payload(), good.contentType(), Map.of()))
            .reason());
  }

  @Test
  void movedToAnotherTopic() throws Exception {
    SealedMessage m = sealed();
    // To a topic under another keyset: the kid is known but not for this topic.
    assertEquals(WRONG_TOPIC, reason("other/kitchen", m.payload(), m.contentType(), Map.of()));
    // To another topic of the same filter: external_aad differs, so authentication fails.
    assertEquals(
        AUTHENTICATION_FAILED,
        reason("sensors/hall/temperature", m.payload(), m.contentType(), Map.of()));
    // To a topic no keyset covers: still a moved message, since the kid is ours.
    assertEquals(WRONG_TOPIC, reason("elsewhere", m.payload(), m.contentType(), Map.of()));
  }

  @Test
  void movedOnAnObfuscatedTree() throws Exception {
    Keyring k =
        Keyring.builder()
            .add(TopicKeyset.derived("sensors/#", Algorithm.A128GCM, Fixtures.MASTER, null))
            .obfuscateTopics(KeyDerivation.topicKey(Fixtures.MASTER, null))
            .build();
    CoseMqttCodec c = CoseMqttCodec.builder().keyring(k).build();
    SealedMessage m = c.sealer().seal("sensors/a", new byte[] {1});
    assertEquals(k.wireTopic("sensors/a"), m.topic());
    assertEquals(
        "sensors/a", c.opener().open(m.topic(), m.payload(), m.contentType(), Map.of()).topic());
    assertEquals(
        AUTHENTICATION_FAILED,
        assertThrows(
                RejectedMessageException.class,
                () -> c.opener().open(k.wireTopic("sensors/b"), m.payload(), null, Map.of()))
            .reason());
  }

  @Test
  void epochNotAccepted() throws Exception {
    Keyring old =
        Keyring.builder()
            .add(TopicKeyset.derived(Fixtures.FILTER, Algorithm.A128GCM, Fixtures.MASTER, null))
            .schedule(RotationSchedule.fixed(5))
            .build();
    SealedMessage m =
        CoseMqttCodec.builder().keyring(old).build().sealer().seal(Fixtures.TOPIC, new byte[] {1});
    assertEquals(RejectedMessageException.Reason.EPOCH_NOT_ACCEPTED, reason(m, m.payload()));
  }

  @Test
  void replay() throws Exception {
    SealedMessage m = sealed();
    opener.open(m.topic(), m.payload(), m.contentType(), m.userProperties());
    assertEquals(REPLAY, reason(m, m.payload()));
  }

  @Test
  void algorithmOutsideTheProfile() throws Exception {
    Keyring k =
        Keyring.builder()
            .add(TopicKeyset.derived("#", Algorithm.A256GCM, Fixtures.MASTER, null))
            .build();
    SealedMessage m = CoseMqttCodec.builder().keyring(k).build().sealer().seal("a", new byte[1]);
    PayloadOpener device =
        CoseMqttCodec.builder()
            .keyring(k)
            .algorithmProfile(AlgorithmProfile.DEVICE)
            .build()
            .opener();
    assertEquals(
        ALGORITHM_NOT_ALLOWED,
        assertThrows(
                RejectedMessageException.class,
                () -> device.open(m.topic(), m.payload(), m.contentType(), m.userProperties()))
            .reason());
  }

  @Test
  void nullsAndGarbageNeverEscape() {
    assertThrows(RejectedMessageException.class, () -> opener.open(null, null, null, null));
    assertThrows(
        RejectedMessageException.class,
        () -> opener.open("a/+", new byte[] {(byte) 0xd0}, null, null));
    assertThrows(
        RejectedMessageException.class,
        () -> opener.open(Fixtures.TOPIC, new byte[] {(byte) 0xd0, (byte) 0x9f}, null, null));
  }
}
