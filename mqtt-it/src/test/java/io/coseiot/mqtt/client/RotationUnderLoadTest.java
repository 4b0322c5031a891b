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
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Key rotation under continuous QoS 1 publishing: the publisher's clock crosses the epoch switch
 * first, the subscriber's a little later (clock skew), with messages in flight all along. Every
 * message arrives exactly once and none is rejected; after the acceptance window the old epoch is
 * refused.
 */
class RotationUnderLoadTest extends BrokerTest {
  static final int MESSAGES = 600;
  static final int IN_FLIGHT = 8;
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
    AtomicReference<Throwable> failed = new AtomicReference<>();
    Semaphore window = new Semaphore(IN_FLIGHT);
    Thread publisher =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < MESSAGES; i++) {
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
    Set<String> got = new HashSet<>();
    for (int i = 0; i < MESSAGES; i++) {
      OpenedMessage m = inbox.nextMessage();
      assertTrue(got.add(new String(m.plaintext(), UTF_8)), "delivered twice");
      perEpoch.merge(m.epoch(), 1, Integer::sum);
    }
    assertEquals(MESSAGES, got.size());
    assertTrue(inbox.rejections.isEmpty(), inbox.rejections.toString());
    assertEquals(Set.of(0L, 1L), perEpoch.keySet(), perEpoch.toString());

    // Once the window has passed, a message of the old epoch is refused.
    Outsider.Seen first = outsider.next();
    subClock.advance(Duration.ofSeconds(31));
    outsider.republish(first, "rot/meter");
    inbox.expectRejection(Reason.EPOCH_NOT_ACCEPTED);
    assertEquals(MESSAGES, got.size() + inbox.messages.size());
  }

  private static void awaitSent(AtomicInteger sent, int n) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (sent.get() < n && System.nanoTime() < end) {
      Thread.sleep(1);
    }
  }
}
