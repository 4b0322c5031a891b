package io.coseiot.interop.broker;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * HiveMQ CE embedded in this JVM on a free loopback port: a plain TCP listener, in-memory
 * persistence, no usage statistics, in a temporary folder removed on close. The broker of {@code
 * cose-tck run}'s MQTT round trips, {@code cose-tck demo} and {@code cose-tck bench}, and of the
 * examples module's tests, which run the sealed MQTT example through it.
 */
public final class EmbeddedBroker implements AutoCloseable {
  private final EmbeddedHiveMQ hive;
  private final Path dir;
  private final int port;

  private EmbeddedBroker(EmbeddedHiveMQ hive, Path dir, int port) {
    this.hive = hive;
    this.dir = dir;
    this.port = port;
  }

  /**
   * Starts a broker and waits until it accepts connections.
   *
   * @return the running broker
   * @throws Exception if it does not start within a minute
   */
  public static EmbeddedBroker start() throws Exception {
    quietLogging();
    Path dir = Files.createTempDirectory("cose-tck-hivemq");
    Path conf = Files.createDirectories(dir.resolve("conf"));
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Files.writeString(
        conf.resolve("config.xml"),
        "<?xml version=\"1.0\"?>\n<hivemq>\n"
            + "  <listeners><tcp-listener><port>"
            + port
            + "</port><bind-address>127.0.0.1</bind-address></tcp-listener></listeners>\n"
            + "  <persistence><mode>in-memory</mode></persistence>\n"
            + "  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>\n"
            + "</hivemq>\n");
    EmbeddedHiveMQ hive =
        EmbeddedHiveMQ.builder()
            .withConfigurationFolder(conf)
            .withDataFolder(Files.createDirectories(dir.resolve("data")))
            .withExtensionsFolder(Files.createDirectories(dir.resolve("extensions")))
            .withoutLoggingBootstrap()
            .build();
    EmbeddedBroker broker = new EmbeddedBroker(hive, dir, port);
    try {
      hive.start().get(60, TimeUnit.SECONDS);
      broker.awaitListening(20_000);
    } catch (Exception e) {
      broker.close();
      throw e;
    }
    return broker;
  }

  /**
   * Sends logback's output to stderr at WARN and above, unless {@code logback.configurationFile} is
   * set already: HiveMQ (broker and client) logs through logback, whose jar ships a chatty
   * configuration. Call it before the first logger is made, also when no embedded broker runs.
   */
  public static void quietLogging() {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty(
          "logback.configurationFile", "io/coseiot/interop/broker/quiet-logback.xml");
    }
  }

  private void awaitListening(long millis) throws IOException, InterruptedException {
    long end = System.currentTimeMillis() + millis;
    while (true) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        if (System.currentTimeMillis() > end) {
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }

  /**
   * Returns the broker's URI.
   *
   * @return {@code tcp://127.0.0.1:PORT}
   */
  public String uri() {
    return "tcp://127.0.0.1:" + port;
  }

  /**
   * Returns the broker's port on 127.0.0.1.
   *
   * @return the TCP port
   */
  public int port() {
    return port;
  }

  @Override
  public void close() {
    try {
      hive.stop().get(30, TimeUnit.SECONDS);
      hive.close();
    } catch (Exception e) {
      // Stopping regardless.
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary folder is harmless.
    }
  }
}
