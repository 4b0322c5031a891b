package io.coseiot.mqtt.codec;

import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.AUTHENTICATION_FAILED;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.EPOCH_NOT_ACCEPTED;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.UNKNOWN_KEY;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.WRONG_TOPIC;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.CoseKeySet;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.RotationSchedule;
import io.coseiot.mqtt.keyring.TopicKeyset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Profile R6.4: the key, and with it the epoch, is found by the kid alone; the first key with the
 * kid in a keyset covering the topic is the one, and no other key is tried when it fails.
 */
class KidLookupTest {
  private static final byte[] KID = Fixtures.hex("0102030405060708");

  private static TopicKeyset explicit(String filter, int fill) throws Exception {
    byte[] k = new byte[16];
    java.util.Arrays.fill(k, (byte) fill);
    CoseKey key = CoseKey.symmetric(k).keyId(KID).algorithm(Algorithm.A128GCM).build();
    return TopicKeyset.explicit(filter, CoseKeySet.of(List.of(key)));
  }

  private static CoseMqttCodec codec(TopicKeyset... keysets) throws Exception {
    Keyring.Builder b = Keyring.builder();
    for (TopicKeyset k : keysets) {
      b.add(k);
    }
    return CoseMqttCodec.builder().keyring(b.build()).build();
  }

  private static RejectedMessageException.Reason reason(CoseMqttCodec receiver, SealedMessage m) {
    return assertThrows(
            RejectedMessageException.class,
            () ->
                receiver.opener().open(m.topic(), m.payload(), m.contentType(), m.userProperties()))
        .reason();
  }

  @Test
  void aCollidingKidInAKeysetOfOtherTopicsIsPassedOver() throws Exception {
    CoseMqttCodec receiver = codec(explicit("a/#", 1), explicit("#", 2));
    SealedMessage m = codec(explicit("#", 2)).sealer().seal("b/x", new byte[] {1});
    assertArrayEquals(
        new byte[] {1}, receiver.opener().open(m.topic(), m.payload(), null, null).plaintext());
  }

  @Test
  void theFirstCoveringKeyIsTheKeyAndNoOtherIsTried() throws Exception {
    CoseMqttCodec receiver = codec(explicit("a/#", 1), explicit("#", 2));
    // Sealed under the second keyset's key on a topic the first also covers.
    SealedMessage m = codec(explicit("#", 2)).sealer().seal("a/x", new byte[] {1});
    assertEquals(AUTHENTICATION_FAILED, reason(receiver, m));
  }

  @Test
  void aKidOnlyOfOtherTopicsIsWrongTopicAndNowhereUnknown() throws Exception {
    SealedMessage m = codec(explicit("#", 1)).sealer().seal("b/x", new byte[] {1});
    assertEquals(WRONG_TOPIC, reason(codec(explicit("a/#", 1)), m));
    SealedMessage other = codec(explicit("#", 1)).sealer().seal("a/x", new byte[] {1});
    assertEquals(UNKNOWN_KEY, reason(atEpoch(7), other));
  }

  @Test
  void theEpochComesFromTheKid() throws Exception {
    CoseMqttCodec receiver = atEpoch(7);
    // Epoch 5's kid is recognised, so its epoch is known, and not accepted after the window;
    // epoch 2's is beyond the recognised epochs, so the kid names no key.
    assertEquals(
        EPOCH_NOT_ACCEPTED,
        reason(receiver, atEpoch(5).sealer().seal(Fixtures.TOPIC, new byte[] {1})));
    assertEquals(
        UNKNOWN_KEY, reason(receiver, atEpoch(2).sealer().seal(Fixtures.TOPIC, new byte[] {1})));
    OpenedMessage o =
        receiver
            .opener()
            .open(
                Fixtures.TOPIC,
                atEpoch(7).sealer().seal(Fixtures.TOPIC, new byte[] {1}).payload(),
                null,
                null);
    assertEquals(7, o.epoch());
  }

  private static CoseMqttCodec atEpoch(long epoch) throws Exception {
    return CoseMqttCodec.builder()
        .keyring(
            Keyring.builder()
                .add(TopicKeyset.derived(Fixtures.FILTER, Algorithm.A128GCM, Fixtures.MASTER, null))
                .schedule(RotationSchedule.fixed(epoch))
                .build())
        .build();
  }
}
