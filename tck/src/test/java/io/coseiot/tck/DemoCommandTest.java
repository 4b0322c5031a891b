package io.coseiot.tck;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cose-tck demo} against the embedded broker and against a Mosquitto process. */
@Tag("mqtt")
class DemoCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int tck(String... args) {
    return CoseTck.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  private void assertDemoSucceeded(int code, int messages) {
    String text = out.toString();
    assertEquals(0, code, text + err);
    assertTrue(text.contains("Demo master secret"), text);
    List<String> lines = text.lines().toList();
    assertEquals(
        messages
            + " sent, "
            + messages
            + " opened, 0 lost, 0 failed to open, 0 carried in plaintext",
        lines.get(lines.size() - 1));
    for (int i = 1; i <= messages; i++) {
      String row = i + " ";
      String n = "{\"n\":" + i + ",";
      assertTrue(lines.stream().anyMatch(l -> l.startsWith(row) && l.contains(n)), text);
    }
  }

  @Test
  void demoOnTheEmbeddedBroker() {
    assertDemoSucceeded(tck("demo", "--messages", "4"), 4);
  }

  @Test
  void demoAgainstAMosquittoGivenByBroker(@TempDir Path dir) throws Exception {
    Process p = startMosquitto(dir);
    try {
      String uri = "tcp://127.0.0.1:" + port;
      assertDemoSucceeded(tck("demo", "--broker", uri), 10);
      assertTrue(out.toString().contains("Broker: " + uri), out.toString());
      assertTrue(out.toString().contains("random 96-bit nonces"), out.toString());
    } finally {
      stop(p);
    }
  }

  @Test
  void demoExitsNonZeroWhenAMessageFailsToOpen(@TempDir Path dir) throws Exception {
    Process p = startMosquitto(dir);
    try {
      String uri = "tcp://127.0.0.1:" + port;
      // A retained plaintext message on the demo's topics: the subscriber gets it on subscribing
      // and must refuse it, so the demo must fail.
      MqttClient planter = new MqttClient(uri, "planter", new MemoryPersistence());
      planter.connect();
      MqttMessage plain = new MqttMessage("{\"n\":0,\"temperature\":99}".getBytes(UTF_8));
      plain.setQos(1);
      plain.setRetained(true);
      planter.publish("demo/telemetry/planted", plain);
      planter.disconnect();
      planter.close();

      assertEquals(1, tck("demo", "--broker", uri, "--messages", "3"), out.toString());
      assertTrue(err.toString().contains("NOT_SEALED"), err.toString());
      assertTrue(out.toString().contains("1 failed to open"), out.toString());
    } finally {
      stop(p);
    }
  }

  private int port;

  /** Starts Mosquitto on a free loopback port with its own configuration; skips without it. */
  private Process startMosquitto(Path dir) throws Exception {
    Path bin = mosquitto();
    Assumptions.assumeTrue(
        bin != null, "mosquitto is not installed (apt-get install -y mosquitto): skipped");
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path conf = dir.resolve("mosquitto.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "allow_anonymous true",
            "persistence false",
            "user " + System.getProperty("user.name"),
            "log_dest stdout",
            "listener " + port + " 127.0.0.1",
            ""));
    Process p =
        new ProcessBuilder(bin.toString(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("mosquitto.log").toFile())
            .start();
    awaitPort(port, p);
    return p;
  }

  private static void stop(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
  }

  @Test
  void unreachableBrokerFails() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    assertEquals(1, tck("demo", "--broker", "tcp://127.0.0.1:" + port, "--messages", "1"));
    assertTrue(err.toString().contains("cannot connect"), err.toString());
  }

  static Path mosquitto() {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin";
    for (String d : path.split(File.pathSeparator)) {
      Path p = d.isEmpty() ? null : Path.of(d, "mosquitto");
      if (p != null && Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  private static void awaitPort(int port, Process p) throws Exception {
    long end = System.currentTimeMillis() + 20_000;
    while (true) {
      if (!p.isAlive()) {
        throw new IOException("mosquitto exited with " + p.exitValue());
      }
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
}
