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
   * @param context what else the run measured that bears on the figure (its JMH error; for MQTT,
   *     what the profile's properties alone and the CPU time say), empty if nothing
   */
  public record Target(
      String name, double measured, double limit, boolean atLeast, String context) {
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
    String fmt = "%-8s %-17s %-17s %-4s %6s %12s %6s %9s %12s %9s %6s%n";
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
      if (r.isBare() || !r.isLibrary() || r.message().equals("IV")) {
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
   * Prints the other implementations: their throughput, its ratio to the JVM's bare primitive and
   * how many times faster this library is, all from the same run.
   *
   * @param results the results
   * @param out where to print
   */
  public static void printOthers(List<Result> results, PrintStream out) {
    String fmt = "%-16s %-8s %-7s %-17s %6s %12s %6s %12s %12s %7s %9s%n";
    boolean header = false;
    for (Result r : results) {
      if (r.isLibrary()) {
        continue;
      }
      if (!header) {
        out.printf(
            fmt,
            "impl",
            "message",
            "op",
            "alg",
            "bytes",
            "ops/s",
            "err%",
            "cpu ops/s",
            "bare ops/s",
            "ratio",
            "cose-iot x");
        header = true;
      }
      out.printf(
          fmt,
          r.impl(),
          r.message(),
          r.op(),
          r.alg(),
          r.size(),
          num(r.opsPerSecond()),
          pct(r.error() / r.opsPerSecond()),
          num(r.cpuOpsPerSecond()),
          num(r.bareOpsPerSecond()),
          Double.isFinite(r.ratio()) ? String.format(Locale.ROOT, "%.3f", r.ratio()) : "-",
          Double.isFinite(r.libraryRatio())
              ? String.format(Locale.ROOT, "%.1f", r.libraryRatio())
              : "-");
    }
    if (header) {
      out.println(
          "(COSE-JAVA in the same JMH run; pyCOSE and device timed inside their own processes,"
              + " no IPC in the timing; cpu ops/s counts the process's own CPU time; ratio is to"
              + " the JVM's bare primitive; cose-iot x = cose-iot ops/s over theirs)");
    }
  }

  /**
   * Prints the random-IV comparison: the cost of one IV from each source, and the 64-byte A128GCM
   * seal with the old and the new source against the bare cipher.
   *
   * @param results the results
   * @param out where to print
   */
  public static void printRandom(List<Result> results, PrintStream out) {
    for (Result r : results) {
      if (r.message().equals("IV")) {
        out.printf(
            Locale.ROOT,
            "IV of %s from %-20s %12s ops/s (%s ns each)%n",
            r.alg(),
            r.op(),
            num(r.opsPerSecond()),
            String.format(Locale.ROOT, "%.0f", 1e9 / r.opsPerSecond()));
      }
    }
    for (Result r : results) {
      if (r.isLibrary()
          && r.size() == 64
          && r.alg().equals("A128GCM")
          && Fixtures.JDK.equals(r.provider())
          && (r.op().equals("seal") || r.op().equals("sealDefaultRandom"))) {
        out.printf(
            Locale.ROOT,
            "Encrypt0 A128GCM 64 B %-17s %12s ops/s = %.2f x bare AES-GCM (%s ops/s)%n",
            r.op().equals("seal") ? "seal (fastDrbg)" : "seal (NativePRNG)",
            num(r.opsPerSecond()),
            r.ratio(),
            num(r.bareOpsPerSecond()));
      }
    }
  }

  /**
   * Prints the MQTT figures and the sealed/plaintext throughput ratio of each configuration.
   *
   * @param mqtt the runs
   * @param out where to print
   */
  public static void printMqtt(List<MqttResult> mqtt, PrintStream out) {
    if (mqtt.isEmpty()) {
      return;
    }
    // Wide enough for the longest kind, "plaintext+props".
    String fmt = "%-13s %-15s %7s %6s %6s %12s %9s %9s %9s %11s %9s%n";
    out.printf(
        fmt,
        "client",
        "payload",
        "QoS p/s",
        "bytes",
        "wire",
        "msg/s",
        "p50 us",
        "p99 us",
        "CPU us",
        "delivered",
        "vs plain");
    for (MqttResult m : mqtt) {
      double plain = plaintextRate(mqtt, m);
      out.printf(
          fmt,
          m.client(),
          m.payload(),
          m.qos() + "/" + m.subscriptionQos(),
          m.size(),
          m.wireBytes(),
          num(m.messagesPerSecond()),
          num(m.p50Micros()),
          num(m.p99Micros()),
          String.format(Locale.ROOT, "%.1f", m.cpuMicrosPerMessage()),
          m.received() + "/" + m.sent(),
          String.format(Locale.ROOT, "%.2f", m.messagesPerSecond() / plain));
    }
  }

  static double plaintextRate(List<MqttResult> mqtt, MqttResult m) {
    MqttResult p = sameConfiguration(mqtt, m, "plaintext");
    return p == null ? Double.NaN : p.messagesPerSecond();
  }

  /** The run of the given payload kind with m's client, QoS and size, or null. */
  private static MqttResult sameConfiguration(List<MqttResult> mqtt, MqttResult m, String payload) {
    for (MqttResult p : mqtt) {
      if (p.payload().equals(payload)
          && p.client().equals(m.client())
          && p.qos() == m.qos()
          && p.subscriptionQos() == m.subscriptionQos()
          && p.size() == m.size()) {
        return p;
      }
    }
    return null;
  }

  /**
   * Why a sealed MQTT ratio is what it is: plaintext carrying the same MQTT v5 properties shows the
   * part the profile's properties take, and CPU time per message is steadier than throughput.
   */
  private static String mqttContext(List<MqttResult> mqtt, MqttResult sealed) {
    MqttResult plain = sameConfiguration(mqtt, sealed, "plaintext");
    MqttResult props = sameConfiguration(mqtt, sealed, MqttResult.PLAINTEXT_WITH_PROPERTIES);
    if (plain == null) {
      return "";
    }
    String s =
        String.format(
            Locale.ROOT,
            "CPU per message %.1f us plaintext, %.1f sealed (%.2f)",
            plain.cpuMicrosPerMessage(),
            sealed.cpuMicrosPerMessage(),
            plain.cpuMicrosPerMessage() / sealed.cpuMicrosPerMessage());
    if (props != null) {
      s +=
          String.format(
              Locale.ROOT,
              "; plaintext with the same MQTT v5 properties: %.2f of plaintext",
              props.messagesPerSecond() / plain.messagesPerSecond());
    }
    return s;
  }

  /** The figure's JMH error, or nothing where JMH gave none (too few iterations, as --quick). */
  private static String jmhContext(Result r) {
    if (!Double.isFinite(r.error())) {
      return "";
    }
    return String.format(
        Locale.ROOT, "JMH error of this figure +-%.0f %%", 100 * r.error() / r.opsPerSecond());
  }

  /**
   * Checks the targets on the 64-byte figures that the run has.
   *
   * @param results the results
   * @param wire the wire overhead rows
   * @param mqtt the MQTT runs, possibly empty
   * @return the targets found, possibly empty for a filtered run
   */
  public static List<Target> targets(
      List<Result> results, List<WireOverhead.Row> wire, List<MqttResult> mqtt) {
    List<Target> t = new ArrayList<>();
    for (Result r : results) {
      if (r.size() != 64 || r.isBare() || r.message().equals("IV")) {
        continue;
      }
      if (r.impl().equals(Result.COSE_JAVA)
          && r.message().equals("Encrypt0")
          && Double.isFinite(r.libraryRatio())) {
        t.add(
            new Target(
                "Encrypt0 " + r.op() + " A128GCM 64 B: cose-iot / COSE-JAVA",
                r.libraryRatio(),
                5,
                true,
                jmhContext(r)));
      }
      if (!r.isLibrary() || r.op().equals("sealDefaultRandom")) {
        continue;
      }
      String id = r.message() + " " + r.op() + " " + r.alg() + " " + r.provider() + " 64 B";
      if (r.message().equals("Encrypt0") && r.alg().equals("A128GCM")) {
        t.add(new Target(id + ": ratio to bare AES-GCM", r.ratio(), 0.6, true, jmhContext(r)));
        if (r.op().startsWith("seal")) {
          t.add(new Target(id + ": bytes allocated", r.bytesPerOp(), 1536, false, ""));
        }
      }
      if (r.message().equals("Sign1") && r.alg().equals("ES256")) {
        t.add(new Target(id + ": ratio to bare signature", r.ratio(), 0.95, true, jmhContext(r)));
      }
    }
    for (MqttResult m : mqtt) {
      if (m.payload().equals("sealed") && m.qos() == 1) {
        t.add(
            new Target(
                "MQTT "
                    + m.client()
                    + " QoS "
                    + m.qos()
                    + "/"
                    + m.subscriptionQos()
                    + " "
                    + m.size()
                    + " B: sealed / plaintext throughput",
                m.messagesPerSecond() / plaintextRate(mqtt, m),
                0.9,
                true,
                mqttContext(mqtt, m)));
      }
    }
    for (WireOverhead.Row w : wire) {
      if (w.profile().equals(WireOverhead.DEVICE_PROFILE)) {
        t.add(
            new Target(
                "device profile overhead on 64 B",
                w.overhead()[1],
                WireOverhead.DEVICE_TARGET_BYTES,
                false,
                ""));
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
          "%-4s %s: %s (target %s %s)%s%n",
          t.met() ? "MET" : "MISS",
          t.name(),
          figure(t),
          t.atLeast() ? ">=" : "<=",
          t.limit() < 10 ? String.valueOf(t.limit()) : num(t.limit()),
          t.context().isEmpty() ? "" : "; " + t.context());
    }
  }

  /**
   * Writes everything as JSON.
   *
   * @param file the file to write
   * @param settings the run's settings
   * @param mqttSettings what the MQTT runs were, or null if none ran
   * @param loadAverage the one-minute load average when the run started
   * @param results the results
   * @param wire the wire overhead rows
   * @param mqtt the MQTT runs
   * @param group the shared-subscription group runs
   * @param targets the targets
   * @throws IOException if the file cannot be written
   */
  public static void writeJson(
      Path file,
      BenchRunner.Settings settings,
      String mqttSettings,
      double loadAverage,
      List<Result> results,
      List<WireOverhead.Row> wire,
      List<MqttResult> mqtt,
      List<GroupBench.Row> group,
      List<Target> targets)
      throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("time", Instant.now().toString());
    root.put("machine", Machine.describe());
    root.put("loadAverageAtStart", finite(loadAverage));
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("quick", settings.quick());
    set.put("timing", settings.describe());
    set.put("mqtt", mqttSettings);
    root.put("settings", set);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Result r : results) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("impl", r.impl());
      m.put("message", r.message());
      m.put("op", r.op());
      m.put("alg", r.alg());
      m.put("provider", r.provider());
      m.put("payloadBytes", r.size());
      m.put("opsPerSecond", finite(r.opsPerSecond()));
      m.put("opsPerSecondError", finite(r.error()));
      m.put("bytesPerOp", finite(r.bytesPerOp()));
      m.put("cpuOpsPerSecond", finite(r.cpuOpsPerSecond()));
      m.put(
          "timedInOwnProcess",
          r.impl().equals(Result.PYCOSE)
              || r.impl().equals(Result.DEVICE)
              || r.impl().equals(Result.DEVICE_MBEDTLS2));
      m.put("bareOpsPerSecond", finite(r.bareOpsPerSecond()));
      m.put("bareBytesPerOp", finite(r.bareBytesPerOp()));
      m.put("ratioToBare", r.message().equals("IV") ? null : finite(r.ratio()));
      m.put("libraryOpsPerSecond", finite(r.libraryOpsPerSecond()));
      m.put("libraryOverThis", finite(r.libraryRatio()));
      rows.add(m);
    }
    root.put("results", rows);
    List<Map<String, Object>> mq = new ArrayList<>();
    for (MqttResult r : mqtt) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("client", r.client());
      m.put("payload", r.payload());
      m.put("qos", r.qos());
      m.put("subscriptionQos", r.subscriptionQos());
      m.put("payloadBytes", r.size());
      m.put("wireBytes", r.wireBytes());
      m.put("sent", r.sent());
      m.put("received", r.received());
      m.put("messagesPerSecond", finite(r.messagesPerSecond()));
      m.put("p50Micros", finite(r.p50Micros()));
      m.put("p99Micros", finite(r.p99Micros()));
      m.put("runs", r.runs());
      m.put("cpuMicrosPerMessage", finite(r.cpuMicrosPerMessage()));
      m.put("throughputVsPlaintext", finite(r.messagesPerSecond() / plaintextRate(mqtt, r)));
      mq.add(m);
    }
    root.put("mqtt", mq);
    root.put("sharedSubscriptionGroup", group);
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

  /**
   * A target's figure: whole numbers with separators above 10, else two decimals, or four within
   * 0.005 of the bound, where two would print a miss as the bound itself (0.8996 as 0.90).
   */
  static String figure(Target t) {
    double d = t.measured();
    if (d >= 10) {
      return num(d);
    }
    return String.format(Locale.ROOT, Math.abs(d - t.limit()) < 0.005 ? "%.4f" : "%.2f", d);
  }

  static String num(double d) {
    return Double.isFinite(d) ? String.format(Locale.ROOT, "%,.0f", d) : "-";
  }

  static String pct(double d) {
    return Double.isFinite(d) ? String.format(Locale.ROOT, "%.1f", 100 * d) : "-";
  }
}
