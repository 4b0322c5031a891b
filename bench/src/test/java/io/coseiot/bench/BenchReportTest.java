package io.coseiot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchReportTest {
  private static MqttResult run(String payload, double rate, double cpu) {
    return new MqttResult("paho", payload, 1, 1, 64, 100, 100, rate, 1, 2, 5, 64, cpu);
  }

  @Test
  void aSealedMqttTargetSaysWhatThePropertiesAloneAndTheCpuTimeShow() {
    List<MqttResult> mqtt =
        List.of(
            run("plaintext", 1000, 20),
            run(MqttResult.PLAINTEXT_WITH_PROPERTIES, 950, 21),
            run("sealed", 850, 25));
    List<BenchReport.Target> targets = BenchReport.targets(List.of(), List.of(), mqtt);
    assertEquals(1, targets.size());
    BenchReport.Target t = targets.get(0);
    assertEquals(0.85, t.measured(), 1e-9);
    assertFalse(t.met());
    assertEquals(
        "CPU per message 20.0 us plaintext, 25.0 sealed (0.80); plaintext with the same MQTT v5"
            + " properties: 0.95 of plaintext",
        t.context());
  }

  @Test
  void aSealedMqttTargetWithoutAPropertiesRunGivesTheCpuTimeAlone() {
    List<BenchReport.Target> targets =
        BenchReport.targets(
            List.of(), List.of(), List.of(run("plaintext", 1000, 20), run("sealed", 950, 21)));
    assertTrue(targets.get(0).met());
    assertEquals("CPU per message 20.0 us plaintext, 21.0 sealed (0.95)", targets.get(0).context());
  }

  private static Result open(double error) {
    return new Result(
        Result.LIBRARY,
        "Encrypt0",
        "open",
        "A128GCM",
        "JDK",
        64,
        800,
        error,
        1600,
        800,
        1000,
        1160,
        800);
  }

  @Test
  void aJmhTargetCarriesItsErrorAndNothingWhereJmhGaveNone() {
    List<BenchReport.Target> withError =
        BenchReport.targets(List.of(open(80)), List.of(), List.of());
    assertEquals(1, withError.size());
    assertEquals(0.8, withError.get(0).measured(), 1e-9);
    assertEquals("JMH error of this figure +-10 %", withError.get(0).context());
    List<BenchReport.Target> without =
        BenchReport.targets(List.of(open(Double.NaN)), List.of(), List.of());
    assertEquals("", without.get(0).context());
  }

  @Test
  void aFigureNextToItsBoundShowsWhichSideItIsOn() {
    assertEquals("0.8996", BenchReport.figure(new BenchReport.Target("t", 0.89961, 0.9, true, "")));
    assertEquals("0.85", BenchReport.figure(new BenchReport.Target("t", 0.8512, 0.9, true, "")));
    assertEquals("1,263", BenchReport.figure(new BenchReport.Target("t", 1263, 1536, false, "")));
  }
}
