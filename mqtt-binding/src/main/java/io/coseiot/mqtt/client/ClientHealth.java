package io.coseiot.mqtt.client;

import io.coseiot.mqtt.codec.RejectedMessageException.Reason;
import java.time.Instant;

/**
 * A snapshot of a {@link SecureMqttClient}'s health, for a readiness check or a status page: {@link
 * SecureMqttClient#health()}.
 *
 * @param connected whether the client is connected now
 * @param published messages the broker acknowledged (as far as their QoS says)
 * @param delivered received messages that opened and went to the listener
 * @param rejected received messages that did not open
 * @param lastRejection the latest rejection, or null if there was none
 */
public record ClientHealth(
    boolean connected, long published, long delivered, long rejected, Rejection lastRejection) {

  /**
   * One rejected message.
   *
   * @param time when it was rejected
   * @param topic the topic it arrived on
   * @param reason why
   * @param detail what was wrong, as in the WARNING line
   */
  public record Rejection(Instant time, String topic, Reason reason, String detail) {}
}
