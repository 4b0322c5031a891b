package io.coseiot.bench;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.interop.broker.EmbeddedBroker;
import io.coseiot.mqtt.client.SecureMqttClient;
import io.coseiot.mqtt.client.SecureMqttClientBuilder;
import io.coseiot.mqtt.client.SecureMqttOptions;
import io.coseiot.mqtt.client.spi.MqttAdapter;
import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.hivemq.HiveMqMqtt;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.RotationSchedule;
import io.coseiot.mqtt.keyring.TopicKeyset;
import io.coseiot.mqtt.nonce.SequenceStore;
import io.coseiot.mqtt.paho.PahoMqtt;
import io.coseiot.mqtt.replay.ReplayGuard;
import io.coseiot.mqtt.replay.ReplayState;
import io.coseiot.mqtt.replay.redis.RedisReplayState;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.JedisPooled;

/**
 * Sealed QoS 1 throughput of an MQTT v5 shared-subscription group ({@code $share/...}) whose
 * members share their replay state in Redis, against one member: what scaling out a subscriber
 * buys.
 *
 * <p>Each configuration is a lane of its own topic: a publisher in counter mode (a sequence store,
 * so each message's number goes through the members' replay windows) and a group of members, each
 * with its own client, codec and Redis connection, as separate instances would have. The lanes are
 * one member with in-memory state (what Redis costs), one member on Redis, and three members on
 * Redis, all connected at once and measured in turns, as in {@link MqttBench}. Every delivery is
 * checked against the message's index: a message opened twice anywhere in the group, or a fresh one
 * refused, is counted and reported.
 *
 * <p>Everything shares this machine's cores: the broker, the publisher, every member and
 * redis-server. A group scales where one member waits (on its Redis round trip, on its client's
 * receive thread), not where the cores are already busy.
 */
public final class GroupBench {
  private static final byte[] MASTER = new byte[32];

  /**
   * What to run.
   *
   * @param messages messages per measured run
   * @param warmup messages before the measured runs
   * @param runs measured runs per lane
   * @param window unacknowledged publishes at most
   * @param endToEndWindow published but not yet delivered messages at most
   * @param timeoutSeconds the longest a run may take
   */
  public record Settings(
      int messages, int warmup, int runs, int window, int endToEndWindow, long timeoutSeconds) {
    /**
     * The settings of {@code cose-tck bench}.
     *
     * @param quick the short run of {@code --quick}
     * @return the settings
     */
    public static Settings standard(boolean quick) {
      return quick
          ? new Settings(3_000, 3_000, 1, 10, 300, 30)
          : new Settings(20_000, 5_000, 5, 10, 300, 120);
    }

    /**
     * Says what runs, for the report.
     *
     * @return one line
     */
    public String describe() {
      return String.format(
          "%d warm-up + %d x %d messages per lane, QoS 1/1, 64 B, counter mode, at most %d"
              + " unacknowledged and %d undelivered",
          warmup, runs, messages, window, endToEndWindow);
    }
  }

  /**
   * One lane's figures.
   *
   * @param client the MQTT library of publisher and members
   * @param state {@code memory} or {@code redis}
   * @param members the members of the shared subscription
   * @param sent messages published in the measured runs
   * @param delivered distinct messages opened in the measured runs
   * @param duplicates messages opened a second time anywhere in the group
   * @param refused messages refused by a member (every one was fresh)
   * @param messagesPerSecond median over runs of delivered messages per second
   * @param cpuMicrosPerMessage median over runs of the CPU time per delivered message of this
   *     process (broker, publisher, members) and redis-server together, microseconds
   */
  public record Row(
      String client,
      String state,
      int members,
      long sent,
      long delivered,
      long duplicates,
      long refused,
      double messagesPerSecond,
      double cpuMicrosPerMessage) {
    /**
     * The rate the machine's cores would allow at this lane's CPU time per message: where a group
     * cannot go faster by adding members.
     *
     * @return messages per second
     */
    public double cpuBoundRate() {
      return Runtime.getRuntime().availableProcessors() * 1e6 / cpuMicrosPerMessage;
    }
  }

  private static final Map<String, MqttAdapter> CLIENTS = new LinkedHashMap<>();

  static {
    CLIENTS.put("paho", PahoMqtt.adapter());
    CLIENTS.put("hivemq-client", HiveMqMqtt.adapter());
  }

  private GroupBench() {}

  /**
   * Starts redis-server and the embedded broker (unless one is given) and runs every lane.
   *
   * @param s what to run
   * @param brokerUri a broker to use instead of the embedded one, or null
   * @param log progress
   * @return one row per lane
   * @throws Exception if a process or client fails
   */
  public static List<Row> run(Settings s, String brokerUri, PrintStream log) throws Exception {
    EmbeddedBroker.quietLogging();
    Path dir = Files.createTempDirectory("cose-iot-group-bench");
    Keyring keyring =
        Keyring.builder()
            .add(TopicKeyset.derived("group/#", Algorithm.A128GCM, MASTER, null))
            .schedule(RotationSchedule.fixed(1))
            .build();
    List<Row> out = new ArrayList<>();
    try (RedisProcess redis = RedisProcess.start(dir);
        EmbeddedBroker embedded = brokerUri == null ? EmbeddedBroker.start() : null) {
      String uri = embedded != null ? embedded.uri() : brokerUri;
      log.println("bench: shared-subscription group through " + uri + "; " + s.describe());
      int lane = 0;
      for (Map.Entry<String, MqttAdapter> c : CLIENTS.entrySet()) {
        List<Lane> lanes = new ArrayList<>();
        try {
          for (int[] spec : new int[][] {{1, 0}, {1, 1}, {3, 1}}) {
            Lane l =
                new Lane(c.getKey(), c.getValue(), uri, lane++, spec[0], spec[1] == 1, keyring, s);
            l.connect(redis, dir);
            lanes.add(l);
            l.publishAll(s.warmup(), false);
          }
          for (int r = 0; r < s.runs(); r++) {
            for (Lane l : lanes) {
              l.publishAll(s.messages(), true);
            }
          }
          for (Lane l : lanes) {
            Row row = l.row();
            log.printf(
                "bench: group %-13s %-6s %d member(s): %,.0f msg/s (%d/%d, %d twice, %d"
                    + " refused)%n",
                row.client(),
                row.state(),
                row.members(),
                row.messagesPerSecond(),
                row.delivered(),
                row.sent(),
                row.duplicates(),
                row.refused());
            out.add(row);
          }
        } finally {
          for (Lane l : lanes) {
            l.close();
          }
        }
      }
    } finally {
      ReplayStateBench.delete(dir);
    }
    return out;
  }

  /**
   * Prints one line per lane and the group's speed-up over one member.
   *
   * @param rows the lanes
   * @param out where to print
   */
  public static void print(List<Row> rows, PrintStream out) {
    String fmt = "%-13s %-6s %7s %12s %11s %6s %7s %8s%n";
    out.printf(
        fmt, "client", "state", "members", "msg/s", "delivered", "twice", "refused", "vs one");
    for (Row r : rows) {
      out.printf(
          fmt,
          r.client(),
          r.state(),
          r.members(),
          BenchReport.num(r.messagesPerSecond()),
          String.format(Locale.ROOT, "%.1f", r.cpuMicrosPerMessage()),
          BenchReport.num(r.cpuBoundRate()),
          r.delivered() + "/" + r.sent(),
          r.duplicates(),
          r.refused(),
          String.format(Locale.ROOT, "%.2f", speedUp(rows, r)));
    }
  }

  /**
   * The Markdown section of the group runs.
   *
   * @param rows the lanes, possibly empty
   * @param settings what ran
   * @return the section, or an empty text if nothing ran
   */
  public static String markdown(List<Row> rows, Settings settings) {
    if (rows.isEmpty()) {
      return "";
    }
    StringBuilder sb =
        new StringBuilder("\n## Shared-subscription group\n\n")
            .append("Sealed QoS 1 through `$share/...` to members sharing their replay state in")
            .append(" Redis (one client, codec and connection each), against one member; the")
            .append(" broker, publisher, members and redis-server share the machine's cores. ")
            .append(settings.describe())
            .append("; medians over runs. CPU = CPU time per delivered message of the JVM (broker,")
            .append(" publisher, members) and redis-server together; CPU-bound = the rate the")
            .append(" machine's cores allow at that cost.\n\n")
            .append("| client | replay state | members | msg/s | CPU µs/msg | CPU-bound msg/s |")
            .append(" delivered | twice | refused | vs one member on Redis |\n")
            .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Row r : rows) {
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %d | %s | %.1f | %s | %,d/%,d | %d | %d | %.2f |%n",
              r.client(),
              r.state(),
              r.members(),
              BenchReport.num(r.messagesPerSecond()),
              r.cpuMicrosPerMessage(),
              BenchReport.num(r.cpuBoundRate()),
              r.delivered(),
              r.sent(),
              r.duplicates(),
              r.refused(),
              speedUp(rows, r)));
    }
    return sb.toString();
  }

  /**
   * The target of issue 17: a group of three on Redis at twice one member's throughput or more.
   *
   * @param rows the lanes
   * @return one target per client that ran both lanes
   */
  public static List<BenchReport.Target> targets(List<Row> rows) {
    List<BenchReport.Target> t = new ArrayList<>();
    for (Row r : rows) {
      if (r.members() == 3) {
        Row memory = find(rows, r.client(), "memory", 1);
        t.add(
            new BenchReport.Target(
                "MQTT " + r.client() + " group of 3 on Redis / 1 member, sealed QoS 1 64 B",
                speedUp(rows, r),
                2.0,
                true,
                String.format(
                    Locale.ROOT,
                    "%s msg/s for 3 (%.0f %% of the %s msg/s its CPU time per message allows on"
                        + " %d cores), one member %s on Redis and %s in memory; %d twice, %d"
                        + " refused",
                    BenchReport.num(r.messagesPerSecond()),
                    100 * r.messagesPerSecond() / r.cpuBoundRate(),
                    BenchReport.num(r.cpuBoundRate()),
                    Runtime.getRuntime().availableProcessors(),
                    BenchReport.num(find(rows, r.client(), "redis", 1).messagesPerSecond()),
                    memory == null ? "-" : BenchReport.num(memory.messagesPerSecond()),
                    r.duplicates(),
                    r.refused())));
      }
    }
    return t;
  }

  /** A lane's throughput over the one-member Redis lane of the same client. */
  static double speedUp(List<Row> rows, Row r) {
    Row one = find(rows, r.client(), "redis", 1);
    return one == null ? Double.NaN : r.messagesPerSecond() / one.messagesPerSecond();
  }

  private static Row find(List<Row> rows, String client, String state, int members) {
    for (Row r : rows) {
      if (r.client().equals(client) && r.state().equals(state) && r.members() == members) {
        return r;
      }
    }
    return null;
  }

  /** This process's CPU time, all threads (broker, clients, garbage collector). */
  private static final com.sun.management.OperatingSystemMXBean CPU =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** A publisher and its group, on a topic of their own. */
  private static final class Lane implements AutoCloseable {
    private final String client;
    private final MqttAdapter adapter;
    private final String uri;
    private final int index;
    private final int members;
    private final boolean redis;
    private final Keyring keyring;
    private final Settings s;
    private final String topic;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<SecureMqttClient> group = new ArrayList<>();
    private final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
    private final double[] rates;
    private final double[] cpuPerMessage;
    private RedisProcess redisServer;
    private SecureMqttClient publisher;
    private volatile Batch batch;
    private long sent;
    private long delivered;
    private long duplicates;
    private int runs;

    Lane(
        String client,
        MqttAdapter adapter,
        String uri,
        int index,
        int members,
        boolean redis,
        Keyring keyring,
        Settings s) {
      this.client = client;
      this.adapter = adapter;
      this.uri = uri;
      this.index = index;
      this.members = members;
      this.redis = redis;
      this.keyring = keyring;
      this.s = s;
      this.topic = "group/" + index + "/telemetry/device-1";
      this.rates = new double[s.runs()];
      this.cpuPerMessage = new double[s.runs()];
    }

    void connect(RedisProcess redisServer, Path dir) throws Exception {
      this.redisServer = redisServer;
      String id = "cose-tck-group-" + ProcessHandle.current().pid() + "-" + index;
      SequenceStore seq = SequenceStore.create(dir.resolve(index + ".seq"), 4096);
      open.add(seq);
      publisher =
          SecureMqttClientBuilder.over(adapter, SecureMqttOptions.builder(uri).clientId(id).build())
              .codec(
                  CoseMqttCodec.builder()
                      .keyring(keyring)
                      .counterNonces(new byte[] {(byte) index}, seq)
                      .build())
              .build();
      publisher.connect();
      for (int m = 0; m < members; m++) {
        ReplayState state;
        if (redis) {
          JedisPooled j = new JedisPooled("127.0.0.1", redisServer.port());
          open.add(j);
          state = new RedisReplayState(j, "group-" + index, Duration.ofMinutes(10));
        } else {
          state = new ReplayGuard();
        }
        open.add(state);
        SecureMqttClient member =
            SecureMqttClientBuilder.over(
                    adapter, SecureMqttOptions.builder(uri).clientId(id + "-m" + m).build())
                .codec(CoseMqttCodec.builder().keyring(keyring).replayState(state).build())
                .onMessage((msg, c) -> delivered(msg.plaintext()))
                .onRejection((t, why) -> refused(why.reason().name()))
                .build();
        member.connect();
        member.subscribe("$share/g" + index + "/group/" + index + "/#", 1);
        group.add(member);
      }
    }

    private void refused(String reason) {
      refusals.computeIfAbsent(reason, k -> new AtomicInteger()).incrementAndGet();
      Batch b = batch;
      if (b != null) {
        // A refused message never arrives: it leaves the end-to-end window all the same.
        b.undelivered.release();
      }
    }

    private void delivered(byte[] plaintext) {
      Batch b = batch;
      if (b != null) {
        b.delivered(ByteBuffer.wrap(plaintext).getInt());
      }
    }

    /** Publishes n messages at QoS 1 and waits until each is opened once or the time is up. */
    void publishAll(int n, boolean measured) throws Exception {
      Batch b = new Batch(n, s.endToEndWindow());
      batch = b;
      Semaphore window = new Semaphore(s.window());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(s.timeoutSeconds());
      AtomicInteger failed = new AtomicInteger();
      long cpu = cpuNanos();
      long first = System.nanoTime();
      for (int i = 0; i < n; i++) {
        long left = Math.max(1, deadline - System.nanoTime());
        if (!b.undelivered.tryAcquire(left, TimeUnit.NANOSECONDS)
            || !window.tryAcquire(left, TimeUnit.NANOSECONDS)) {
          break;
        }
        byte[] p = new byte[64];
        ByteBuffer.wrap(p).putInt(i);
        publisher
            .publish(topic, p, 1, false)
            .whenComplete(
                (v, e) -> {
                  if (e != null) {
                    failed.incrementAndGet();
                  }
                  window.release();
                });
      }
      b.awaitAll(deadline);
      cpu = cpuNanos() - cpu;
      batch = null;
      if (failed.get() > 0) {
        throw new IllegalStateException(failed.get() + " publishes failed on lane " + index);
      }
      if (measured) {
        sent += n;
        delivered += b.distinct.get();
        duplicates += b.twice.get();
        cpuPerMessage[runs] = cpu / 1e3 / Math.max(1, b.distinct.get());
        rates[runs++] = b.distinct.get() / ((b.last.get() - first) / 1e9);
      }
    }

    private long cpuNanos() {
      return CPU.getProcessCpuTime() + redisServer.cpuNanos();
    }

    Row row() {
      double[] sorted = Arrays.copyOf(rates, runs);
      Arrays.sort(sorted);
      double[] cpu = Arrays.copyOf(cpuPerMessage, runs);
      Arrays.sort(cpu);
      long refused = refusals.values().stream().mapToLong(AtomicInteger::get).sum();
      return new Row(
          client,
          redis ? "redis" : "memory",
          members,
          sent,
          delivered,
          duplicates,
          refused,
          runs == 0 ? Double.NaN : sorted[runs / 2],
          runs == 0 ? Double.NaN : cpu[runs / 2]);
    }

    @Override
    public void close() {
      for (SecureMqttClient c : group) {
        c.close();
      }
      if (publisher != null) {
        publisher.close();
      }
      for (AutoCloseable c : open) {
        try {
          c.close();
        } catch (Exception e) {
          // Closing the rest regardless.
        }
      }
    }
  }

  /** What one batch's group opened, by message index. */
  private static final class Batch {
    final AtomicIntegerArray seen;
    final AtomicInteger distinct = new AtomicInteger();
    final AtomicInteger twice = new AtomicInteger();
    final AtomicLong last = new AtomicLong();
    final Semaphore undelivered;
    private final Object done = new Object();

    Batch(int n, int endToEnd) {
      this.seen = new AtomicIntegerArray(n);
      this.undelivered = new Semaphore(endToEnd);
    }

    void delivered(int i) {
      if (i < 0 || i >= seen.length()) {
        return;
      }
      if (seen.getAndIncrement(i) > 0) {
        twice.incrementAndGet();
        return;
      }
      last.set(System.nanoTime());
      undelivered.release();
      if (distinct.incrementAndGet() == seen.length()) {
        synchronized (done) {
          done.notifyAll();
        }
      }
    }

    void awaitAll(long deadline) throws InterruptedException {
      synchronized (done) {
        while (distinct.get() < seen.length()) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return;
          }
          TimeUnit.NANOSECONDS.timedWait(done, left);
        }
      }
    }
  }
}
