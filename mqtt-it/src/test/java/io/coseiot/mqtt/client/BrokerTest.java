package io.coseiot.mqtt.client;

import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.hivemq.HiveMqMqtt;
import io.coseiot.mqtt.paho.PahoMqtt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs each test against both real brokers: HiveMQ CE embedded and a Mosquitto process. Both start
 * once per test class; a test names its broker through {@code @MethodSource("brokers")}. The
 * Mosquitto runs are skipped, with a message saying so, only when the binary is not installed.
 */
@Tag("mqtt")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrokerTest {
  static final String NO_MOSQUITTO =
      "mosquitto is not installed (apt-get install -y mosquitto; .ci/run does): Mosquitto run"
          + " skipped";

  protected Path dir;
  protected TestPki pki;
  private final Map<String, Broker> brokers = new LinkedHashMap<>();
  private final List<AutoCloseable> closeAfterEach = new CopyOnWriteArrayList<>();

  @BeforeAll
  void startBrokers() throws Exception {
    dir = Files.createTempDirectory("cose-iot-" + getClass().getSimpleName());
    pki = TestPki.create(dir.resolve("pki"));
    brokers.put("hivemq", HiveMqBroker.start(dir.resolve("hivemq"), pki));
    if (MosquittoBroker.binary() != null) {
      brokers.put("mosquitto", MosquittoBroker.start(dir.resolve("mosquitto"), pki));
    }
  }

  @AfterAll
  void stopBrokers() throws IOException {
    brokers.values().forEach(Broker::close);
    brokers.clear();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /**
   * Closes the test's clients all at once: Paho's shutdown polls its threads every 100 ms, so
   * closing three clients one after another would cost most of a second per test.
   */
  @org.junit.jupiter.api.AfterEach
  void closeClients() throws Exception {
    List<Thread> closing = new ArrayList<>();
    List<Exception> failures = new CopyOnWriteArrayList<>();
    for (AutoCloseable c : closeAfterEach) {
      Thread t =
          new Thread(
              () -> {
                try {
                  c.close();
                } catch (Exception e) {
                  failures.add(e);
                }
              },
              "close-" + c);
      t.start();
      closing.add(t);
    }
    for (Thread t : closing) {
      t.join(30_000);
    }
    closeAfterEach.clear();
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }

  /** The broker names every integration test runs against. */
  Stream<String> brokers() {
    return Stream.of("hivemq", "mosquitto");
  }

  /**
   * The brokers, each with Paho's and then the HiveMQ client's MQTT v5 client: for tests of what
   * every {@link SecureMqttClient} must do, whichever client carries it.
   */
  Stream<String> brokersAndClients() {
    return brokers().flatMap(b -> Stream.of(b, b + VIA_HIVEMQ_CLIENT));
  }

  /** Marks a {@link #brokersAndClients()} name whose v5 clients are the HiveMQ client's. */
  static final String VIA_HIVEMQ_CLIENT = " via hivemq-client";

  /** Whether this test's v5 clients are the HiveMQ client's: set by {@link #broker}. */
  protected boolean viaHiveMqClient;

  /**
   * The started broker of that name; aborts (skips) the Mosquitto run without the binary. A name
   * from {@link #brokersAndClients()} also picks the MQTT v5 client for the rest of the test.
   */
  Broker broker(String name) {
    viaHiveMqClient = name.endsWith(VIA_HIVEMQ_CLIENT);
    if (viaHiveMqClient) {
      name = name.substring(0, name.length() - VIA_HIVEMQ_CLIENT.length());
    }
    if (name.equals("mosquitto")) {
      Assumptions.assumeTrue(MosquittoBroker.binary() != null, NO_MOSQUITTO);
    }
    Broker b = brokers.get(name);
    if (b == null) {
      throw new IllegalStateException("no broker " + name);
    }
    return b;
  }

  /**
   * A connected v5 client on the plain listener: with an inbox, a subscriber that opens with the
   * codec; without one, a publisher that seals with it.
   */
  SecureMqttClient v5(Broker b, CoseMqttCodec codec, Inbox inbox) throws Exception {
    return connect(SecureMqttOptions.builder(b.tcpUri()).build(), codec, inbox, true);
  }

  /** The same over MQTT 3.1.1 (the codec should be built for {@code MqttVersion.V3_1_1}). */
  SecureMqttClient v311(Broker b, CoseMqttCodec codec, Inbox inbox) throws Exception {
    return connect(SecureMqttOptions.builder(b.tcpUri()).build(), codec, inbox, false);
  }

  /**
   * A connected client closed after the test: with an inbox, one that receives into it; without,
   * one that only publishes. The codec's MQTT version is the client's.
   */
  SecureMqttClient connect(SecureMqttOptions o, CoseMqttCodec codec, Inbox inbox, boolean v5)
      throws Exception {
    SecureMqttClientBuilder builder = (v5 ? v5Client(o) : PahoMqtt.client(o)).codec(codec);
    if (inbox != null) {
      builder.onMessage(inbox).onRejection(inbox);
    }
    SecureMqttClient c = closeLater(builder.build());
    c.connect();
    return c;
  }

  /** Starts an MQTT v5 client of the kind this test runs with (see {@link #broker}). */
  SecureMqttClientBuilder v5Client(SecureMqttOptions o) {
    return viaHiveMqClient ? HiveMqMqtt.client(o) : PahoMqtt.client(o);
  }

  /** An outsider on the plain listener, closed after the test. */
  Outsider outsider(Broker b) throws Exception {
    return closeLater(new Outsider(b.tcpUri()));
  }

  /**
   * Runs the tasks at once and waits for all, e.g. to connect a test's clients: Paho 1.2.5 polls
   * every 100 ms for each of its three threads to start, so a connect costs about 300 ms.
   */
  static void inParallel(Callable<?>... tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.length);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (Callable<?> t : tasks) {
        running.add(pool.submit(t));
      }
      for (Future<?> f : running) {
        try {
          f.get();
        } catch (ExecutionException e) {
          throw e.getCause() instanceof Exception x ? x : e;
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Closes this after the test, whatever happens. */
  <T extends AutoCloseable> T closeLater(T closeable) {
    closeAfterEach.add(0, closeable);
    return closeable;
  }
}
