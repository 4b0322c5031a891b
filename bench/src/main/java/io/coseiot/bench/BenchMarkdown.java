package io.coseiot.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a run's full tables and targets as Markdown, so that {@code docs/benchmarks.md} is the
 * output of {@code cose-tck bench} and never edited by hand.
 */
public final class BenchMarkdown {
  /**
   * What the figures were taken on and with, for the file's header.
   *
   * @param time when the run ended
   * @param machine {@link Machine#describe()}
   * @param loadAtStart the one-minute load average when the run started
   * @param loadAtEnd the same when it ended: other work on the machine during the run
   * @param settings the JMH settings
   * @param mqttSettings what the MQTT runs were, or null if none ran
   * @param wallSeconds how long the whole run took
   */
  public record Header(
      Instant time,
      Map<String, Object> machine,
      double loadAtStart,
      double loadAtEnd,
      BenchRunner.Settings settings,
      String mqttSettings,
      double wallSeconds) {}

  /** The implementations compared with this library, in the order of the size table's columns. */
  private static final List<String> OTHERS =
      List.of(Result.COSE_JAVA, Result.PYCOSE, Result.DEVICE, Result.DEVICE_MBEDTLS2);

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private BenchMarkdown() {}

  /**
   * Writes the Markdown file.
   *
   * @param file where
   * @param header the run's header
   * @param results the results
   * @param wire the wire overhead rows
   * @param mqtt the MQTT runs, possibly empty
   * @param group the shared-subscription section ({@link GroupBench#markdown}), possibly empty
   * @param targets the targets
   * @throws IOException if the file cannot be written
   */
  public static void write(
      Path file,
      Header header,
      List<Result> results,
      List<WireOverhead.Row> wire,
      List<MqttResult> mqtt,
      String group,
      List<BenchReport.Target> targets)
      throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(
        file, render(header, results, wire, mqtt, group, targets), StandardCharsets.UTF_8);
  }

  /**
   * Renders the file: header, the library against the bare primitives, Encrypt0 A128GCM across
   * sizes, the other implementations, the IV sources, MQTT, the shared-subscription group, the wire
   * overhead and the targets.
   *
   * @param header the run's header
   * @param results the results
   * @param wire the wire overhead rows
   * @param mqtt the MQTT runs, possibly empty
   * @param group the shared-subscription section ({@link GroupBench#markdown}), possibly empty
   * @param targets the targets
   * @return the Markdown text
   */
  public static String render(
      Header header,
      List<Result> results,
      List<WireOverhead.Row> wire,
      List<MqttResult> mqtt,
      String group,
      List<BenchReport.Target> targets) {
    StringBuilder sb = new StringBuilder();
    header(sb, header);
    library(sb, results);
    acrossSizes(sb, results);
    others(sb, results);
    randomIv(sb, results);
    mqtt(sb, mqtt);
    sb.append(group);
    sb.append("\n## Wire overhead\n\n")
        .append("Encoded message minus payload, in bytes, by payload size:\n\n")
        .append(WireOverhead.markdown(wire));
    targets(sb, targets);
    return sb.toString();
  }

  private static void header(StringBuilder sb, Header h) {
    BenchRunner.Settings s = h.settings();
    Map<String, Object> m = h.machine();
    sb.append("# Benchmarks\n\n")
        .append("Written by `./cose-tck bench")
        .append(s.quick() ? " --quick" : "")
        .append("` on ")
        .append(WHEN.format(h.time()))
        .append("; not edited by hand (run it again instead). How the figures are taken and what")
        .append(" the misses are: `docs/benchmark-notes.md`.\n\n")
        .append(
            String.format(Locale.ROOT, "- machine: %s cores, %s\n", m.get("nproc"), m.get("cpu")))
        .append("- JDK: ")
        .append(m.get("jdk"))
        .append(", ")
        .append(m.get("os"))
        .append('\n')
        .append(
            String.format(
                Locale.ROOT,
                "- load average (1 min, /proc/loadavg): %s at the start, %s at the end; above"
                    + " 0.5 other work shared the cores\n",
                load(h.loadAtStart()),
                load(h.loadAtEnd())))
        .append(overloaded(h) ? OVERLOADED : "")
        .append("- JMH: ")
        .append(s.describe())
        .append('\n')
        .append("- payload sizes: ")
        .append(sizes(s.sizes()));
    if (!Arrays.equals(s.sizes(), Fixtures.SIZES)) {
      sb.append(" (fewer than a default full run's ").append(sizes(Fixtures.SIZES)).append(')');
    }
    sb.append('\n');
    if (s.only() != null) {
      sb.append("- only benchmarks matching `").append(s.only()).append("`\n");
    }
    sb.append("- MQTT: ")
        .append(h.mqttSettings() == null ? "not run" : h.mqttSettings())
        .append('\n')
        .append(String.format(Locale.ROOT, "- wall time: %.0f s\n", h.wallSeconds()));
  }

  /** Said when other work outnumbered the cores: then even same-run ratios are mostly noise. */
  static final String OVERLOADED =
      "- **more runnable work than cores during the run: these figures, ratios included, are"
          + " dominated by the other work; run again on an idle machine before quoting them**\n";

  private static boolean overloaded(Header h) {
    double cores = ((Number) h.machine().getOrDefault("nproc", 1)).doubleValue();
    return Math.max(h.loadAtStart(), h.loadAtEnd()) > cores;
  }

  private static void library(StringBuilder sb, List<Result> results) {
    sb.append("\n## This library against the bare primitive\n\n")
        .append("Same bytes, same run; err = JMH 99.9 % half-width; B/op = bytes allocated.\n\n")
        .append("| message | op | alg | provider | bytes | ops/s | err % | B/op | bare ops/s |")
        .append(" bare B/op | ratio |\n")
        .append("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Result r : results) {
      if (r.isBare() || !r.isLibrary() || r.message().equals("IV")) {
        continue;
      }
      row(
          sb,
          r.message(),
          opLabel(r),
          r.alg(),
          r.provider(),
          String.valueOf(r.size()),
          BenchReport.num(r.opsPerSecond()),
          BenchReport.pct(r.error() / r.opsPerSecond()),
          BenchReport.num(r.bytesPerOp()),
          BenchReport.num(r.bareOpsPerSecond()),
          BenchReport.num(r.bareBytesPerOp()),
          ratio(r.ratio()));
    }
  }

  private static void acrossSizes(StringBuilder sb, List<Result> results) {
    sb.append("\n## Encrypt0 A128GCM across sizes\n\n")
        .append("JDK provider, ops/s; in brackets the ratio to bare AES-GCM for cose-iot and the")
        .append(" device, and cose-iot's speed-up over COSE-JAVA and pyCOSE.\n\n")
        .append("| op | bytes | bare AES-GCM | cose-iot |");
    for (String o : OTHERS) {
      sb.append(' ').append(o).append(" |");
    }
    sb.append("\n|---|---:|---:|---:|").append("---:|".repeat(OTHERS.size())).append('\n');
    for (String op : List.of("seal", "open")) {
      for (Result lib : results) {
        if (!lib.isLibrary()
            || !lib.message().equals("Encrypt0")
            || !lib.alg().equals("A128GCM")
            || !Fixtures.JDK.equals(lib.provider())
            || !lib.op().equals(op)) {
          continue;
        }
        sb.append("| ")
            .append(op)
            .append(" | ")
            .append(lib.size())
            .append(" | ")
            .append(BenchReport.num(lib.bareOpsPerSecond()))
            .append(" | ")
            .append(BenchReport.num(lib.opsPerSecond()))
            .append(" (")
            .append(ratio(lib.ratio()))
            .append(") |");
        for (String impl : OTHERS) {
          sb.append(' ').append(otherCell(results, impl, lib)).append(" |");
        }
        sb.append('\n');
      }
    }
  }

  private static String otherCell(List<Result> results, String impl, Result lib) {
    for (Result r : results) {
      if (r.impl().equals(impl)
          && r.message().equals(lib.message())
          && r.op().equals(lib.op())
          && r.alg().equals(lib.alg())
          && r.size() == lib.size()) {
        boolean device = impl.startsWith(Result.DEVICE);
        return BenchReport.num(r.opsPerSecond())
            + " ("
            + (device ? ratio(r.ratio()) : String.format(Locale.ROOT, "%.1fx", r.libraryRatio()))
            + ")";
      }
    }
    return "-";
  }

  private static void others(StringBuilder sb, List<Result> results) {
    List<Result> others = results.stream().filter(r -> !r.isLibrary()).toList();
    if (others.isEmpty()) {
      return;
    }
    sb.append("\n## Other implementations\n\n")
        .append("COSE-JAVA in the same JMH run; pyCOSE and the device timed inside their own")
        .append(" processes (no IPC in the timing), cpu ops/s from the process's own CPU time;")
        .append(
            " ratio is to the JVM's bare primitive; cose-iot x = cose-iot ops/s over theirs.\n\n")
        .append("| implementation | message | op | alg | bytes | ops/s | err % | cpu ops/s |")
        .append(" ratio to bare | cose-iot x |\n")
        .append("|---|---|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (Result r : others) {
      row(
          sb,
          r.impl(),
          r.message(),
          r.op(),
          r.alg(),
          String.valueOf(r.size()),
          BenchReport.num(r.opsPerSecond()),
          BenchReport.pct(r.error() / r.opsPerSecond()),
          BenchReport.num(r.cpuOpsPerSecond()),
          Double.isFinite(r.ratio()) ? String.format(Locale.ROOT, "%.3f", r.ratio()) : "-",
          Double.isFinite(r.libraryRatio())
              ? String.format(Locale.ROOT, "%.1f", r.libraryRatio())
              : "-");
    }
  }

  private static void randomIv(StringBuilder sb, List<Result> results) {
    List<Result> ivs = results.stream().filter(r -> r.message().equals("IV")).toList();
    if (ivs.isEmpty()) {
      return;
    }
    sb.append("\n## One random IV\n\n")
        .append("The 64-byte seal with each source is in the first table (NativePRNG row).\n\n")
        .append("| IV | source | ops/s | ns each |\n|---|---|---:|---:|\n");
    for (Result r : ivs) {
      row(
          sb,
          r.alg(),
          r.op(),
          BenchReport.num(r.opsPerSecond()),
          String.format(Locale.ROOT, "%.0f", 1e9 / r.opsPerSecond()));
    }
  }

  private static void mqtt(StringBuilder sb, List<MqttResult> mqtt) {
    if (mqtt.isEmpty()) {
      return;
    }
    sb.append("\n## MQTT\n\n")
        .append("Publisher and subscriber in one process through the broker on loopback; QoS of")
        .append(" publish/subscription; wire = payload bytes through the broker; plaintext+props =")
        .append(" plaintext with the sealed messages' MQTT v5 properties; CPU = the whole")
        .append(" process's CPU time per delivered message; medians over runs.\n\n")
        .append("| client | payload | QoS | bytes | wire | msg/s | p50 µs | p99 µs | CPU µs/msg |")
        .append(" delivered | vs plaintext |\n")
        .append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (MqttResult m : mqtt) {
      row(
          sb,
          m.client(),
          m.payload(),
          m.qos() + "/" + m.subscriptionQos(),
          String.valueOf(m.size()),
          String.valueOf(m.wireBytes()),
          BenchReport.num(m.messagesPerSecond()),
          BenchReport.num(m.p50Micros()),
          BenchReport.num(m.p99Micros()),
          String.format(Locale.ROOT, "%.1f", m.cpuMicrosPerMessage()),
          String.format(Locale.ROOT, "%,d/%,d", m.received(), m.sent()),
          ratio(m.messagesPerSecond() / BenchReport.plaintextRate(mqtt, m)));
    }
  }

  private static void targets(StringBuilder sb, List<BenchReport.Target> targets) {
    sb.append("\n## Targets\n\nChecked on this run's 64-byte figures.\n\n")
        .append("| target | measured | bound | result | what else bears on it |\n")
        .append("|---|---:|---:|---|---|\n");
    for (BenchReport.Target t : targets) {
      row(
          sb,
          t.name(),
          BenchReport.figure(t),
          (t.atLeast() ? "≥ " : "≤ ")
              + (t.limit() < 10 ? String.valueOf(t.limit()) : BenchReport.num(t.limit())),
          t.met() ? "met" : "**missed**",
          t.context().isEmpty() ? "" : t.context());
    }
  }

  /** The op as the tables name it: an Encrypt0 seal says where its IV comes from. */
  private static String opLabel(Result r) {
    if (!r.message().equals("Encrypt0")) {
      return r.op();
    }
    return switch (r.op()) {
      case "seal" -> "seal (random IV)";
      case "sealCounter" -> "seal (Partial IV)";
      case "sealDefaultRandom" -> "seal (random IV, NativePRNG)";
      default -> r.op();
    };
  }

  private static void row(StringBuilder sb, String... cells) {
    sb.append("| ").append(String.join(" | ", cells)).append(" |\n");
  }

  private static String ratio(double d) {
    return Double.isFinite(d) ? String.format(Locale.ROOT, "%.2f", d) : "-";
  }

  private static String load(double d) {
    return Double.isFinite(d) ? String.format(Locale.ROOT, "%.2f", d) : "unknown";
  }

  private static String sizes(int[] s) {
    return Arrays.stream(s).mapToObj(String::valueOf).collect(Collectors.joining(", "));
  }
}
