package io.coseiot.mqtt.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.PayloadOpener;
import io.coseiot.mqtt.codec.PayloadSealer;
import io.coseiot.mqtt.codec.RejectedMessageException;
import io.coseiot.mqtt.codec.SealedMessage;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.RotationSchedule;
import io.coseiot.mqtt.keyring.TopicKeyset;
import io.coseiot.mqtt.replay.ReplayGuard;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The codec's reports as Micrometer meters, counted by a real registry. */
class MicrometerMetricsTest {
  private static final String TOPIC = "site/kitchen/temperature";

  private static Keyring keyring() {
    byte[] master = new byte[32];
    Arrays.fill(master, (byte) 3);
    return Keyring.builder()
        .add(TopicKeyset.derived("site/+/temperature", Algorithm.A128GCM, master, null))
        .schedule(RotationSchedule.fixed(7))
        .build();
  }

  private static double rejected(MeterRegistry r, RejectedMessageException.Reason reason) {
    return r.get(MicrometerMetrics.REJECTED).tag("reason", reason.name()).counter().count();
  }

  @Test
  void sealedOpenedRejectedByReasonAndTheEpochInUse() throws Exception {
    MeterRegistry registry = new SimpleMeterRegistry();
    CoseMqttCodec codec =
        CoseMqttCodec.builder()
            .keyring(keyring())
            .metrics(MicrometerMetrics.of(registry, "codec", "telemetry"))
            .build();
    PayloadSealer sealer = codec.sealer();
    PayloadOpener opener = codec.opener();
    SealedMessage a = sealer.seal(TOPIC, new byte[] {1});
    SealedMessage b = sealer.seal(TOPIC, new byte[] {2});
    SealedMessage c = sealer.seal(TOPIC, new byte[] {3});
    opener.open(a.topic(), a.payload(), a.contentType(), a.userProperties());
    opener.open(b.topic(), b.payload(), b.contentType(), b.userProperties());
    assertThrows(
        RejectedMessageException.class,
        () -> opener.open(a.topic(), a.payload(), a.contentType(), a.userProperties()));
    byte[] tampered = c.payload();
    tampered[tampered.length - 1] ^= 1;
    assertThrows(
        RejectedMessageException.class,
        () -> opener.open(c.topic(), tampered, c.contentType(), c.userProperties()));

    assertEquals(
        3, registry.get(MicrometerMetrics.SEALED).tag("codec", "telemetry").counter().count());
    assertEquals(2, registry.get(MicrometerMetrics.OPENED).counter().count());
    assertEquals(1, rejected(registry, RejectedMessageException.Reason.REPLAY));
    assertEquals(1, rejected(registry, RejectedMessageException.Reason.AUTHENTICATION_FAILED));
    assertEquals(0, rejected(registry, RejectedMessageException.Reason.UNKNOWN_KEY));
    assertEquals(7, registry.get(MicrometerMetrics.EPOCH).gauge().value());
    assertEquals(0, registry.get(MicrometerMetrics.EVICTIONS).counter().count());
  }

  @Test
  void theDefaultReplayStateCountsWhatItForgets() throws Exception {
    MeterRegistry registry = new SimpleMeterRegistry();
    CoseMqttCodec codec =
        CoseMqttCodec.builder().keyring(keyring()).metrics(MicrometerMetrics.of(registry)).build();
    PayloadSealer sealer = codec.sealer();
    PayloadOpener opener = codec.opener();
    int extra = 5;
    for (int i = 0; i < ReplayGuard.DEFAULT_RECENT + extra; i++) {
      SealedMessage m = sealer.seal(TOPIC, new byte[] {(byte) i});
      opener.open(m.topic(), m.payload(), m.contentType(), m.userProperties());
    }
    assertEquals(extra, registry.get(MicrometerMetrics.EVICTIONS).counter().count());
  }

  @Test
  void aCodecWithoutAKeyringReportsNoEpoch() {
    MeterRegistry registry = new SimpleMeterRegistry();
    MicrometerMetrics.of(registry);
    assertEquals(Double.NaN, registry.get(MicrometerMetrics.EPOCH).gauge().value());
  }
}
