package io.coseiot.tck;

import io.coseiot.interop.Outcome;
import io.coseiot.interop.Outcome.Verdict;
import io.coseiot.interop.Peer;
import io.coseiot.interop.Quirks;
import io.coseiot.interop.Replay;
import io.coseiot.interop.mqtt.MqttRoundTrips;
import io.coseiot.vectors.examples.ExampleLoader;
import io.coseiot.vectors.examples.ExampleResult.Status;
import io.coseiot.vectors.examples.MqttProfileRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The results of a conformance run: the library's own check of every vector (the {@code jvm} rows)
 * and every peer's replay in both directions, with the peers that were unavailable and why.
 */
final class Matrix {
  /** The library's own result for one vector. */
  record JvmResult(String suite, String vector, boolean negative, Status status, String reason) {}

  final List<JvmResult> jvm = new ArrayList<>();
  final List<Outcome> outcomes = new ArrayList<>();

  /** The profile requirements each MQTT round-trip suite checks, for the requirement view. */
  final Map<String, List<String>> tripRequirements = new HashMap<>();

  final Map<String, String> unavailable = new LinkedHashMap<>();
  final Map<String, String> versions = new LinkedHashMap<>();
  final List<String> suites = new ArrayList<>();

  /** Each vector suite's root folder, whose files the JSON report digests. */
  final Map<String, Path> roots = new LinkedHashMap<>();

  final Quirks quirks = Quirks.load();

  /** Runs the library's own runner over a suite. */
  void jvmSuite(String suite, Path dir, PrintWriter progress) {
    suites.add(suite);
    roots.put(suite, dir);
    long t0 = System.nanoTime();
    // MQTT vectors also go through a profile receiver (expected_rejection, received_before).
    SuiteRun run =
        new SuiteRun(
                new MqttProfileRunner(new io.coseiot.vectors.examples.ExampleRunner()::run)::run)
            .run(List.of(dir));
    for (SuiteRun.Outcome o : run.outcomes()) {
      String vector = relative(dir, o.result().file());
      boolean negative = o.result().title() != null && isNegative(dir, o.result().file());
      jvm.add(new JvmResult(suite, vector, negative, o.result().outcome(), o.result().reason()));
    }
    progress.printf(
        "  %-22s %-10s %5d vectors  %5.1fs%n", suite, "jvm", run.outcomes().size(), secs(t0));
    progress.flush();
  }

  private final Map<String, Boolean> negatives = new TreeMap<>();

  private boolean isNegative(Path dir, String file) {
    return negatives.computeIfAbsent(
        file,
        f -> {
          ExampleLoader.Entry e = new ExampleLoader().load(Path.of(f));
          return !e.isError() && e.example().fail();
        });
  }

  /** Replays a suite against one peer. */
  void peerSuite(String suite, Path dir, Peer peer, PrintWriter progress) {
    long t0 = System.nanoTime();
    Replay replay = new Replay(quirks);
    int n = 0;
    for (ExampleLoader.Entry e : new ExampleLoader().loadAll(List.of(dir))) {
      if (e.isError()) {
        continue;
      }
      outcomes.addAll(replay.run(suite, relative(dir, e.path().toString()), e.example(), peer));
      n++;
    }
    progress.printf("  %-22s %-10s %5d vectors  %5.1fs%n", suite, peer.name(), n, secs(t0));
    progress.flush();
  }

  /** Adds the results of one MQTT round trip (its suite has no vectors, so no jvm row). */
  void mqttTrip(MqttRoundTrips.Trip trip, List<Outcome> results, long t0, PrintWriter progress) {
    if (!suites.contains(trip.suite())) {
      suites.add(trip.suite());
    }
    outcomes.addAll(results);
    tripRequirements.put(trip.suite(), trip.requirements());
    long passed = results.stream().filter(o -> o.verdict() == Verdict.PASS).count();
    progress.printf(
        "  %-22s %-10s %5d/%d opened  %5.1fs  %s%n",
        trip.suite(),
        trip.peer(),
        passed,
        results.size(),
        secs(t0),
        String.join(" ", trip.requirements()));
    progress.flush();
  }

  private static double secs(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static String relative(Path dir, String file) {
    Path f = Path.of(file);
    return f.startsWith(dir) ? dir.relativize(f).toString() : file;
  }

  /** Counts results that are neither passes, known deviations nor not-applicable. */
  int unexpected() {
    int n = 0;
    for (JvmResult r : jvm) {
      n += r.status() == Status.FAIL ? 1 : 0;
    }
    for (Outcome o : outcomes) {
      n += o.verdict() == Verdict.FAIL ? 1 : 0;
    }
    return n;
  }

  /** One row of the matrix. */
  record Row(
      String suite,
      String peer,
      String direction,
      int pass,
      int fail,
      int deviation,
      int notApplicable,
      int identical) {}

  List<Row> rows() {
    List<Row> out = new ArrayList<>();
    for (String suite : suites) {
      int[] c = new int[4];
      for (JvmResult r : jvm) {
        if (r.suite().equals(suite)) {
          c[r.status() == Status.PASS ? 0 : r.status() == Status.FAIL ? 1 : 3]++;
        }
      }
      if (c[0] + c[1] + c[2] + c[3] > 0) {
        out.add(new Row(suite, "jvm", "self", c[0], c[1], 0, c[3], 0));
      }
      Map<String, int[]> byKey = new LinkedHashMap<>();
      for (Outcome o : outcomes) {
        if (!o.suite().equals(suite)) {
          continue;
        }
        int[] k = byKey.computeIfAbsent(o.peer() + "\u0000" + o.direction(), x -> new int[5]);
        k[o.verdict().ordinal()]++;
        k[4] += o.identical() ? 1 : 0;
      }
      byKey.forEach(
          (key, k) -> {
            String[] pd = key.split("\u0000");
            out.add(new Row(suite, pd[0], pd[1], k[0], k[1], k[2], k[3], k[4]));
          });
    }
    return out;
  }

  void print(PrintWriter out) {
    out.println();
    out.printf(
        "%-22s %-10s %-10s %6s %6s %6s %6s %9s%n",
        "suite", "peer", "direction", "pass", "FAIL", "dev", "n/a", "same-bytes");
    for (Row r : rows()) {
      out.printf(
          "%-22s %-10s %-10s %6d %6d %6d %6d %9d%n",
          r.suite(),
          r.peer(),
          r.direction(),
          r.pass(),
          r.fail(),
          r.deviation(),
          r.notApplicable(),
          r.identical());
    }
    unavailable.forEach((p, why) -> out.println("peer " + p + " UNAVAILABLE: " + why));
    Map<String, Integer> byQuirk = new TreeMap<>();
    for (Outcome o : outcomes) {
      if (o.verdict() == Verdict.DEVIATION) {
        byQuirk.merge(o.peer() + " " + o.quirk(), 1, Integer::sum);
      }
    }
    if (!byQuirk.isEmpty()) {
      out.println("expected deviations (known quirks, see quirks.json):");
      byQuirk.forEach((q, n) -> out.println("  " + q + ": " + n));
    }
    List<String> dis = disagreements();
    out.println(
        "negative vectors: " + negativeCount() + ", accept/reject disagreements: " + dis.size());
    dis.stream().limit(40).forEach(d -> out.println("  " + d));
    if (dis.size() > 40) {
      out.println("  ... " + (dis.size() - 40) + " more in the HTML report");
    }
    int shown = 0;
    for (Outcome o : outcomes) {
      if (o.verdict() == Verdict.FAIL && shown++ < 40) {
        out.println(
            "FAIL "
                + o.suite()
                + " "
                + o.vector()
                + " "
                + o.peer()
                + " "
                + o.direction()
                + ": "
                + o.detail());
      }
    }
    for (JvmResult r : jvm) {
      if (r.status() == Status.FAIL && shown++ < 80) {
        out.println("FAIL " + r.suite() + " " + r.vector() + " jvm: " + r.reason());
      }
    }
  }

  int negativeCount() {
    int n = 0;
    for (JvmResult r : jvm) {
      n += r.negative() ? 1 : 0;
    }
    return n;
  }

  /** For each negative vector, who accepted it: one line per vector where anyone did. */
  List<String> disagreements() {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> e : agreement().entrySet()) {
      Map<String, String> answers = e.getValue();
      boolean all = answers.values().stream().allMatch(a -> a.equals("rejected") || a.isEmpty());
      if (!all) {
        out.add(e.getKey() + " " + answers);
      }
    }
    return out;
  }

  /** Negative vector -> (jvm and each peer -> its answer; empty if not asked). */
  Map<String, Map<String, String>> agreement() {
    Map<String, Map<String, String>> out = new TreeMap<>();
    for (JvmResult r : jvm) {
      if (r.negative()) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("jvm", r.status() == Status.PASS ? "rejected" : "accepted");
        out.put(r.suite() + "/" + r.vector(), m);
      }
    }
    for (Outcome o : outcomes) {
      if (o.negative() && o.direction().equals(Replay.PEER_OPENS)) {
        Map<String, String> m = out.get(o.suite() + "/" + o.vector());
        if (m != null) {
          m.put(o.peer(), o.peerAnswer());
        }
      }
    }
    return out;
  }
}
