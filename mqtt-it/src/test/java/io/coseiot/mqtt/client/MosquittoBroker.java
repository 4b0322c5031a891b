package io.coseiot.mqtt.client;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Mosquitto 2 as a separate process with its own configuration file: anonymous access on loopback,
 * no persistence, a plain, a TLS and a mutual TLS listener.
 */
final class MosquittoBroker implements Broker {
  private final Process process;
  private final Path log;
  private final int tcp;
  private final int tls;
  private final int mtls;

  private MosquittoBroker(Process process, Path log, int tcp, int tls, int mtls) {
    this.process = process;
    this.log = log;
    this.tcp = tcp;
    this.tls = tls;
    this.mtls = mtls;
  }

  /** The mosquitto binary on the PATH or in Debian's /usr/sbin, or null if there is none. */
  static Path binary() {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin";
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, "mosquitto");
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /**
   * What every test broker's configuration starts with: anonymous access, and the user running the
   * tests (as root, mosquitto would otherwise switch to a user that cannot read the temporary
   * folder), logging to standard output.
   */
  static List<String> commonLines() {
    return List.of(
        "allow_anonymous true",
        "user " + System.getProperty("user.name"),
        "log_dest stdout",
        "log_type error",
        "log_type warning",
        "log_type notice");
  }

  /** Starts the broker, its files in a folder; the TLS listeners use the test PKI. */
  static MosquittoBroker start(Path dir, TestPki pki) throws IOException {
    Path bin = binary();
    if (bin == null) {
      throw new IOException("mosquitto is not installed");
    }
    Files.createDirectories(dir);
    int tcp = Broker.freePort();
    int tls = Broker.freePort();
    int mtls = Broker.freePort();
    Path conf = dir.resolve("mosquitto.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "# Written by the cose-iot tests.",
            "per_listener_settings false",
            "persistence false",
            String.join("\n", commonLines()),
            "listener " + tcp + " 127.0.0.1",
            "listener " + tls + " 127.0.0.1",
            "cafile " + pki.caPem,
            "certfile " + pki.serverCertPem,
            "keyfile " + pki.serverKeyPem,
            "require_certificate false",
            "listener " + mtls + " 127.0.0.1",
            "cafile " + pki.caPem,
            "certfile " + pki.serverCertPem,
            "keyfile " + pki.serverKeyPem,
            "require_certificate true",
            ""));
    Path log = dir.resolve("mosquitto.log");
    Process p =
        new ProcessBuilder(bin.toString(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    MosquittoBroker broker = new MosquittoBroker(p, log, tcp, tls, mtls);
    try {
      for (int port : new int[] {tcp, tls, mtls}) {
        Broker.awaitPort(port, Duration.ofSeconds(20), p);
      }
    } catch (IOException e) {
      broker.close();
      throw new IOException(e.getMessage() + "; mosquitto log:\n" + broker.log(), e);
    }
    return broker;
  }

  /** What the broker printed so far. */
  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public String name() {
    return "mosquitto";
  }

  @Override
  public String tcpUri() {
    return "tcp://127.0.0.1:" + tcp;
  }

  @Override
  public String tlsUri() {
    return "ssl://127.0.0.1:" + tls;
  }

  @Override
  public String mtlsUri() {
    return "ssl://127.0.0.1:" + mtls;
  }

  @Override
  public void close() {
    Broker.stop(process);
  }

  @Override
  public String toString() {
    return name();
  }
}
