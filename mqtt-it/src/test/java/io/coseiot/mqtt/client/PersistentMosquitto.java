package io.coseiot.mqtt.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto process for the fault tests: one plain loopback listener on a port that stays the
 * same across restarts, so that clients reconnect to it, and extra configuration lines (e.g.
 * persistence, message size limits). It can be killed outright and started again on the same
 * configuration and persistence folder.
 */
final class PersistentMosquitto implements AutoCloseable {
  private final Path dir;
  private final Path conf;
  private final int port;
  private Process process;
  private int starts;

  private PersistentMosquitto(Path dir, Path conf, int port) {
    this.dir = dir;
    this.conf = conf;
    this.port = port;
  }

  /**
   * Writes the configuration with the extra lines and starts the broker.
   *
   * @param dir the broker's folder: configuration, logs, persistence
   * @param extra configuration lines added after the listener
   */
  static PersistentMosquitto start(Path dir, String... extra) throws IOException {
    if (MosquittoBroker.binary() == null) {
      throw new IOException("mosquitto is not installed");
    }
    Files.createDirectories(dir);
    int port = Broker.freePort();
    List<String> lines = new ArrayList<>(List.of("# Written by the cose-iot fault tests."));
    lines.addAll(MosquittoBroker.commonLines());
    lines.add("listener " + port + " 127.0.0.1");
    lines.addAll(List.of(extra));
    lines.add("");
    Path conf = dir.resolve("mosquitto.conf");
    Files.writeString(conf, String.join("\n", lines));
    PersistentMosquitto m = new PersistentMosquitto(dir, conf, port);
    m.restart();
    return m;
  }

  /** Starts the broker again on the same configuration, port and persistence folder. */
  void restart() throws IOException {
    Path log = dir.resolve("mosquitto-" + starts++ + ".log");
    process =
        new ProcessBuilder(MosquittoBroker.binary().toString(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      Broker.awaitPort(port, Duration.ofSeconds(20), process);
    } catch (IOException e) {
      close();
      throw new IOException(e.getMessage() + "; mosquitto log:\n" + Files.readString(log), e);
    }
  }

  /** Kills the broker with SIGKILL: no shutdown, no final save of its persistence file. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  /** The listener, {@code tcp://127.0.0.1:PORT}. */
  String uri() {
    return "tcp://127.0.0.1:" + port;
  }

  /** Whether the current process still runs. */
  boolean isAlive() {
    return process.isAlive();
  }

  /** Everything the broker printed, all runs. */
  String log() throws IOException {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < starts; i++) {
      s.append(Files.readString(dir.resolve("mosquitto-" + i + ".log")));
    }
    return s.toString();
  }

  @Override
  public void close() {
    Broker.stop(process);
  }
}
