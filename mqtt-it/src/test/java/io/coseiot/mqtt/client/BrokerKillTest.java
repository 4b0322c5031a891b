package io.coseiot.mqtt.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.PayloadSealer;
import io.coseiot.mqtt.codec.SealedMessage;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.nonce.SequenceStore;
import io.coseiot.mqtt.paho.PahoMqtt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mosquitto with persistence on is killed with SIGKILL and restarted 10 times while 10,000 sealed
 * QoS 1 messages (counter mode) flow to a subscriber on a persistent session (clean start false,
 * session expiry 1 h, automatic reconnect) through the Paho v5 adapter. The publisher keeps each
 * sealed message until its PUBACK and sends the same bytes again after a reconnect; the broker
 * redelivers what it had not seen acknowledged. Nothing reaches the application twice, every
 * message is delivered but for at most the one the broker acknowledged in the turn it was killed in
 * (see below), and every refusal is the replay state refusing a broker or publisher redelivery of a
 * message already delivered.
 *
 * <p>What Mosquitto 2.0 keeps over kill -9 bounds what any client can get: it acknowledges a
 * PUBLISH before it saves it, and Paho drops what it had read but not yet handed over when the
 * connection breaks. So the broker saves after every change ({@code autosave_on_changes}, interval
 * 1; saving every second instead lost about a second of messages per kill), its queue and in-flight
 * window are unbounded (the default queue bound of 1000 drops QoS 1 messages for a subscriber that
 * is away; 2.0.11 stalled a restored session whose in-flight messages exceeded the bound of 20),
 * and the test kills only while the subscriber is connected and has received all but the last
 * {@value #AHEAD} acknowledged messages (the publisher never runs further ahead), the first time
 * after the broker has saved the subscription. It kills mid-stream all the same, with messages in
 * flight on both sides. Left is a message the broker acknowledged in the turn it was killed in,
 * before saving it, while Paho had it unread when the connection broke: 5 in 60 kills measured, so
 * a lost message is allowed only there (within the in-flight window at a kill, at most one per
 * kill), and counted. About 40 s on the 2-core machine, most of it the broker's saving.
 */
@Tag("mqtt")
@Tag("processes")
class BrokerKillTest {
  static final int MESSAGES = 10_000;
  static final int KILLS = 10;
  static final int AHEAD = 128;

  @TempDir Path dir;

  @Test
  void brokerKilledTenTimesLosesNothingAndDeliversNothingTwice() throws Exception {
    Assumptions.assumeTrue(MosquittoBroker.binary() != null, BrokerTest.NO_MOSQUITTO);
    long start = System.nanoTime();
    byte[] master = Codecs.secret();
    Keyring keyring = Codecs.keyring(master, "fault/#");
    PayloadSealer sealer =
        CoseMqttCodec.builder()
            .keyring(keyring)
            .counterNonces(new byte[] {0x11}, SequenceStore.create(dir.resolve("pub.seq"), 256))
            .build()
            .sealer();
    List<SealedMessage> sealed = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      sealed.add(sealer.seal("fault/broker/" + i, ("reading-" + i).getBytes(UTF_8)));
    }

    try (PersistentMosquitto broker =
        PersistentMosquitto.start(
            dir.resolve("mosquitto"),
            "persistence true",
            "persistence_location " + dir.resolve("mosquitto") + "/",
            "autosave_on_changes true",
            "autosave_interval 1",
            "max_queued_messages 0",
            "max_inflight_messages 0")) {
      Tally tally = new Tally();
      SecureMqttOptions o =
          SecureMqttOptions.builder(broker.uri())
              .clientId("fault-subscriber")
              .persistentSession(3600)
              .automaticReconnect(true)
              .build();
      try (SecureMqttClient sub =
              PahoMqtt.client(o)
                  .codec(Codecs.encrypt0(keyring))
                  .onMessage(tally)
                  .onRejection(tally)
                  .build();
          ResendingPublisher pub = new ResendingPublisher(broker.uri(), 16)) {
        sub.connect();
        long subscribed = System.currentTimeMillis() - 1;
        sub.subscribe("fault/#", 1);
        awaitSave(dir.resolve("mosquitto/mosquitto.db"), subscribed);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread publishing =
            new Thread(
                () -> {
                  try {
                    pub.publishAll(sealed, 120_000, tally::deliveredCount, AHEAD);
                  } catch (Throwable t) {
                    failed.set(t);
                  }
                },
                "publisher");
        publishing.start();
        List<Integer> killedAt = new ArrayList<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int k = 1; k <= KILLS; k++) {
          int at = (k - 1) * MESSAGES / KILLS + random.nextInt(MESSAGES / KILLS);
          while (publishing.isAlive()
              && (pub.acked() < at
                  || !sub.isConnected()
                  || tally.deliveredCount() < pub.acked() - AHEAD)) {
            Thread.sleep(1);
          }
          killedAt.add(pub.acked());
          broker.kill();
          Thread.sleep(random.nextInt(300));
          broker.restart();
        }
        publishing.join(120_000);
        assertEquals(null, failed.get(), "the publisher failed");
        tally.awaitDelivered(MESSAGES, 5, 60);
        // Late redeliveries, if any, arrive now.
        Thread.sleep(1_000);

        List<Integer> lost = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
          if (!tally.wasDelivered(i)) {
            lost.add(i);
          }
        }
        System.out.printf(
            "broker kill -9 x%d during %d sealed QoS 1 messages (persistent session): %d delivered"
                + " once, %d lost, %d delivered twice; publisher resent %d and connected %d times;"
                + " refused %s, of which %d are redeliveries of delivered messages, %d"
                + " unexplained; %.1f s%n",
            KILLS,
            MESSAGES,
            tally.deliveredCount(),
            lost.size(),
            tally.twice.size(),
            pub.resent(),
            pub.connects(),
            tally.refusedByReason(),
            tally.redeliveriesRefused(),
            tally.unexplained.size(),
            (System.nanoTime() - start) / 1e9);
        assertTrue(lost.size() <= KILLS, "lost " + lost + "; broker log:\n" + broker.log());
        for (int i : lost) {
          assertTrue(
              killedAt.stream().anyMatch(a -> i >= a - AHEAD - 16 && i < a + 16),
              "lost " + i + " away from every kill " + killedAt);
        }
        assertEquals(List.of(), tally.twice, "delivered twice to the application");
        assertEquals(List.of(), tally.unexplained, "refusals that are not a redelivery");
        assertTrue(pub.connects() > KILLS, "the publisher reconnected after each kill");
      }
    }
  }

  /** Waits for a save after the subscription, so that it survives the first kill. */
  private static void awaitSave(Path db, long now) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!(Files.exists(db) && Files.getLastModifiedTime(db).toMillis() > now)
        && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    assertTrue(Files.getLastModifiedTime(db).toMillis() > now, "mosquitto did not save " + db);
  }
}
