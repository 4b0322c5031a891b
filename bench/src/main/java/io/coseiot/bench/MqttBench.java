package io.coseiot.bench;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.interop.broker.EmbeddedBroker;
import io.coseiot.mqtt.client.SecureMqttClientBuilder;
import io.coseiot.mqtt.client.SecureMqttOptions;
import io.coseiot.mqtt.client.spi.MqttAdapter;
import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.SealMode;
import io.coseiot.mqtt.codec.SealedMessage;
import io.coseiot.mqtt.hivemq.HiveMqMqtt;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.RotationSchedule;
import io.coseiot.mqtt.keyring.TopicKeyset;
import io.coseiot.mqtt.paho.PahoMqtt;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * MQTT throughput and end-to-end latency, sealed against plaintext: a publisher and a subscriber
 * per kind in this process, all {@link SecureMqttClient}s over MQTT v5, through the embedded HiveMQ
 * CE broker of {@code cose-tck demo} (or the broker given) on loopback. Every configuration runs
 * twice, once with Paho's client at both ends and once with the HiveMQ client's; ratios compare
 * kinds on the same client.
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
 * <p>Every configuration connects a publisher and a subscriber per kind, each pair on its own
 * topic, warms each up, then takes turns: one measured run of a fixed number of messages per kind,
 * then the next round, so that other load on the machine falls on all kinds alike. Each run
 * publishes with at most {@link Settings#window()} unacknowledged (Paho's in-flight limit is the
 * broker's receive maximum) and waits at most {@link Settings#timeout()}. Each run also takes the
 * process's CPU time: publisher, subscriber and broker share the machine's cores, so throughput
 * follows CPU time per message, which varies less from run to run.
 *
 * <p>What the figures follow: Paho 1.2.5 parses each received packet from memory one byte at a time
 * (its {@code CountingInputStream} has only the one-byte {@code read()}, over a synchronized {@code
 * ByteArrayInputStream}), at about 35 ns per byte, so a client's receive thread pays for every byte
 * the COSE structure and the MQTT v5 properties add, several times what sealing and opening cost.
 * The HiveMQ client decodes from Netty buffers and shows what the COSE work itself costs.
 */
public final class MqttBench {
  static final String FILTER = "bench/#";
  private static final byte[] MASTER = new byte[32];

  /**
   * Publish QoS and subscription QoS: 0/0, 1/1, and QoS 1 publishes to a QoS 0 subscription, which
   * leaves out the broker-to-subscriber QoS 1 leg to show the publisher's side.
   */
  static final int[][] QOS = {{0, 0}, {1, 1}, {1, 0}};

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
  public record Settings(
      int[] sizes,
      int[][] qos,
      int messages,
      int warmup,
      int runs,
      int window,
      int endToEndWindow,
      long timeoutSeconds) {
    /**
     * The settings of {@code cose-tck bench}.
     *
     * @param quick the short run of {@code --quick}
     * @return the settings
     */
    public static Settings standard(boolean quick) {
      return quick
          ? new Settings(new int[] {64, 256}, QOS, 3_000, 3_000, 1, 10, 100, 30)
          : new Settings(new int[] {64, 256}, QOS, 20_000, 5_000, 9, 10, 100, 120);
    }

    /**
     * Says what runs, for the report.
     *
     * @return one line
     */
    public String describe() {
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

  /** The MQTT libraries compared, by the name the report gives them. */
  private static final Map<String, MqttAdapter> CLIENTS =
      new LinkedHashMap<>(Map.of("paho", PahoMqtt.adapter()));

  static {
    CLIENTS.put("hivemq-client", HiveMqMqtt.adapter());
  }

  /**
   * Starts the embedded broker and runs every configuration, plaintext then sealed for each.
   *
   * @param s what to run
   * @param brokerUri a broker to use instead of the embedded one, or null
   * @param log progress
   * @return one result per configuration
   * @throws Exception if the broker or a client fails
   */
  public static List<MqttResult> run(Settings s, String brokerUri, PrintStream log)
      throws Exception {
    EmbeddedBroker.quietLogging();
    Keyring keyring =
        Keyring.builder()
            .add(TopicKeyset.derived(FILTER, Algorithm.A128GCM, MASTER, null))
            .schedule(RotationSchedule.fixed(1))
            .build();
    CoseMqttCodec codec = CoseMqttCodec.builder().keyring(keyring).mode(SealMode.ENCRYPT0).build();
    // The properties a sealed message carries, for the baseline that sends only them.
    SealedMessage like = codec.sealer().seal("bench/0/telemetry/device-1", new byte[0]);
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
      for (Map.Entry<String, MqttAdapter> client : CLIENTS.entrySet()) {
        for (int[] q : s.qos()) {
          for (int size : s.sizes()) {
            out.addAll(
                runInterleaved(
                    uri,
                    List.of(
                        new Kind(client.getKey(), client.getValue(), "plaintext", null, null),
                        new Kind(
                            client.getKey(),
                            client.getValue(),
                            MqttResult.PLAINTEXT_WITH_PROPERTIES,
                            like,
                            null),
                        new Kind(client.getKey(), client.getValue(), "sealed", null, codec)),
                    q[0],
                    q[1],
                    size,
                    s,
                    log));
          }
        }
      }
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
    return out;
  }

  /**
   * What is published and how: over which library, a name, and either a codec (sealed, through a
   * {@link io.coseiot.mqtt.client.SecureMqttClient}) or the plaintext over the bare library, with
   * the properties of a sealed message {@code like} if given.
   */
  private record Kind(
      String client, MqttAdapter adapter, String name, SealedMessage like, CoseMqttCodec codec) {}

  /**
   * Runs one configuration for every kind, the measured runs taking turns (kind 1 run 1, kind 2 run
   * 1, ..., kind 1 run 2, ...), so that a load from outside the benchmark on a shared machine falls
   * on all kinds alike rather than on whichever ran at the time.
   */
  private static List<MqttResult> runInterleaved(
      String uri, List<Kind> kinds, int qos, int subQos, int size, Settings s, PrintStream log)
      throws Exception {
    List<Lane> lanes = new ArrayList<>();
    try {
      for (int i = 0; i < kinds.size(); i++) {
        Lane l = new Lane(uri, kinds.get(i), i, qos, subQos, size, s);
        lanes.add(l);
        l.publishAll(l.warmup());
      }
      for (int run = 0; run < s.runs(); run++) {
        for (Lane l : lanes) {
          l.measure();
        }
      }
      List<MqttResult> out = new ArrayList<>();
      for (Lane l : lanes) {
        MqttResult res = l.result();
        log.printf(
            "bench: MQTT %-13s %-15s QoS %d/%d %5d B: %,.0f msg/s, p50 %.0f us, p99 %.0f us,"
                + " %.1f us CPU/msg (%d/%d)%n",
            res.client(),
            res.payload(),
            qos,
            subQos,
            size,
            res.messagesPerSecond(),
            res.p50Micros(),
            res.p99Micros(),
            res.cpuMicrosPerMessage(),
            res.received(),
            res.sent());
        out.add(res);
      }
      return out;
    } finally {
      for (Lane l : lanes) {
        l.close();
      }
    }
  }

  /**
   * One kind's publisher and subscriber, on a topic and filter of their own (of the same length for
   * every kind), so that each subscriber gets only its kind's messages while all stay connected.
   */
  private static final class Lane implements AutoCloseable {
    private final Kind kind;
    private final String topic;
    private final int qos;
    private final int subQos;
    private final int size;
    private final Settings s;
    private final int wire;
    private final AtomicReference<Run> current = new AtomicReference<>();
    private final AtomicInteger rejected = new AtomicInteger();
    private final MqttEndpoint sub;
    private final MqttEndpoint pub;
    private final long[] latencies;
    private final double[] rates;
    private final double[] cpuPerMessage;
    private int n;
    private int runs;
    private long received;

    Lane(String uri, Kind kind, int index, int qos, int subQos, int size, Settings s)
        throws Exception {
      this.kind = kind;
      this.topic = "bench/" + index + "/telemetry/device-1";
      this.qos = qos;
      this.subQos = subQos;
      this.size = size;
      this.s = s;
      this.wire =
          kind.codec() == null
              ? size
              : kind.codec().sealer().seal(topic, new byte[size]).payload().length;
      this.latencies = new long[s.runs() * s.messages()];
      this.rates = new double[s.runs()];
      this.cpuPerMessage = new double[s.runs()];
      String id =
          "cose-tck-bench-"
              + ProcessHandle.current().pid()
              + "-"
              + kind.client()
              + "-"
              + kind.name()
              + "-"
              + qos
              + subQos
              + size;
      SecureMqttOptions subOptions = SecureMqttOptions.builder(uri).clientId(id + "-sub").build();
      SecureMqttOptions pubOptions = SecureMqttOptions.builder(uri).clientId(id + "-pub").build();
      Consumer<byte[]> received =
          plaintext -> {
            Run r = current.get();
            if (r != null) {
              r.delivered(plaintext);
            }
          };
      if (kind.codec() == null) {
        String ct = kind.like() == null ? null : kind.like().contentType();
        Map<String, String> props = kind.like() == null ? Map.of() : kind.like().userProperties();
        sub = MqttEndpoint.plain(kind.adapter(), subOptions, null, Map.of(), received);
        pub = MqttEndpoint.plain(kind.adapter(), pubOptions, ct, props, p -> {});
      } else {
        sub =
            MqttEndpoint.sealed(
                SecureMqttClientBuilder.over(kind.adapter(), subOptions)
                    .codec(kind.codec())
                    .onMessage((m, c) -> received.accept(m.plaintext()))
                    .onRejection((t, why) -> rejected.incrementAndGet())
                    .build());
        pub =
            MqttEndpoint.sealed(
                SecureMqttClientBuilder.over(kind.adapter(), pubOptions)
                    .codec(kind.codec())
                    .build());
      }
      sub.subscribe("bench/" + index + "/#", subQos);
    }

    Run warmup() {
      return new Run(s.warmup());
    }

    void measure() throws Exception {
      Run r = new Run(s.messages());
      long cpu = CPU.getProcessCpuTime();
      publishAll(r);
      cpu = CPU.getProcessCpuTime() - cpu;
      received += r.count.get();
      cpuPerMessage[runs] = cpu / 1e3 / Math.max(1, r.count.get());
      rates[runs++] = r.count.get() / ((r.last.get() - r.first) / 1e9);
      // QoS 0 may drop under load; a run counts what arrived.
      int got = Math.min(r.count.get(), s.messages());
      System.arraycopy(r.latencies, 0, latencies, n, got);
      n += got;
    }

    MqttResult result() {
      if (rejected.get() > 0) {
        throw new IllegalStateException(rejected.get() + " messages failed to open");
      }
      long[] lat = Arrays.copyOf(latencies, n);
      Arrays.sort(lat);
      double[] sorted = rates.clone();
      Arrays.sort(sorted);
      double[] cpu = cpuPerMessage.clone();
      Arrays.sort(cpu);
      return new MqttResult(
          kind.client(),
          kind.name(),
          qos,
          subQos,
          size,
          (long) s.runs() * s.messages(),
          received,
          sorted[sorted.length / 2],
          percentile(lat, 0.50) / 1e3,
          percentile(lat, 0.99) / 1e3,
          s.runs(),
          wire,
          cpu[cpu.length / 2]);
    }

    /**
     * Publishes r.expected messages with at most window unacknowledged, then waits for delivery.
     */
    private void publishAll(Run r) throws Exception {
      current.set(r);
      Semaphore window = new Semaphore(s.window());
      r.undelivered = new Semaphore(s.endToEndWindow());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(s.timeoutSeconds());
      r.first = System.nanoTime();
      for (int i = 0; i < r.expected; i++) {
        if (!r.undelivered.tryAcquire(
                Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
            || !window.tryAcquire(
                Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          break;
        }
        byte[] p = new byte[size];
        ByteBuffer.wrap(p).putLong(System.nanoTime()).putInt(i);
        pub.publish(topic, p, qos)
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
            r.failed.get() + " publishes failed, the first with " + r.failure.get(),
            r.failure.get());
      }
    }

    @Override
    public void close() {
      pub.close();
      sub.close();
    }
  }

  /** The process's CPU time, all threads (clients, broker, garbage collector). */
  private static final com.sun.management.OperatingSystemMXBean CPU =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
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
