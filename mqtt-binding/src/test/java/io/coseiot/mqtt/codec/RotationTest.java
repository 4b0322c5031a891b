package io.coseiot.mqtt.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.RotationSchedule;
import io.coseiot.mqtt.keyring.TopicKeyset;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Profile R6.3: the epochs a subscriber accepts around a switch, and none other. */
class RotationTest {
  static final Instant ORIGIN = Instant.parse("2025-01-01T00:00:00Z");

  static Keyring keyring(MutableClock clock) {
    return Keyring.builder()
        .add(TopicKeyset.derived(Fixtures.FILTER, Algorithm.A128GCM, Fixtures.MASTER, null))
        .schedule(RotationSchedule.periodic(ORIGIN, Duration.ofHours(1), Duration.ofMinutes(5)))
        .clock(clock)
        .build();
  }

  @Test
  void zeroLossAcrossTheSwitchThenRefusal() throws Exception {
    MutableClock pubClock = new MutableClock(ORIGIN.plus(Duration.ofMinutes(59)));
    MutableClock subClock = new MutableClock(pubClock.instant());
    PayloadSealer sealer = CoseMqttCodec.builder().keyring(keyring(pubClock)).build().sealer();
    PayloadOpener opener = CoseMqttCodec.builder().keyring(keyring(subClock)).build().opener();

    // Publish once a second across the switch at 01:00; the subscriber lags 2 minutes behind.
    List<SealedMessage> inFlight = new ArrayList<>();
    int opened = 0;
    for (int i = 0; i < 180; i++) {
      inFlight.add(sealer.seal(Fixtures.TOPIC, ("m" + i).getBytes()));
      pubClock.advance(Duration.ofSeconds(1));
      if (i >= 120) {
        SealedMessage m = inFlight.remove(0);
        OpenedMessage o = opener.open(m.topic(), m.payload(), m.contentType(), m.userProperties());
        assertArrayEquals(("m" + (i - 120)).getBytes(), o.plaintext());
        opened++;
      }
      subClock.advance(Duration.ofSeconds(1));
    }
    for (SealedMessage m : inFlight) {
      opener.open(m.topic(), m.payload(), m.contentType(), m.userProperties());
      opened++;
    }
    assertEquals(180, opened);

    // A message sealed just before the switch, opened within the window: accepted.
    MutableClock late = new MutableClock(ORIGIN.plus(Duration.ofMinutes(59)));
    SealedMessage old =
        CoseMqttCodec.builder()
            .keyring(keyring(late))
            .build()
            .sealer()
            .seal(Fixtures.TOPIC, new byte[] {1});
    assertEquals(0, openAt(old, ORIGIN.plus(Duration.ofMinutes(64))).epoch());
    // ... and refused once the window is over.
    RejectedMessageException e =
        assertThrows(
            RejectedMessageException.class, () -> openAt(old, ORIGIN.plus(Duration.ofMinutes(65))));
    assertEquals(RejectedMessageException.Reason.EPOCH_NOT_ACCEPTED, e.reason());
  }

  private static OpenedMessage openAt(SealedMessage m, Instant t) throws Exception {
    PayloadOpener o =
        CoseMqttCodec.builder().keyring(keyring(new MutableClock(t))).build().opener();
    return o.open(m.topic(), m.payload(), m.contentType(), m.userProperties());
  }

  @Test
  void scheduleSemantics() {
    RotationSchedule s =
        RotationSchedule.switchingAt(Duration.ofMinutes(5), ORIGIN, ORIGIN.plus(Duration.ofDays(1)))
            .withClockSkew(Duration.ofSeconds(30));
    assertEquals(0, s.epochAt(ORIGIN.minusSeconds(1)));
    assertEquals(1, s.epochAt(ORIGIN));
    assertEquals(2, s.epochAt(ORIGIN.plus(Duration.ofDays(2))));
    assertEquals(true, s.accepts(1, ORIGIN.minusSeconds(10)));
    assertEquals(false, s.accepts(1, ORIGIN.minusSeconds(31)));
    assertEquals(true, s.accepts(0, ORIGIN.plus(Duration.ofMinutes(4))));
    assertEquals(false, s.accepts(0, ORIGIN.plus(Duration.ofMinutes(5))));
    assertEquals(false, s.accepts(3, ORIGIN.plus(Duration.ofDays(3))));
  }
}
