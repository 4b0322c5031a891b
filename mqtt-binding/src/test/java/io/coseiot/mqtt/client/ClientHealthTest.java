package io.coseiot.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.RejectedMessageException.Reason;
import io.coseiot.mqtt.codec.SealedMessage;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.TopicKeyset;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** What {@link SecureMqttClient#health()} reads, as a delivery counts it. */
class ClientHealthTest {
  @Test
  void countsAndTheLastRejection() throws Exception {
    Instant t = Instant.parse("2026-12-04T10:00:00Z");
    ClientStats stats = new ClientStats(Clock.fixed(t, ZoneOffset.UTC));
    assertNull(stats.snapshot(false).lastRejection());
    Keyring keyring =
        Keyring.builder()
            .add(TopicKeyset.derived("a/+", Algorithm.A128GCM, new byte[32], null))
            .build();
    CoseMqttCodec codec = CoseMqttCodec.builder().keyring(keyring).build();
    SealedMessage m = codec.sealer().seal("a/b", new byte[] {1});
    Delivery d = new Delivery(null, codec.opener(), (x, c) -> {}, (topic, e) -> {}, stats);
    d.deliver(m.topic(), m.payload(), m.contentType(), m.userProperties());
    d.deliver(m.topic(), m.payload(), m.contentType(), m.userProperties());
    stats.published();

    ClientHealth h = stats.snapshot(true);
    assertTrue(h.connected());
    assertEquals(1, h.published());
    assertEquals(1, h.delivered());
    assertEquals(1, h.rejected());
    assertEquals(
        new ClientHealth.Rejection(t, "a/b", Reason.REPLAY, h.lastRejection().detail()),
        h.lastRejection());
    assertTrue(h.lastRejection().detail().startsWith("REPLAY: "), h.lastRejection().detail());
  }
}
