package io.coseiot.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.interop.DeviceBuild;
import io.coseiot.interop.Outcome;
import io.coseiot.interop.Outcome.Verdict;
import io.coseiot.interop.PyCoseEnvironment;
import io.coseiot.mqtt.codec.MqttVersion;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The round trips of {@code cose-tck run} through the embedded broker, and their failure path. */
@Tag("interop")
class MqttRoundTripsTest {
  private static EmbeddedBroker broker;
  private static final DeviceBuild DEVICE = new DeviceBuild(Path.of("../interop/device-peer"));

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
