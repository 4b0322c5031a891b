package io.coseiot.bench;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.PayloadOpener;
import io.coseiot.mqtt.codec.PayloadSealer;
import io.coseiot.mqtt.codec.SealedMessage;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.RotationSchedule;
import io.coseiot.mqtt.keyring.TopicKeyset;
import io.coseiot.mqtt.nonce.SequenceStore;
import io.coseiot.mqtt.replay.ReplayGuard;
import io.coseiot.mqtt.replay.ReplayState;
import io.coseiot.mqtt.replay.durable.DurableReplayState;
import io.coseiot.mqtt.replay.redis.RedisReplayState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import redis.clients.jedis.JedisPooled;

/**
 * The cost per message of each replay-state backend, and what the embedded one was chosen by.
 *
 * <p>{@code open} opens {@value #BATCH} fresh sealed MQTT messages (A128GCM, 64-byte payloads) per
 * invocation through an opener on the backend, in counter mode (sequence windows) or random mode
 * (message identifiers); the messages are sealed before each invocation, so replays never occur and
 * sealing is not timed. Its score is the time per message. {@code redis} starts its own
 * redis-server (no persistence) on a free loopback port.
 *
 * <p>{@code durableWrite} is one persisted write (one key updated, committed and forced to disk) on
 * H2 MVStore and on SQLite (WAL, {@code synchronous=FULL}): what the durable state pays per block
 * of sequence numbers, and per message in random mode.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReplayStateBench {
  static final int BATCH = 20_000;
  static final String TOPIC = "bench/meter";

  /** The replay-state backend: memory, durable or redis. */
  @Param({"memory", "durable", "redis"})
  public String backend;

  /** counter (OSCORE-style sequence numbers) or random (random IVs). */
  @Param({"counter", "random"})
  public String nonces;

  /**
   * The durable state's block (its default, 4096): numbers per sender that one mark write covers.
   */
  @Param({"4096"})
  public int block;

  private Path dir;
  private RedisProcess redisServer;
  private JedisPooled redis;
  private ReplayState state;
  private PayloadSealer sealer;
  private PayloadOpener opener;
  private SequenceStore sequence;
  private final SealedMessage[] batch = new SealedMessage[BATCH];

  /**
   * Creates the backend, a publisher and a subscriber.
   *
   * @throws Exception if the backend cannot be started
   */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("cose-iot-replay-bench");
    Keyring keyring =
        Keyring.builder()
            .schedule(RotationSchedule.fixed(0))
            .add(
                TopicKeyset.derived(
                    "bench/#", Algorithm.A128GCM, Fixtures.secretKeyBytes(256), null))
            .build();
    switch (backend) {
      case "memory":
        state = new ReplayGuard();
        break;
      case "durable":
        state =
            DurableReplayState.create(dir.resolve("replay.mv"), block, ReplayGuard.DEFAULT_RECENT);
        break;
      case "redis":
        redisServer = RedisProcess.start(dir);
        redis = new JedisPooled("127.0.0.1", redisServer.port());
        state = new RedisReplayState(redis, "bench", Duration.ofMinutes(10));
        break;
      default:
        throw new IllegalArgumentException(backend);
    }
    CoseMqttCodec.Builder pub = CoseMqttCodec.builder().keyring(keyring);
    if (nonces.equals("counter")) {
      sequence = SequenceStore.create(dir.resolve("publisher.seq"), 1 << 20);
      pub.counterNonces(new byte[] {1}, sequence);
    }
    sealer = pub.build().sealer();
    opener = CoseMqttCodec.builder().keyring(keyring).replayState(state).build().opener();
  }

  /**
   * Seals the next batch.
   *
   * @throws Exception if sealing fails
   */
  @Setup(Level.Invocation)
  public void seal() throws Exception {
    byte[] payload = Fixtures.payload(64);
    for (int i = 0; i < BATCH; i++) {
      batch[i] = sealer.seal(TOPIC, payload);
    }
  }

  /**
   * Opens the batch; each message is fresh, so each is accepted.
   *
   * @return the last plaintext, so that nothing is optimised away
   * @throws Exception if a message is refused
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public byte[] open() throws Exception {
    byte[] last = null;
    for (SealedMessage m : batch) {
      last = opener.open(m.topic(), m.payload(), m.contentType(), m.userProperties()).plaintext();
    }
    return last;
  }

  /**
   * Closes the backend and removes its files.
   *
   * @throws IOException if the files cannot be removed
   */
  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    state.close();
    if (sequence != null) {
      sequence.close();
    }
    if (redis != null) {
      redis.close();
    }
    if (redisServer != null) {
      redisServer.close();
    }
    delete(dir);
  }

  static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** One durable write on each candidate embedded store. */
  @State(Scope.Thread)
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public static class DurableWrite {
    /** The store: mvstore or sqlite. */
    @Param({"mvstore", "sqlite"})
    public String engine;

    private Path dir;
    private MVStore mv;
    private MVMap<String, Long> marks;
    private Connection sql;
    private PreparedStatement upsert;
    private long value;

    /**
     * Opens the store.
     *
     * @throws Exception if it cannot be opened
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
      dir = Files.createTempDirectory("cose-iot-durable-bench");
      if (engine.equals("mvstore")) {
        mv =
            new MVStore.Builder()
                .fileName(dir.resolve("s.mv").toString())
                .autoCommitDisabled()
                .open();
        marks = mv.openMap("marks");
      } else {
        sql = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("s.db"));
        try (Statement st = sql.createStatement()) {
          st.execute("PRAGMA journal_mode=WAL");
          st.execute("PRAGMA synchronous=FULL");
          st.execute("CREATE TABLE marks (k TEXT PRIMARY KEY, v INTEGER NOT NULL)");
        }
        upsert = sql.prepareStatement("INSERT OR REPLACE INTO marks (k, v) VALUES (?, ?)");
      }
    }

    /**
     * Updates one sender's mark and forces it to disk.
     *
     * @throws Exception if the write fails
     */
    @Benchmark
    public void durableWrite() throws Exception {
      value++;
      if (mv != null) {
        marks.put("0102.0.05", value);
        mv.commit();
        mv.sync();
      } else {
        upsert.setString(1, "0102.0.05");
        upsert.setLong(2, value);
        upsert.executeUpdate();
      }
    }

    /**
     * Closes the store and removes its files.
     *
     * @throws Exception if it cannot be closed
     */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      if (mv != null) {
        mv.close();
      } else {
        sql.close();
      }
      delete(dir);
    }
  }
}
