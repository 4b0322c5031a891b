package io.coseiot.examples;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.OpenedMessage;
import io.coseiot.mqtt.codec.RejectedMessageException;
import io.coseiot.mqtt.codec.SealedMessage;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.RotationSchedule;
import io.coseiot.mqtt.keyring.TopicKeyset;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Key rotation by epoch: the keys switch to epoch 1 at an agreed instant, and a subscriber keeps
 * accepting epoch 0 for an acceptance window after it, so a message sealed just before the switch
 * still opens just after it.
 */
public final class KeyRotation {
  private KeyRotation() {}

  /**
   * Seals one second before the switch and opens {@code openedAfter} after it.
   *
   * @param masterSecret the secret the topic keys are derived from
   * @param openedAfter how long after the switch the subscriber opens the message
   * @return the opened message, with the epoch it was sealed under
   * @throws CoseException if the codecs cannot be built
   * @throws RejectedMessageException if the message no longer opens (outside the window)
   */
  public static OpenedMessage run(byte[] masterSecret, Duration openedAfter)
      throws CoseException, RejectedMessageException {
    // README:begin
    Instant switchAt = Instant.parse("2027-01-01T00:00:00Z");
    RotationSchedule schedule = RotationSchedule.switchingAt(Duration.ofMinutes(5), switchAt);
    Keyring before = keyring(masterSecret, schedule, switchAt.minusSeconds(1));
    Keyring after = keyring(masterSecret, schedule, switchAt.plus(openedAfter));

    SealedMessage m =
        CoseMqttCodec.builder().keyring(before).build().sealer().seal("site/door", new byte[] {1});
    return CoseMqttCodec.builder()
        .keyring(after)
        .build()
        .opener()
        .open(m.topic(), m.payload(), m.contentType(), m.userProperties());
    // README:end
  }

  private static Keyring keyring(byte[] master, RotationSchedule schedule, Instant now) {
    return Keyring.builder()
        .add(TopicKeyset.derived("site/#", Algorithm.A128GCM, master, null))
        .schedule(schedule)
        .clock(Clock.fixed(now, ZoneOffset.UTC))
        .build();
  }
}
