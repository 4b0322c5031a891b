package io.coseiot.tck.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coseiot.interop.DeviceBuild;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code cose-tck probe} against the C device ({@code device_mqtt}) on a Mosquitto process: good
 * traffic conforms, each deliberate fault is caught by its requirement id, a broker that is not
 * there is a setup error.
 */
@Tag("mqtt")
@Tag("interop")
class ProbeDeviceTest {
  static final String MASTER = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
  static final String FILTER = "probe/+/telemetry";
  private static final DeviceBuild DEVICE = new DeviceBuild(Path.of("../device"));
  private static MosquittoProcess broker;
  private static int devices;

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

  /** What a probe run left: its exit code, text and JSON report. */
  record Run(int code, String text, JsonNode json, String junit, String device) {
    TreeSet<String> violated() {
      TreeSet<String> ids = new TreeSet<>();
      json.get("findings").forEach(f -> ids.add(f.get("id").asText()));
      return ids;
    }

    String status(String id) {
      for (JsonNode r : json.get("requirements")) {
        if (r.get("id").asText().equals(id)) {
          return r.get("status").asText();
        }
      }
      throw new AssertionError("no requirement " + id + " in " + json);
    }
  }

  /**
   * Starts the probe on this device's topics, then the device with its flags; waits for both.
   *
   * @param deviceArgs the device's extra flags
   * @param probeArgs the probe's extra flags
   */
  static Run probe(List<String> deviceArgs, String... probeArgs) throws Exception {
    String device = "dev" + (++devices);
    Path json = dir.resolve(device + ".json");
    Path junit = dir.resolve(device + ".xml");
    List<String> args =
        new ArrayList<>(
            List.of(
                "probe",
                "--broker",
                broker.uri(),
                "--master-secret",
                MASTER,
                "--filter",
                FILTER,
                "--duration",
                "30",
                "--json",
                json.toString(),
                "--junit",
                junit.toString()));
    args.addAll(List.of(probeArgs));
    Background probe = Background.startAndAwait("subscribed to", args.toArray(String[]::new));
    String why = DEVICE.unavailableReason();
    assumeTrue(why == null, "C device unavailable: " + why);
    List<String> cmd =
        new ArrayList<>(
            List.of(
                DEVICE.mqttDevice().toString(),
                "--port",
                String.valueOf(broker.port()),
                "--master",
                MASTER,
                "--filter",
                FILTER,
                "--telemetry",
                "probe/" + device + "/telemetry",
                "--commands",
                "probe/" + device + "/commands",
                "--wait",
                "20"));
    cmd.addAll(deviceArgs.stream().map(a -> a.replace("DEVICE", device)).toList());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    int code = probe.exitCode();
    String out;
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    return new Run(code, probe.toString(), report, Files.readString(junit), out);
  }

  @Test
  void goodCounterModeTrafficConforms() throws Exception {
    Run r = probe(List.of("--sid", "01", "--count", "4"), "--messages", "4");
    assertEquals(0, r.code(), r.text() + r.device());
    assertEquals(new TreeSet<>(), r.violated(), r.text());
    assertEquals(4, r.json().get("messages").asInt());
    for (String id :
        List.of("R1.1", "R2.1", "R3.1", "R4.1", "R4.2", "R4.3", "R6.2", "R7.1", "R7.3", "R7.4")) {
      assertEquals("PASS", r.status(id), id + ": " + r.text());
    }
    assertEquals("SKIP", r.status("R5.1"), r.text());
    assertTrue(r.text().contains("CONFORMS: 4 message(s)"), r.text());
    assertTrue(r.junit().contains("failures=\"0\""), r.junit());
    assertTrue(
        r.junit().contains("<skipped message=\"receive path not tested: --commands not given\"/>"),
        r.junit());
  }

  @Test
  void goodRandomIvTrafficOverMqtt311Conforms() throws Exception {
    Run r =
        probe(
            List.of("--mqtt", "3", "--alg", "10", "--count", "3"),
            "--messages",
            "3",
            "--mqtt",
            "3.1.1");
    assertEquals(0, r.code(), r.text() + r.device());
    assertEquals("PASS", r.status("R5.1"), r.text());
    assertEquals("PASS", r.status("R7.1"), r.text());
    assertEquals("SKIP", r.status("R4.3"), r.text());
    assertEquals("SKIP", r.status("R7.3"), r.text());
  }

  @ParameterizedTest(name = "{0} is caught as {1}")
  @CsvSource({
    "nonce-reuse, R7.1, NONCE REUSE",
    "replay, R7.4, identical to message #3",
    "topic-move, R2.1, 'moved: sealed for topic probe/DEVICE/telemetry'",
    "wrong-kid-property, R4.3, differs from the COSE kid",
    "no-content-type, R4.1, no Content Type"
  })
  void eachFaultIsCaughtByItsRequirement(String fault, String id, String detail) throws Exception {
    List<String> device = new ArrayList<>(List.of("--sid", "01", "--count", "3", "--fault", fault));
    int expected = 3;
    if (fault.equals("topic-move")) {
      device.addAll(List.of("--move-to", "probe/elsewhere-DEVICE/telemetry"));
    }
    if (List.of("nonce-reuse", "replay", "topic-move").contains(fault)) {
      expected = 4; // one faulty message after the three good ones
    }
    Run r = probe(device, "--messages", String.valueOf(expected));
    assertEquals(1, r.code(), r.text() + r.device());
    assertEquals(new TreeSet<>(List.of(id)), r.violated(), r.text());
    String want = detail.replace("DEVICE", "dev" + devices);
    assertTrue(r.text().contains(want), want + " in " + r.text());
    assertEquals("FAIL", r.status(id), r.text());
    assertTrue(r.junit().contains("failures=\"1\""), r.junit());
    if (fault.equals("nonce-reuse")) {
      assertTrue(r.text().contains("CRITICAL R7.1"), r.text());
      assertEquals("critical", r.json().get("findings").get(0).get("severity").asText());
    }
  }

  @Test
  void aDeviceThatEchoesPassesTheReceivePath() throws Exception {
    Run r =
        probe(
            List.of("--sid", "02", "--count", "1", "--echo", "--expect", "3"),
            "--messages",
            "4",
            "--commands",
            "probe/dev" + (devices + 1) + "/commands");
    assertEquals(0, r.code(), r.text() + r.device());
    for (String id : List.of("R7.5", "R9.2", "R12.1")) {
      assertEquals("PASS", r.status(id), id + ": " + r.text());
    }
    // The device saw the replay and the forgery and refused both.
    assertTrue(
        r.device().contains("rejected probe/dev" + devices + "/commands replayed"), r.device());
    assertTrue(r.device().contains("authentication failed"), r.device());
  }

  @Test
  void aDeviceRefusesARandomIvReplayThroughItsKidIvMemory() throws Exception {
    // Random-IV commands: only the device's (kid, IV) memory (R7.7) can catch the replay.
    Run r =
        probe(
            List.of("--sid", "04", "--count", "1", "--echo", "--expect", "3"),
            "--messages",
            "4",
            "--commands",
            "probe/dev" + (devices + 1) + "/commands",
            "--commands-nonces",
            "random");
    assertEquals(0, r.code(), r.text() + r.device());
    assertEquals("PASS", r.status("R7.5"), r.text());
    assertTrue(r.device().contains("replayed message"), r.device());
  }

  @Test
  void aDeviceThatDoesNotEchoFailsTheReceivePath() throws Exception {
    Run r =
        probe(
            List.of("--sid", "03", "--count", "1"),
            "--messages",
            "1",
            "--echo-timeout",
            "1",
            "--commands",
            "probe/dev" + (devices + 1) + "/commands");
    assertEquals(1, r.code(), r.text() + r.device());
    assertEquals(new TreeSet<>(List.of("R12.1")), r.violated(), r.text());
    assertEquals("SKIP", r.status("R7.5"), r.text());
  }

  @Test
  void anUnreachableBrokerIsASetupError() throws Exception {
    int port = MosquittoProcess.freePort();
    Background b =
        Background.run(
            "probe",
            "--broker",
            "tcp://127.0.0.1:" + port,
            "--master-secret",
            MASTER,
            "--filter",
            FILTER);
    assertEquals(2, b.exitCode(), b.toString());
    assertTrue(
        b.err.toString().startsWith("cose-tck probe: cannot connect to tcp://127.0.0.1:" + port),
        b.toString());
  }

  @Test
  void badKeysAndFlagsAreSetupErrors() throws Exception {
    Background shortKey =
        Background.run(
            "probe", "--broker", broker.uri(), "--master-secret", "00112233", "--filter", FILTER);
    assertEquals(2, shortKey.exitCode());
    assertTrue(shortKey.err.toString().contains("at least 16"), shortKey.toString());
    Background notHex =
        Background.run(
            "probe", "--broker", broker.uri(), "--master-secret", "xyz", "--filter", FILTER);
    assertEquals(2, notHex.exitCode());
    assertTrue(notHex.err.toString().contains("--master-secret is not hex"), notHex.toString());
    Background mqtt =
        Background.run(
            "probe",
            "--broker",
            broker.uri(),
            "--master-secret",
            MASTER,
            "--filter",
            FILTER,
            "--mqtt",
            "4");
    assertEquals(2, mqtt.exitCode());
    assertTrue(mqtt.err.toString().contains("--mqtt must be 5 or 3.1.1"), mqtt.toString());
    Background silent =
        Background.run(
            "probe",
            "--broker",
            broker.uri(),
            "--master-secret",
            MASTER,
            "--filter",
            "probe/nobody/#",
            "--duration",
            "1");
    assertEquals(2, silent.exitCode(), silent.toString());
    assertTrue(silent.err.toString().contains("nothing to check"), silent.toString());
  }
}
