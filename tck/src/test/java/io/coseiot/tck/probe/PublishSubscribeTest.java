package io.coseiot.tck.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cose-tck publish} and {@code subscribe} through a Mosquitto process: a round trip, a
 * subscriber with other keys, and the JVM publisher checked by {@code probe}.
 */
@Tag("mqtt")
class PublishSubscribeTest {
  private static final String MASTER = ProbeDeviceTest.MASTER;
  private static MosquittoProcess broker;

  @TempDir static Path dir;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(MosquittoProcess.binary() != null, "mosquitto is not installed: skipped");
    broker = MosquittoProcess.start(dir);
  }

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  private static Background publish(String topic, String... extra) throws Exception {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "publish", "--broker", broker.uri(), "--master-secret", MASTER, "--topic", topic));
    args.addAll(List.of(extra));
    return Background.run(args.toArray(String[]::new));
  }

  @Test
  void publishThenSubscribeOpensEachMessage() throws Exception {
    Background sub =
        Background.startAndAwait(
            "subscribed",
            "subscribe",
            "--broker",
            broker.uri(),
            "--master-secret",
            MASTER,
            "--filter",
            "rt/+/data",
            "--messages",
            "3",
            "--duration",
            "30");
    Background pub =
        publish("rt/a/data", "--filter", "rt/+/data", "--message", "{\"n\":1}", "--count", "3");
    assertEquals(0, pub.exitCode(), pub.toString());
    assertEquals(
        3,
        pub.out.toString().lines().filter(l -> l.equals("published rt/a/data 7")).count(),
        pub.toString());
    assertEquals(0, sub.exitCode(), sub.toString());
    List<String> opened = sub.out.toString().lines().filter(l -> l.startsWith("opened ")).toList();
    assertEquals(
        List.of(
            "opened rt/a/data {\"n\":1}",
            "opened rt/a/data {\"n\":1}",
            "opened rt/a/data {\"n\":1}"),
        opened,
        sub.toString());
  }

  @Test
  void aSubscriberWithOtherKeysPrintsTheRejectionAndFails() throws Exception {
    Background sub =
        Background.startAndAwait(
            "subscribed",
            "subscribe",
            "--broker",
            broker.uri(),
            "--master-secret",
            "ff" + MASTER.substring(2),
            "--filter",
            "rt2/#",
            "--messages",
            "1",
            "--duration",
            "30");
    Background pub = publish("rt2/x", "--filter", "rt2/#", "--message", "secret");
    assertEquals(0, pub.exitCode(), pub.toString());
    assertEquals(1, sub.exitCode(), sub.toString());
    assertTrue(sub.out.toString().contains("rejected rt2/x UNKNOWN_KEY"), sub.toString());
    assertTrue(!sub.out.toString().contains("secret"), sub.toString());
  }

  @Test
  void theJvmPublisherConformsUnderProbe() throws Exception {
    for (String alg : List.of("1", "5")) {
      Path json = dir.resolve("jvm-" + alg + ".json");
      Background probe =
          Background.startAndAwait(
              "subscribed",
              "probe",
              "--broker",
              broker.uri(),
              "--master-secret",
              MASTER,
              "--filter",
              "jvm/+/t",
              "--messages",
              "3",
              "--duration",
              "30",
              "--json",
              json.toString());
      Background pub =
          publish(
              "jvm/" + alg + "/t",
              "--filter",
              "jvm/+/t",
              "--alg",
              alg,
              "--sid",
              "0a",
              "--seq-file",
              dir.resolve("seq-" + alg).toString(),
              "--message",
              "{\"t\":21.5}",
              "--count",
              "3");
      assertEquals(0, pub.exitCode(), pub.toString());
      assertEquals(0, probe.exitCode(), alg + ": " + probe);
      assertTrue(probe.out.toString().contains("PASS R7.3"), probe.toString());
      assertTrue(probe.out.toString().contains("CONFORMS: 3 message(s)"), probe.toString());
    }
  }

  @Test
  void aBrokerThatGoesAwayEndsTheProbeAsASetupError(@TempDir Path own) throws Exception {
    Background probe;
    try (MosquittoProcess gone = MosquittoProcess.start(own)) {
      probe =
          Background.startAndAwait(
              "subscribed",
              "probe",
              "--broker",
              gone.uri(),
              "--master-secret",
              MASTER,
              "--filter",
              "gone/#",
              "--duration",
              "60");
    }
    long t0 = System.nanoTime();
    assertEquals(2, probe.exitCode(), probe.toString());
    assertTrue(System.nanoTime() - t0 < 30e9, "ended when the connection dropped, not at 60 s");
    assertTrue(probe.err.toString().contains("incomplete: the "), probe.toString());
  }

  @Test
  void publishUsageErrorsExit2() throws Exception {
    Background wild = publish("a/+/b", "--message", "x");
    assertEquals(2, wild.exitCode());
    assertTrue(wild.err.toString().contains("not a topic name"), wild.toString());
    Background sid = publish("a/b", "--message", "x", "--sid", "01");
    assertEquals(2, sid.exitCode());
    assertTrue(sid.err.toString().contains("--sid needs --seq-file"), sid.toString());
    Background unreachable =
        Background.run(
            "publish",
            "--broker",
            "tcp://127.0.0.1:" + MosquittoProcess.freePort(),
            "--master-secret",
            MASTER,
            "--topic",
            "a/b",
            "--message",
            "x");
    assertEquals(2, unreachable.exitCode());
    assertTrue(unreachable.err.toString().contains("cannot connect"), unreachable.toString());
  }
}
