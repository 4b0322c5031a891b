package io.coseiot.mqtt.client;

import io.coseiot.mqtt.codec.RejectedMessageException;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters behind {@link ClientHealth}, kept by a {@link SealedMqttClient} and its {@link
 * Delivery}. Thread-safe: publishes complete and messages arrive on different threads.
 */
final class ClientStats {
  private final Clock clock;
  private final LongAdder published = new LongAdder();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private volatile ClientHealth.Rejection lastRejection;

  /** Counts from zero, timing rejections by the system clock. */
  ClientStats() {
    this(Clock.systemUTC());
  }

  /**
   * Counts from zero.
   *
   * @param clock times each rejection
   */
  ClientStats(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Counts a publish the broker acknowledged. */
  void published() {
    published.increment();
  }

  void delivered() {
    delivered.increment();
  }

  void rejected(String wireTopic, RejectedMessageException e) {
    rejected.increment();
    lastRejection =
        new ClientHealth.Rejection(clock.instant(), wireTopic, e.reason(), e.getMessage());
  }

  /**
   * Takes a snapshot.
   *
   * @param connected whether the client is connected now
   * @return the health
   */
  ClientHealth snapshot(boolean connected) {
    return new ClientHealth(
        connected, published.sum(), delivered.sum(), rejected.sum(), lastRejection);
  }
}
