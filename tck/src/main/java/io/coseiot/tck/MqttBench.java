package io.coseiot.tck;

import io.coseiot.bench.MqttResult;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.OpenedMessage;
import io.coseiot.mqtt.codec.PayloadOpener;
import io.coseiot.mqtt.codec.PayloadSealer;
import io.coseiot.mqtt.codec.SealMode;
import io.coseiot.mqtt.codec.SealedMessage;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.RotationSchedule;
import io.coseiot.mqtt.keyring.TopicKeyset;
import io.coseiot.mqtt.paho.SecureMqttClient;
import io.coseiot.mqtt.paho.SecureMqttOptions;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * MQTT throughput and end-to-end latency, sealed against plaintext: one publisher and one
 * subscriber in this process, both {@link SecureMqttClient} (MQTT v5 over Paho), through the
 * embedded HiveMQ CE broker of {@code cose-tck demo} on loopback.
 *
 * <p>Sealed: the {@link CoseMqttCodec} in its default mode, tagged COSE_Encrypt0 with A128GCM, a
 * random IV from its default source, the kid as a user property, keys derived by the keyring.
 * Plaintext: the same clients with a pass-through sealer and opener, so the difference is the COSE
 * work and the bytes it adds. Plaintext with properties: the pass-through again, but with the MQTT
 * v5 properties the profile adds to a sealed message (content type, kid user property), which
 * separates what those properties cost in the clients and the broker from what COSE costs. Each
 * message carries the {@code System.nanoTime()} of its publish call in its first 8 bytes; the
 * subscriber's listener takes the difference (same JVM, same clock), so latency runs from the
 * publish call (sealing included) to the opened message in the listener.
 *
 * <p>Every configuration warms up, then publishes a fixed number of messages per run with at most
 * {@link Settings#window()} unacknowledged (Paho's in-flight limit is the broker's receive
 * maximum), waiting at most {@link Settings#timeout()} per run.
 */
final class MqttBench {
  static final String FILTER = "bench/#";
  static final String TOPIC = "bench/telemetry/device-1";
  private static final byte[] MASTER = new byte[32];
  static final String PLAIN_PROPS = "plaintext+props";

  /**
   * What to run.
   *
   * @param sizes payload sizes
   * @param qos pairs of publish QoS and subscription QoS
   * @param messages messages per measured run
   * @param warmup messages before the measured runs
   * @param runs measured runs per configuration
   * @param window unacknowledged publishes at most (Paho's limit is the broker's receive maximum)
   * @param endToEndWindow published but not yet delivered messages at most: keeps the publisher
   *     from filling the broker's queue for the subscriber (1000 messages in HiveMQ CE, which then
   *     drops new ones, even at QoS 1)
   * @param timeoutSeconds the longest a run may take
   */
  /**
   * Publish QoS and subscription QoS: 0/0, 1/1, and QoS 1 publishes to a QoS 0 subscription, which
   * leaves out the broker-to-subscriber QoS 1 leg to show the publisher's side.
   */
  static final int[][] QOS = {{0, 0}, {1, 1}, {1, 0}};

  record Settings(
      int[] sizes,
      int[][] qos,
      int messages,
      int warmup,
      int runs,
      int window,
      int endToEndWindow,
      long timeoutSeconds) {
    static Settings standard(boolean quick) {
      return quick
          ? new Settings(new int[] {64, 256}, QOS, 3_000, 3_000, 1, 10, 100, 30)
          : new Settings(new int[] {64, 256}, QOS, 10_000, 5_000, 3, 10, 100, 120);
    }

    String describe() {
      return String.format(
          "%d warm-up + %d x %d messages per configuration, at most %d unacknowledged and %d"
              + " undelivered, QoS %s, sizes %s",
          warmup,
          runs,
          messages,
          window,
          endToEndWindow,
          Arrays.deepToString(qos),
          Arrays.toString(sizes));
    }
  }

  private MqttBench() {}

  /** Sends plaintext through unchanged, without the profile's properties. */
  private static final PayloadSealer PASS_SEALER =
      (topic, plaintext) -> new SealedMessage(topic, plaintext, null, Map.of());

  /** Sends plaintext through unchanged, with the properties a sealed message carries. */
  private static PayloadSealer propertiesSealer(CoseMqttCodec codec) throws CoseException {
    SealedMessage like = codec.sealer().seal(TOPIC, new byte[0]);
    return (topic, plaintext) ->
        new SealedMessage(topic, plaintext, like.contentType(), like.userProperties());
  }

  private static final PayloadOpener PASS_OPENER =
      (topic, payload, contentType, props) ->
          new OpenedMessage(topic, payload, null, 0, null, -1, null);

  /**
   * Starts the embedded broker and runs every configuration, plaintext then sealed for each.
   *
   * @param s what to run
   * @param brokerUri a broker to use instead of the embedded one, or null
   * @param log progress
   * @return one result per configuration
   * @throws Exception if the broker or a client fails
   */
  static List<MqttResult> run(Settings s, String brokerUri, PrintStream log) throws Exception {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "io/coseiot/tck/demo-logback.xml");
    }
    Keyring keyring =
        Keyring.builder()
            .add(TopicKeyset.derived(FILTER, Algorithm.A128GCM, MASTER, null))
            .schedule(RotationSchedule.fixed(1))
            .build();
    CoseMqttCodec codec = CoseMqttCodec.builder().keyring(keyring).mode(SealMode.ENCRYPT0).build();
    PayloadSealer withProps = propertiesSealer(codec);
    List<MqttResult> out = new ArrayList<>();
    EmbeddedBroker embedded = brokerUri == null ? EmbeddedBroker.start() : null;
    try {
      String uri = embedded != null ? embedded.uri() : brokerUri;
      log.println(
          "bench: MQTT through "
              + (embedded != null ? "embedded HiveMQ CE at " : "")
              + uri
              + "; "
              + s.describe());
      for (int[] q : s.qos()) {
        for (int size : s.sizes()) {
          out.add(runOne(uri, "plaintext", PASS_SEALER, PASS_OPENER, q[0], q[1], size, s, log));
          out.add(runOne(uri, PLAIN_PROPS, withProps, PASS_OPENER, q[0], q[1], size, s, log));
          out.add(runOne(uri, "sealed", codec.sealer(), codec.opener(), q[0], q[1], size, s, log));
        }
      }
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
    return out;
  }

  private static MqttResult runOne(
      String uri,
      String kind,
      PayloadSealer sealer,
      PayloadOpener opener,
      int qos,
      int subQos,
      int size,
      Settings s,
      PrintStream log)
      throws Exception {
    String id =
        "cose-tck-bench-" + ProcessHandle.current().pid() + "-" + kind + "-" + qos + subQos + size;
    AtomicReference<Run> current = new AtomicReference<>();
    AtomicInteger rejected = new AtomicInteger();
    int wire = sealer.seal(TOPIC, new byte[size]).payload().length;
    try (SecureMqttClient sub =
            SecureMqttClient.v5(
                SecureMqttOptions.builder(uri).clientId(id + "-sub").build(),
                null,
                opener,
                m -> {
                  Run r = current.get();
                  if (r != null) {
                    r.delivered(m.plaintext());
                  }
                },
                (topic, why) -> rejected.incrementAndGet());
        SecureMqttClient pub =
            SecureMqttClient.v5(
                SecureMqttOptions.builder(uri).clientId(id + "-pub").build(),
                sealer,
                null,
                m -> {},
                (t, r) -> {})) {
      sub.connect();
      sub.subscribe(FILTER, subQos);
      pub.connect();
      // QoS 0 may drop under load; warm-up and runs count what arrived and wait only so long.
      publishAll(pub, new Run(s.warmup()), current, qos, size, s);
      long[] latencies = new long[s.runs() * s.messages()];
      int n = 0;
      long sent = 0;
      long received = 0;
      double[] rates = new double[s.runs()];
      for (int i = 0; i < s.runs(); i++) {
        Run r = new Run(s.messages());
        publishAll(pub, r, current, qos, size, s);
        sent += s.messages();
        received += r.count.get();
        rates[i] = r.count.get() / ((r.last.get() - r.first) / 1e9);
        int got = Math.min(r.count.get(), s.messages());
        System.arraycopy(r.latencies, 0, latencies, n, got);
        n += got;
      }
      if (rejected.get() > 0) {
        throw new IllegalStateException(rejected.get() + " messages failed to open");
      }
      long[] lat = Arrays.copyOf(latencies, n);
      Arrays.sort(lat);
      Arrays.sort(rates);
      MqttResult res =
          new MqttResult(
              kind,
              qos,
              subQos,
              size,
              sent,
              received,
              rates[rates.length / 2],
              percentile(lat, 0.50) / 1e3,
              percentile(lat, 0.99) / 1e3,
              s.runs(),
              wire);
      log.printf(
          "bench: MQTT %-15s QoS %d/%d %5d B: %,.0f msg/s, p50 %.0f us, p99 %.0f us (%d/%d)%n",
          kind,
          qos,
          subQos,
          size,
          res.messagesPerSecond(),
          res.p50Micros(),
          res.p99Micros(),
          received,
          sent);
      return res;
    }
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  }

  /** Publishes r.expected messages with at most window unacknowledged, then waits for delivery. */
  private static void publishAll(
      SecureMqttClient pub, Run r, AtomicReference<Run> current, int qos, int size, Settings s)
      throws Exception {
    current.set(r);
    Semaphore window = new Semaphore(s.window());
    r.undelivered = new Semaphore(s.endToEndWindow());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(s.timeoutSeconds());
    r.first = System.nanoTime();
    for (int i = 0; i < r.expected; i++) {
      if (!r.undelivered.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
          || !window.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        break;
      }
      byte[] p = new byte[size];
      ByteBuffer.wrap(p).putLong(System.nanoTime()).putInt(i);
      pub.publish(TOPIC, p, qos, false)
          .whenComplete(
              (v, e) -> {
                if (e != null) {
                  r.failed.incrementAndGet();
                  r.failure.compareAndSet(null, e);
                }
                window.release();
              });
    }
    r.done.await(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    current.set(null);
    if (r.failed.get() > 0) {
      throw new IllegalStateException(
          r.failed.get() + " publishes failed, the first with " + r.failure.get(), r.failure.get());
    }
  }

  /** What one run's subscriber saw. */
  private static final class Run {
    final int expected;
    final long[] latencies;
    final AtomicInteger count = new AtomicInteger();
    final AtomicLong last = new AtomicLong();
    final CountDownLatch done = new CountDownLatch(1);
    final AtomicInteger failed = new AtomicInteger();
    final AtomicReference<Throwable> failure = new AtomicReference<>();
    volatile long first;
    volatile Semaphore undelivered;

    Run(int expected) {
      this.expected = expected;
      this.latencies = new long[expected];
    }

    void delivered(byte[] plaintext) {
      long now = System.nanoTime();
      ByteBuffer b = ByteBuffer.wrap(plaintext);
      long sentAt = b.getLong();
      int i = count.getAndIncrement();
      if (i < expected) {
        latencies[i] = now - sentAt;
      }
      last.set(now);
      Semaphore u = undelivered;
      if (u != null) {
        u.release();
      }
      if (i + 1 == expected) {
        done.countDown();
      }
    }
  }
}
