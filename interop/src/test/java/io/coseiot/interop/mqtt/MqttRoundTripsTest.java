package io.coseiot.interop.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.interop.CoseJavaPeer;
import io.coseiot.interop.DeviceBuild;
import io.coseiot.interop.Outcome;
import io.coseiot.interop.Outcome.Verdict;
import io.coseiot.interop.PyCoseEnvironment;
import io.coseiot.interop.broker.EmbeddedBroker;
import io.coseiot.mqtt.codec.MqttVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The round trips of {@code cose-tck run} through the embedded broker, and their failure path. */
@Tag("interop")
class MqttRoundTripsTest {
  private static EmbeddedBroker broker;
  private static final DeviceBuild DEVICE = new DeviceBuild(Path.of("../device"));

  @BeforeAll
  static void start() throws Exception {
    broker = EmbeddedBroker.start();
  }

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  private static List<Outcome> run(MqttRoundTrips.Trip t) throws Exception {
    return MqttRoundTrips.run(t, "127.0.0.1", broker.port());
  }

  private static void allPass(List<Outcome> results) {
    assertEquals(2 * MqttRoundTrips.MESSAGES, results.size());
    for (Outcome o : results) {
      assertEquals(Verdict.PASS, o.verdict(), o.vector() + " " + o.direction() + ": " + o.detail());
    }
  }

  private static List<String> device() throws Exception {
    String why = DEVICE.unavailableReason();
    assumeTrue(why == null, "C device peer unavailable: " + why);
    return List.of(DEVICE.mqttDevice().toString());
  }

  @Test
  void deviceOverMqtt5() throws Exception {
    allPass(
        run(
            new MqttRoundTrips.Trip(
                "mqtt-v5",
                "device",
                device(),
                MqttVersion.V5,
                Algorithm.A128GCM,
                "01",
                new byte[] {0x0a})));
  }

  @Test
  void deviceOverMqtt311() throws Exception {
    allPass(
        run(
            new MqttRoundTrips.Trip(
                "mqtt-3.1.1",
                "device",
                device(),
                MqttVersion.V3_1_1,
                Algorithm.AES_CCM_16_64_128,
                null,
                new byte[] {0x0b})));
  }

  @Test
  void pycoseOverMqtt5() throws Exception {
    PyCoseEnvironment env = PyCoseEnvironment.standard();
    String why = env.unavailableReason();
    assumeTrue(why == null, "pyCOSE unavailable: " + why);
    allPass(
        run(
            new MqttRoundTrips.Trip(
                "mqtt-v5",
                "pycose",
                env.mqttCommand(),
                MqttVersion.V5,
                Algorithm.A128GCM,
                "02",
                null)));
  }

  @Test
  void coseJavaOverMqtt5() throws Exception {
    // Maven runs the tests in tck/: COSE-JAVA's jars are where the interop build copies them.
    Path lib = Path.of("../interop/target/cose-java-lib");
    if (System.getProperty("cose.java.lib") == null && Files.isDirectory(lib)) {
      System.setProperty("cose.java.lib", lib.toString());
    }
    try (CoseJavaPeer probe = CoseJavaPeer.load()) {
      assertEquals("cose-java", probe.name());
    } catch (IOException e) {
      assumeTrue(false, "COSE-JAVA unavailable: " + e.getMessage());
    }
    long t0 = System.nanoTime();
    allPass(
        run(
            new MqttRoundTrips.Trip(
                "mqtt-v5",
                "cose-java",
                List.of(CoseJavaMqttPeer.COMMAND),
                MqttVersion.V5,
                Algorithm.A128GCM,
                null,
                null)));
    assertTrue(System.nanoTime() - t0 < 15e9, "fast: no timeout was waited out");
  }

  /** The in-JVM peer fails like a program: refused options lose every message, promptly. */
  @Test
  void aCoseJavaPeerThatRefusesItsOptionsLosesEveryMessage() throws Exception {
    long t0 = System.nanoTime();
    List<Outcome> results =
        run(
            new MqttRoundTrips.Trip(
                "mqtt-v5",
                "cose-java",
                List.of(CoseJavaMqttPeer.COMMAND),
                MqttVersion.V5,
                Algorithm.A128GCM,
                "01",
                null));
    assertEquals(2 * MqttRoundTrips.MESSAGES, results.size());
    for (Outcome o : results) {
      assertEquals(Verdict.FAIL, o.verdict(), o.vector());
      assertTrue(o.detail().contains("usage"), o.detail());
    }
    assertTrue(System.nanoTime() - t0 < 15e9, "bounded by the timeouts");
  }

  /** The test peer's HKDF and CBOR, checked against the worked example of the profile (§10). */
  @Test
  void coseJavaPeerDerivesTheWorkedExample() throws Exception {
    byte[] master =
        HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    byte[] info =
        CoseJavaMqttPeer.Cbor.array(
            CoseJavaMqttPeer.Cbor.tstr("cose-iot-mqtt/1"),
            CoseJavaMqttPeer.Cbor.tstr("sensors/+/temperature"),
            CoseJavaMqttPeer.Cbor.uint(1),
            CoseJavaMqttPeer.Cbor.uint(7),
            CoseJavaMqttPeer.Cbor.tstr("Key"),
            CoseJavaMqttPeer.Cbor.uint(16));
    assertEquals(
        "866f636f73652d696f742d6d7174742f317573656e736f72732f2b2f74656d706572617475726501076"
            + "34b657910",
        HexFormat.of().formatHex(info));
    assertEquals(
        "aeff1ba9fcbda087f7eed6f5a6c559d3",
        HexFormat.of().formatHex(CoseJavaMqttPeer.hkdfSha256(new byte[32], master, info, 16)));
  }

  /** A peer that never gets going loses every message: each is a failure, none hangs the run. */
  @Test
  void aPeerThatFailsLosesEveryMessage() throws Exception {
    long t0 = System.nanoTime();
    List<Outcome> results =
        run(
            new MqttRoundTrips.Trip(
                "mqtt-v5", "device", device(), MqttVersion.V5, Algorithm.A128GCM, "not-hex", null));
    assertEquals(2 * MqttRoundTrips.MESSAGES, results.size());
    for (Outcome o : results) {
      assertEquals(Verdict.FAIL, o.verdict(), o.vector());
      assertTrue(o.detail().contains("usage"), o.detail());
    }
    assertTrue(System.nanoTime() - t0 < 30e9, "bounded by the timeouts");
  }
}
