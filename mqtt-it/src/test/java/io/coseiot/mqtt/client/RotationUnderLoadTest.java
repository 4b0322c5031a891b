package io.coseiot.mqtt.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.MutableClock;
import io.coseiot.mqtt.codec.OpenedMessage;
import io.coseiot.mqtt.codec.RejectedMessageException.Reason;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.RotationSchedule;
import io.coseiot.mqtt.keyring.TopicKeyset;
import io.coseiot.mqtt.nonce.SequenceStore;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Key rotation at full publish speed: QoS 1 messages back to back, a window of {@value #IN_FLIGHT}
 * in flight and no pause between publishes (but for the broker's queue bound, see {@link #AHEAD}),
 * while the publisher's clock crosses the epoch switch first and the subscriber's a little later
 * (clock skew). Every message arrives exactly once, none is refused, and the epoch changes once in
 * publishing order; after the acceptance window the old epoch is refused. Prints its figures.
 */
class RotationUnderLoadTest extends BrokerTest {
  static final int MESSAGES = 5_000;
  static final int IN_FLIGHT = 8;

  /**
   * How far the publisher may run ahead of the subscriber: both brokers drop QoS 1 messages for a
   * subscriber more than 1000 behind (their default queue bound), which is the broker's loss, not
   * the rotation's; the publisher only waits when the subscriber is this far behind.
   */
  static final int AHEAD = 500;

  static final Instant SWITCH = Instant.parse("2026-06-01T12:00:00Z");
  static final RotationSchedule SCHEDULE =
      RotationSchedule.switchingAt(Duration.ofSeconds(30), SWITCH)
          .withClockSkew(Duration.ofSeconds(5));

  private static Keyring keyring(byte[] master, Clock clock) {
    return Keyring.builder()
        .add(TopicKeyset.derived("rot/#", Algorithm.A128GCM, master, null))
        .schedule(SCHEDULE)
        .clock(clock)
        .build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokersAndClients")
  void rotationUnderContinuousPublishingLosesNothing(String name) throws Exception {
    Broker b = broker(name);
    byte[] master = Codecs.secret();
    MutableClock pubClock = new MutableClock(SWITCH.minusSeconds(1));
    MutableClock subClock = new MutableClock(SWITCH.minusSeconds(1));
    Inbox inbox = new Inbox();
    v5(b, Codecs.encrypt0(keyring(master, subClock)), inbox).subscribe("rot/#", 1);
    Outsider outsider = outsider(b).watch("rot/#");
    CoseMqttCodec counter =
        CoseMqttCodec.builder()
            .keyring(keyring(master, pubClock))
            .counterNonces(
                new byte[] {9},
                SequenceStore.create(
                    Files.createTempDirectory(dir, "seq").resolve(name + "-rot.seq"), 64))
            .build();
    SecureMqttClient pub = v5(b, counter, null);

    AtomicInteger sent = new AtomicInteger();
    long start = System.nanoTime();
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Semaphore window = new Semaphore(IN_FLIGHT);
    Thread publisher =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < MESSAGES; i++) {
                  while (i - inbox.messages.size() > AHEAD) {
                    Thread.sleep(1); // leaves the core to the subscriber catching up
                  }
                  window.acquire();
                  pub.publish("rot/meter", ("m-" + i).getBytes(UTF_8), 1, false)
                      .whenComplete(
                          (ok, e) -> {
                            window.release();
                            if (e != null) {
                              failed.compareAndSet(null, e);
                            }
                          });
                  sent.incrementAndGet();
                }
              } catch (Exception e) {
                failed.compareAndSet(null, e);
              }
            },
            "continuous-publisher");
    publisher.start();
    awaitSent(sent, MESSAGES / 3);
    pubClock.advance(Duration.ofSeconds(2)); // the publisher seals under epoch 1 from now on
    awaitSent(sent, MESSAGES / 2);
    subClock.advance(Duration.ofSeconds(2)); // the subscriber switches a little later
    publisher.join(60_000);
    assertFalse(publisher.isAlive());
    assertNull(failed.get());

    Map<Long, Integer> perEpoch = new HashMap<>();
    long[] epochOf = new long[MESSAGES];
    Arrays.fill(epochOf, -1);
    int twice = 0;
    OpenedMessage m;
    for (int i = 0; i < MESSAGES; i++) {
      if ((m = inbox.messages.poll(Inbox.WAIT_SECONDS, TimeUnit.SECONDS)) == null) {
        break;
      }
      int index = Integer.parseInt(new String(m.plaintext(), UTF_8).substring(2));
      twice += epochOf[index] >= 0 ? 1 : 0;
      epochOf[index] = m.epoch();
      perEpoch.merge(m.epoch(), 1, Integer::sum);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long lost = Arrays.stream(epochOf).filter(e -> e < 0).count();
    int firstNew = perEpoch.getOrDefault(0L, 0);
    System.out.printf(
        "rotation at full speed (%s): %d QoS 1 messages, %d in flight, in %.1f s (%.0f/s);"
            + " epoch 0: %d, epoch 1: %d; %d lost, %d delivered twice, %d refused%n",
        name,
        MESSAGES,
        IN_FLIGHT,
        seconds,
        MESSAGES / seconds,
        perEpoch.getOrDefault(0L, 0),
        perEpoch.getOrDefault(1L, 0),
        lost,
        twice,
        inbox.rejections.size());
    assertEquals(
        0,
        lost,
        "lost across the epoch change"
            + (b instanceof MosquittoBroker mb ? "; broker log:\n" + mb.log() : ""));
    assertEquals(0, twice, "delivered twice");
    assertTrue(inbox.rejections.isEmpty(), inbox.rejections.toString());
    assertEquals(Set.of(0L, 1L), perEpoch.keySet(), perEpoch.toString());
    // The publisher switched once: every message before the first of epoch 1 is of epoch 0.
    for (int i = 0; i < MESSAGES; i++) {
      assertEquals(i < firstNew ? 0 : 1, epochOf[i], "epoch of m-" + i);
    }

    // Once the window has passed, a message of the old epoch is refused.
    Outsider.Seen first = outsider.next();
    subClock.advance(Duration.ofSeconds(31));
    outsider.republish(first, "rot/meter");
    inbox.expectRejection(Reason.EPOCH_NOT_ACCEPTED);
    assertTrue(inbox.messages.isEmpty(), "a late delivery after the rotation");
  }

  private static void awaitSent(AtomicInteger sent, int n) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (sent.get() < n && System.nanoTime() < end) {
      Thread.sleep(1);
    }
  }
}
