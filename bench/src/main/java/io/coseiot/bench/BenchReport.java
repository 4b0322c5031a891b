package io.coseiot.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints the benchmark table and the targets, and writes both with the machine as JSON. */
public final class BenchReport {
  /**
   * One target of the issue, checked on the run's own figures.
   *
   * @param name what is measured
   * @param measured the figure
   * @param limit the bound
   * @param atLeast whether the figure must reach the bound (else stay at or under it)
   */
  public record Target(String name, double measured, double limit, boolean atLeast) {
    /**
     * Returns whether the figure meets the bound.
     *
     * @return true if met
     */
    public boolean met() {
      return atLeast ? measured >= limit : measured <= limit;
    }
  }

  private BenchReport() {}

  /**
   * Prints one line per benchmark: library rows with their bare figures and ratio, then the bare
   * rows.
   *
   * @param results the results
   * @param out where to print
   */
  public static void printTable(List<Result> results, PrintStream out) {
    String fmt = "%-8s %-11s %-17s %-4s %6s %12s %6s %9s %12s %9s %6s%n";
    out.printf(
        fmt,
        "message",
        "op",
        "alg",
        "prov",
        "bytes",
        "ops/s",
        "err%",
        "B/op",
        "bare ops/s",
        "bare B/op",
        "ratio");
    for (Result r : results) {
      if (r.isBare()) {
        continue;
      }
      out.printf(
          fmt,
          r.message(),
          r.op(),
          r.alg(),
          r.provider(),
          r.size(),
          num(r.opsPerSecond()),
          pct(r.error() / r.opsPerSecond()),
          num(r.bytesPerOp()),
          num(r.bareOpsPerSecond()),
          num(r.bareBytesPerOp()),
          String.format(Locale.ROOT, "%.2f", r.ratio()));
    }
  }

  /**
   * Checks the targets on the 64-byte figures that the run has.
   *
   * @param results the results
   * @param wire the wire overhead rows
   * @return the targets found, possibly empty for a filtered run
   */
  public static List<Target> targets(List<Result> results, List<WireOverhead.Row> wire) {
    List<Target> t = new ArrayList<>();
    for (Result r : results) {
      if (r.size() != 64 || r.isBare()) {
        continue;
      }
      String id = r.message() + " " + r.op() + " " + r.alg() + " " + r.provider() + " 64 B";
      if (r.message().equals("Encrypt0") && r.alg().equals("A128GCM")) {
        t.add(new Target(id + ": ratio to bare AES-GCM", r.ratio(), 0.6, true));
        if (r.op().startsWith("seal")) {
          t.add(new Target(id + ": bytes allocated", r.bytesPerOp(), 1536, false));
        }
      }
      if (r.message().equals("Sign1") && r.alg().equals("ES256")) {
        t.add(new Target(id + ": ratio to bare signature", r.ratio(), 0.95, true));
      }
    }
    for (WireOverhead.Row w : wire) {
      if (w.profile().equals(WireOverhead.DEVICE_PROFILE)) {
        t.add(
            new Target(
                "device profile overhead on 64 B",
                w.overhead()[1],
                WireOverhead.DEVICE_TARGET_BYTES,
                false));
      }
    }
    return t;
  }

  /**
   * Prints the targets, one line each.
   *
   * @param targets the targets
   * @param out where to print
   */
  public static void printTargets(List<Target> targets, PrintStream out) {
    for (Target t : targets) {
      out.printf(
          Locale.ROOT,
          "%-4s %s: %s (target %s %s)%n",
          t.met() ? "MET" : "MISS",
          t.name(),
          t.measured() < 10 ? String.format(Locale.ROOT, "%.2f", t.measured()) : num(t.measured()),
          t.atLeast() ? ">=" : "<=",
          t.limit() < 10 ? String.valueOf(t.limit()) : num(t.limit()));
    }
  }

  /**
   * Writes everything as JSON.
   *
   * @param file the file to write
   * @param settings the run's settings
   * @param results the results
   * @param wire the wire overhead rows
   * @param targets the targets
   * @throws IOException if the file cannot be written
   */
  public static void writeJson(
      Path file,
      BenchRunner.Settings settings,
      List<Result> results,
      List<WireOverhead.Row> wire,
      List<Target> targets)
      throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("time", Instant.now().toString());
    root.put("machine", Machine.describe());
    root.put("settings", Map.of("quick", settings.quick(), "jmh", settings.describe()));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Result r : results) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("message", r.message());
      m.put("op", r.op());
      m.put("alg", r.alg());
      m.put("provider", r.provider());
      m.put("payloadBytes", r.size());
      m.put("opsPerSecond", finite(r.opsPerSecond()));
      m.put("opsPerSecondError", finite(r.error()));
      m.put("bytesPerOp", finite(r.bytesPerOp()));
      m.put("bareOpsPerSecond", finite(r.bareOpsPerSecond()));
      m.put("bareBytesPerOp", finite(r.bareBytesPerOp()));
      m.put("ratioToBare", finite(r.ratio()));
      rows.add(m);
    }
    root.put("results", rows);
    List<Map<String, Object>> w = new ArrayList<>();
    for (WireOverhead.Row r : wire) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("profile", r.profile());
      Map<String, Integer> o = new LinkedHashMap<>();
      for (int i = 0; i < WireOverhead.SIZES.length; i++) {
        o.put(String.valueOf(WireOverhead.SIZES[i]), r.overhead()[i]);
      }
      m.put("overheadBytesByPayload", o);
      w.add(m);
    }
    root.put("wireOverhead", w);
    root.put("targets", targets);
    Files.createDirectories(file.getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
  }

  private static Double finite(double d) {
    return Double.isFinite(d) ? d : null;
  }

  private static String num(double d) {
    return Double.isFinite(d) ? String.format(Locale.ROOT, "%,.0f", d) : "-";
  }

  private static String pct(double d) {
    return Double.isFinite(d) ? String.format(Locale.ROOT, "%.1f", 100 * d) : "-";
  }
}
