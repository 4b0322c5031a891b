package io.coseiot.mqtt.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.PayloadSealer;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.paho.PahoMqtt;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unauthenticated MQTT 3.1.1 client ({@link RawFlooder}: no credentials, no keys) publishes
 * 100,000 small garbage payloads (random bytes, empty, truncated and tampered sealed messages) and
 * a few oversize ones (1 MiB and 64 MiB) at QoS 1 as fast as Mosquitto takes them, into the topics
 * a subscriber listens on, while a legitimate publisher seals and publishes its QoS 1 messages
 * there too. The subscriber ({@link FloodSubscriberMain}) runs in its own JVM with a {@value #XMX}
 * heap, measured there. Every legitimate message is delivered once, every flood message is refused
 * with its reason counted, the library's own count agrees, and the subscriber stays connected.
 *
 * <p>The 64 MiB payloads do reach the subscriber's client: Mosquitto 2.0 accepts any valid MQTT
 * packet by default ({@code message_size_limit} and {@code max_packet_size} 0), and Paho reads the
 * whole packet into memory, copying it twice, before the codec refuses it as OVERSIZED (above its
 * 256 KiB default): about 3.5 times the packet at the peak, which is what {@value #XMX} is sized
 * for. With 160 MiB, Paho 1.2.5's receiving thread dies of OutOfMemoryError on the first 64 MiB
 * packet and the client goes deaf while it still reports itself connected. The defence that keeps
 * such a packet off the subscriber is MQTT v5's Maximum Packet Size in its CONNECT, which Mosquitto
 * honours by dropping the message for that subscriber only ({@link
 * SecureMqttOptions.Builder#maximumPacketSize}, shown by {@code MaximumPacketSizeTest}); this test
 * leaves it unset to show what reaches a client without it. The broker's queue is unbounded here
 * ({@code max_queued_messages 0}): with the default bound of 1000 the broker itself drops QoS 1
 * messages, legitimate ones too, for a subscriber that falls behind a flood.
 */
@Tag("mqtt")
@Tag("processes")
class FloodTest {
  static final int GARBAGE = 100_000;
  static final int LEGIT = 2_000;
  static final int IN_FLIGHT = 16;
  static final int[] HUGE = {1 << 20, 64 << 20};
  static final int HUGE_EACH = 3;
  static final String XMX = "-Xmx320m";

  @TempDir Path dir;

  @Test
  void floodDeliversEveryLegitimateMessageWithinABoundedHeap() throws Exception {
    Assumptions.assumeTrue(MosquittoBroker.binary() != null, BrokerTest.NO_MOSQUITTO);
    long start = System.nanoTime();
    byte[] master = Codecs.secret();
    Keyring keyring = Codecs.keyring(master, "flood/#");
    try (PersistentMosquitto broker =
        PersistentMosquitto.start(dir.resolve("mosquitto"), "max_queued_messages 0")) {
      Process sub =
          ChildJvm.command(
                  List.of(XMX, "-XX:+UseSerialGC"),
                  FloodSubscriberMain.class,
                  broker.uri(),
                  HexFormat.of().formatHex(master))
              .redirectError(dir.resolve("subscriber.err").toFile())
              .start();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(sub.getInputStream()))) {
        assertEquals("READY", out.readLine(), "the subscriber did not start");
        CoseMqttCodec codec = Codecs.encrypt0(keyring);
        PayloadSealer sealer = codec.sealer();
        int floodTotal = GARBAGE + HUGE.length * HUGE_EACH;
        AtomicReference<Throwable> failed = new AtomicReference<>();
        long floodStart = System.nanoTime();
        try (SecureMqttClient pub = client(broker.uri(), codec);
            RawFlooder flooder = new RawFlooder(broker.uri())) {
          pub.connect();
          Thread legit = new Thread(() -> publishLegit(pub, failed), "legitimate-publisher");
          legit.start();
          flood(flooder, sealer);
          assertTrue(flooder.awaitAcks(floodTotal, 60), "broker acknowledged " + flooder.acks());
          double floodSeconds = (System.nanoTime() - floodStart) / 1e9;
          legit.join(60_000);
          if (failed.get() != null) {
            throw new AssertionError("the legitimate publisher failed", failed.get());
          }

          String progress = awaitProgress(out, LEGIT + floodTotal);
          sub.getOutputStream().close();
          String stats = out.readLine();
          assertNotNull(stats, "the subscriber ended without figures; last: " + progress);
          assertTrue(sub.waitFor(30, TimeUnit.SECONDS));
          Map<String, String> f = fields(stats);
          List<String> err = Files.readAllLines(dir.resolve("subscriber.err"));
          long logLines = err.stream().filter(l -> l.contains("rejected a message")).count();
          String errors =
              String.join(
                  "\n",
                  err.stream()
                      .filter(l -> !l.contains("RejectionLog") && !l.contains("rejected a"))
                      .limit(40)
                      .toList());
          stats += "\nsubscriber's standard error, without its rejection log:\n" + errors;
          System.out.printf(
              "flood: %d garbage + %d oversize (%s MiB x%d) QoS 1 payloads from an unauthenticated"
                  + " client in %.1f s (%.0f/s) while %d sealed ones were published; subscriber"
                  + " (%s, own JVM): %s legitimate delivered, %s twice, %s refused %s (client"
                  + " counted %s); heap peak %s MiB sampled, %s MiB by pool peaks, %s MiB live"
                  + " after GC at most; disconnected %s; %d rejection log lines; %.1f s%n",
              GARBAGE,
              HUGE.length * HUGE_EACH,
              Arrays.toString(Arrays.stream(HUGE).map(h -> h >> 20).toArray()),
              HUGE_EACH,
              floodSeconds,
              floodTotal / floodSeconds,
              LEGIT,
              XMX,
              f.get("delivered"),
              f.get("twice"),
              f.get("refused"),
              f.get("byReason"),
              f.get("clientRejected"),
              f.get("peakUsedMiB"),
              f.get("poolPeaksMiB"),
              f.get("peakLiveMiB"),
              f.get("everDisconnected"),
              logLines,
              (System.nanoTime() - start) / 1e9);
          assertEquals(String.valueOf(LEGIT), f.get("delivered"), stats);
          assertEquals("0", f.get("twice"), stats);
          assertEquals(String.valueOf(floodTotal), f.get("refused"), stats);
          assertEquals(f.get("refused"), f.get("clientRejected"), stats);
          assertTrue(
              f.get("byReason").matches(".*[{,]OVERSIZED=" + HUGE.length * HUGE_EACH + "[,}].*"),
              stats);
          assertEquals("false", f.get("everDisconnected"), stats);
          assertEquals("true", f.get("connected"), stats);
          // At most 10 lines per reason per minute (RejectionLog), however long the flood.
          int reasons = f.get("byReason").split(",").length;
          assertTrue(logLines <= 10L * reasons * 2, logLines + " log lines for " + reasons);
        }
      } finally {
        sub.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** Sealed QoS 1 messages on {@code flood/legit/INDEX}, a window of them in flight, no pauses. */
  private static void publishLegit(SecureMqttClient pub, AtomicReference<Throwable> failed) {
    Semaphore window = new Semaphore(IN_FLIGHT);
    try {
      for (int i = 0; i < LEGIT; i++) {
        window.acquire();
        pub.publish("flood/legit/" + i, ("reading-" + i).getBytes(UTF_8), 1, false)
            .whenComplete(
                (ok, e) -> {
                  window.release();
                  if (e != null) {
                    failed.compareAndSet(null, e);
                  }
                });
      }
      window.acquire(IN_FLIGHT);
    } catch (Exception e) {
      failed.compareAndSet(null, e);
    }
  }

  /**
   * The garbage, in turn: random bytes, an empty payload, a sealed message cut short, one with a
   * byte of its ciphertext flipped; the oversize payloads spread among them.
   */
  private static void flood(RawFlooder flooder, PayloadSealer sealer) throws Exception {
    Random random = new Random(17);
    byte[] sealed = sealer.seal("flood/junk", new byte[48]).payload();
    int hugeEvery = GARBAGE / (HUGE.length * HUGE_EACH + 1);
    int huge = 0;
    for (int i = 0; i < GARBAGE; i++) {
      byte[] p =
          switch (i % 4) {
            case 0 -> {
              byte[] b = new byte[1 + random.nextInt(64)];
              random.nextBytes(b);
              yield b;
            }
            case 1 -> new byte[0];
            case 2 -> Arrays.copyOf(sealed, 1 + random.nextInt(sealed.length - 1));
            default -> {
              byte[] b = sealed.clone();
              b[b.length - 1 - random.nextInt(16)] ^= 1;
              yield b;
            }
          };
      flooder.publish("flood/junk/" + i % 4, p);
      if (i % hugeEvery == hugeEvery - 1 && huge < HUGE.length * HUGE_EACH) {
        flooder.publish("flood/junk/huge", new byte[HUGE[huge++ % HUGE.length]]);
      }
    }
  }

  /** Reads the subscriber's progress until it has seen that many messages or goes quiet. */
  private static String awaitProgress(BufferedReader out, int expected) throws Exception {
    String line = "";
    String last = "";
    long quietSince = System.nanoTime();
    while ((line = out.readLine()) != null) {
      String[] p = line.split(" ");
      assertEquals("PROGRESS", p[0], line);
      if (!line.equals(last)) {
        quietSince = System.nanoTime();
        last = line;
      }
      if (Long.parseLong(p[1]) + Long.parseLong(p[2]) >= expected
          || System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(15)) {
        return line;
      }
    }
    return last;
  }

  private static Map<String, String> fields(String stats) {
    Map<String, String> f = new HashMap<>();
    for (String kv : stats.substring("STATS ".length()).split(" ")) {
      int eq = kv.indexOf('=');
      f.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    return f;
  }

  private static SecureMqttClient client(String uri, CoseMqttCodec codec) throws Exception {
    return PahoMqtt.client(uri).codec(codec).build();
  }
}
