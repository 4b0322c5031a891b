package io.coseiot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchMarkdownTest {
  private static final Map<String, Object> MACHINE =
      Map.of("nproc", 2, "cpu", "Test CPU", "jdk", "OpenJDK 17", "os", "Linux amd64");

  private static Result lib(String op, int size, double ops, double bare) {
    return new Result(
        Result.LIBRARY,
        "Encrypt0",
        op,
        "A128GCM",
        Fixtures.JDK,
        size,
        ops,
        ops / 10,
        1273,
        Double.NaN,
        bare,
        1048,
        Double.NaN);
  }

  private static Result other(String impl, String op, double ops, double bare, double library) {
    return new Result(
        impl,
        "Encrypt0",
        op,
        "A128GCM",
        "OpenSSL",
        64,
        ops,
        Double.NaN,
        Double.NaN,
        ops,
        bare,
        Double.NaN,
        library);
  }

  private static BenchMarkdown.Header header(boolean quick, int[] sizes) {
    return new BenchMarkdown.Header(
        Instant.parse("2026-12-04T19:05:42Z"),
        MACHINE,
        0.25,
        0.5,
        new BenchRunner.Settings(quick, sizes, null, Path.of("target")),
        "warm-up and runs",
        1745);
  }

  private static final List<Result> RESULTS =
      List.of(
          lib("open", 64, 800, 1000),
          lib("seal", 64, 900, 1000),
          lib("seal", 1024, 500, 1000),
          other(Result.COSE_JAVA, "seal", 100, 1000, 900),
          other(Result.DEVICE, "seal", 500, 1000, 900));

  private static final List<MqttResult> MQTT =
      List.of(
          new MqttResult("paho", "plaintext", 1, 1, 64, 20000, 20000, 1000, 10, 20, 9, 64, 40),
          new MqttResult("paho", "sealed", 1, 1, 64, 20000, 19999, 850, 12, 30, 9, 113, 45));

  private static String render(BenchMarkdown.Header h) {
    return BenchMarkdown.render(
        h, RESULTS, List.of(), MQTT, "", BenchReport.targets(RESULTS, List.of(), MQTT));
  }

  @Test
  void theHeaderStatesWhenWhereAndUnderWhatLoad() {
    String md = render(header(false, Fixtures.SIZES));
    assertTrue(
        md.startsWith("# Benchmarks\n\nWritten by `./cose-tck bench` on 2026-12-04 19:05 UTC"));
    assertTrue(md.contains("- machine: 2 cores, Test CPU\n- JDK: OpenJDK 17, Linux amd64\n"));
    assertTrue(md.contains("0.25 at the start, 0.50 at the end"));
    assertTrue(md.contains("- payload sizes: 16, 64, 256, 1024, 16384\n"));
    assertTrue(md.contains("- MQTT: warm-up and runs\n- wall time: 1745 s\n"));
  }

  @Test
  void aLoadAboveTheCoresIsCalledOutOnlyThen() {
    assertFalse(render(header(false, Fixtures.SIZES)).contains(BenchMarkdown.OVERLOADED));
    BenchMarkdown.Header loaded =
        new BenchMarkdown.Header(
            Instant.EPOCH,
            MACHINE,
            0.4,
            11.2,
            new BenchRunner.Settings(false, Fixtures.SIZES, null, Path.of("target")),
            null,
            1);
    assertTrue(render(loaded).contains(BenchMarkdown.OVERLOADED));
  }

  @Test
  void aRunWithFewerSizesOrQuickSaysSo() {
    String md = render(header(true, new int[] {64, 1024}));
    assertTrue(md.contains("`./cose-tck bench --quick`"));
    assertTrue(
        md.contains(
            "- payload sizes: 64, 1024 (fewer than a default full run's 16, 64, 256, 1024,"
                + " 16384)\n"));
  }

  @Test
  void everyLibraryFigureIsARowWithItsBareFigureAndRatio() {
    String md = render(header(false, Fixtures.SIZES));
    assertTrue(
        md.contains(
            "| Encrypt0 | seal (random IV) | A128GCM | JDK | 64 | 900 | 10.0 | 1,273 | 1,000 |"
                + " 1,048 | 0.90 |\n"));
    assertTrue(md.contains("| Encrypt0 | open | A128GCM | JDK | 64 | 800 | 10.0 |"));
  }

  @Test
  void theSizeTablePairsEachOtherImplementationWithTheSameOperation() {
    String md = render(header(false, Fixtures.SIZES));
    assertTrue(
        md.contains("| seal | 64 | 1,000 | 900 (0.90) | 100 (9.0x) | - | 500 (0.50) | - |\n"));
    assertTrue(md.contains("| seal | 1024 | 1,000 | 500 (0.50) | - | - | - | - |\n"));
    assertTrue(md.contains("| open | 64 | 1,000 | 800 (0.80) | - | - | - | - |\n"));
  }

  @Test
  void mqttRowsCarryTheirRatioToPlaintextAndTargetsSayMetOrMissed() {
    String md = render(header(false, Fixtures.SIZES));
    assertTrue(
        md.contains(
            "| paho | sealed | 1/1 | 64 | 113 | 850 | 12 | 30 | 45.0 | 19,999/20,000 | 0.85 |\n"));
    assertTrue(
        md.contains(
            "| MQTT paho QoS 1/1 64 B: sealed / plaintext throughput | 0.85 | ≥ 0.9 | **missed** |"));
    assertTrue(
        md.contains(
            "| Encrypt0 seal A128GCM JDK 64 B: ratio to bare AES-GCM | 0.90 | ≥ 0.6 | met |"));
    assertTrue(
        md.contains("| Encrypt0 seal A128GCM JDK 64 B: bytes allocated | 1,273 | ≤ 1,536 | met |"));
  }

  @Test
  void sectionsWithoutFiguresAreLeftOut() {
    String md =
        BenchMarkdown.render(
            header(false, Fixtures.SIZES), List.of(), List.of(), List.of(), "", List.of());
    assertFalse(md.contains("## MQTT"));
    assertFalse(md.contains("## Other implementations"));
    assertTrue(md.contains("## Targets"));
  }

  @Test
  void writeMakesTheFolderAndTheFileHoldsTheRendering(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("docs").resolve("benchmarks.md");
    BenchMarkdown.Header h = header(false, Fixtures.SIZES);
    BenchMarkdown.write(
        file, h, RESULTS, List.of(), MQTT, "", BenchReport.targets(RESULTS, List.of(), MQTT));
    assertEquals(render(h), Files.readString(file));
  }
}
