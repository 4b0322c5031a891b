package io.coseiot.mqtt.client;

import io.coseiot.mqtt.codec.OpenedMessage;
import io.coseiot.mqtt.codec.RejectedMessageException;
import io.coseiot.mqtt.codec.RejectedMessageException.Reason;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts what a subscriber's listeners get in a fault test whose messages each have a topic of
 * their own ending in {@code /INDEX}: deliveries per index, refusals per reason, and the refusals
 * that are not a replay of a message delivered before (which a test expects none of).
 */
final class Tally implements OpenedMessageListener, RejectionListener {
  private final Map<Integer, AtomicInteger> delivered = new ConcurrentHashMap<>();
  private final Map<Reason, AtomicInteger> refused = new ConcurrentHashMap<>();
  private final AtomicInteger redeliveriesRefused = new AtomicInteger();

  /** Refusals that are not the replay of an index delivered before: topic and message. */
  final List<String> unexplained = new CopyOnWriteArrayList<>();

  /** Indices delivered more than once to the application. */
  final List<Integer> twice = new CopyOnWriteArrayList<>();

  @Override
  public void onMessage(OpenedMessage m, SecureMqttClient client) {
    int i = index(m.topic());
    if (delivered.computeIfAbsent(i, k -> new AtomicInteger()).incrementAndGet() > 1) {
      twice.add(i);
    }
  }

  @Override
  public void onRejected(String wireTopic, RejectedMessageException e) {
    refused.computeIfAbsent(e.reason(), k -> new AtomicInteger()).incrementAndGet();
    int i = index(wireTopic);
    if (e.reason() == Reason.REPLAY && i >= 0 && delivered.containsKey(i)) {
      redeliveriesRefused.incrementAndGet();
    } else {
      unexplained.add(wireTopic + ": " + e.getMessage());
    }
  }

  /** The number at the end of a topic, or -1. */
  static int index(String topic) {
    try {
      return Integer.parseInt(topic.substring(topic.lastIndexOf('/') + 1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** How many distinct indices were delivered. */
  int deliveredCount() {
    return delivered.size();
  }

  /** Whether this index was delivered. */
  boolean wasDelivered(int i) {
    return delivered.containsKey(i);
  }

  /** Refusals of a message delivered before, with REPLAY. */
  int redeliveriesRefused() {
    return redeliveriesRefused.get();
  }

  /** Refusals per reason, sorted. */
  Map<Reason, Integer> refusedByReason() {
    Map<Reason, Integer> m = new TreeMap<>();
    refused.forEach((r, n) -> m.put(r, n.get()));
    return m;
  }

  /**
   * Waits until {@code n} distinct indices were delivered, or nothing new came for {@code quiet}
   * seconds, or {@code timeout} seconds passed.
   */
  boolean awaitDelivered(int n, long quiet, long timeout) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
    long last = System.nanoTime();
    int seen = delivered.size();
    while (delivered.size() < n && System.nanoTime() < end) {
      Thread.sleep(10);
      if (delivered.size() != seen) {
        seen = delivered.size();
        last = System.nanoTime();
      } else if (System.nanoTime() - last > TimeUnit.SECONDS.toNanos(quiet)) {
        break;
      }
    }
    return delivered.size() >= n;
  }
}
