package io.coseiot.tck;

import io.coseiot.bench.BenchMarkdown;
import io.coseiot.bench.BenchReport;
import io.coseiot.bench.BenchRunner;
import io.coseiot.bench.Fixtures;
import io.coseiot.bench.GroupBench;
import io.coseiot.bench.Machine;
import io.coseiot.bench.MqttBench;
import io.coseiot.bench.MqttResult;
import io.coseiot.bench.Result;
import io.coseiot.bench.WireOverhead;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cose-tck bench}: runs the JMH benchmarks, prints the table, the wire overhead and the
 * targets, writes them as JSON under {@code target/bench/} at the repository root, and as Markdown:
 * {@code docs/benchmarks.md} for a full run, {@code target/bench/benchmarks-quick.md} for {@code
 * --quick}.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    header = "Benchmarks Encrypt0, Sign1, Mac0 and sealed MQTT against their baselines.",
    description =
        "Encrypt0, Sign1 and Mac0 against the bare primitives, COSE-JAVA, pyCOSE and the C device"
            + " code; MQTT throughput and latency sealed vs plaintext; the wire overhead.")
final class BenchCommand implements Callable<Integer> {
  @Option(
      names = "--quick",
      description = "A few seconds per benchmark (as CI runs it), not stable figures.")
  boolean quick;

  @Option(
      names = "--sizes",
      split = ",",
      description = "Payload sizes to run (default: 16,64,256,1024,16384; with --quick: 64).")
  int[] sizes;

  @Option(
      names = "--only",
      paramLabel = "REGEX",
      description =
          "Run only Class.method names containing REGEX, e.g. 'AeadBench.seal'; the processes"
              + " outside the JVM are PeerBench.pycose and PeerBench.device, MQTT is MqttBench, the"
              + " shared-subscription group GroupBench.")
  String only;

  @Option(
      names = "--mqtt-broker",
      paramLabel = "URI",
      description = "Run the MQTT part against this broker (default: an embedded HiveMQ CE).")
  String mqttBroker;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Where the JSON, the JMH logs and the Markdown of a --quick or --only run go"
              + " (default: target/bench at the root); a full run's Markdown is docs/benchmarks.md.")
  Path out;

  /** The sizes --quick runs unless --sizes says otherwise: it runs in CI after the tests. */
  static final int[] QUICK_SIZES = {64};

  @Override
  public Integer call() throws Exception {
    PrintStream stdout = System.out;
    Path dir = out != null ? out : root().resolve("target").resolve("bench");
    int[] s = sizes != null ? sizes : quick ? QUICK_SIZES : Fixtures.SIZES;
    double load = Machine.loadAverage();
    long start = System.nanoTime();
    BenchRunner.Settings settings = new BenchRunner.Settings(quick, s, only, dir);
    stdout.printf("bench: load average %.2f at start; %s%n", load, settings.describe());
    stdout.println("bench: JMH logs in " + dir);
    List<Result> results = BenchRunner.run(settings, root(), stdout);
    List<MqttResult> mqtt = List.of();
    MqttBench.Settings ms = MqttBench.Settings.standard(quick);
    if (only == null || Pattern.compile(only).matcher("MqttBench").find()) {
      mqtt = MqttBench.run(ms, mqttBroker, stdout);
    }
    List<GroupBench.Row> group = List.of();
    GroupBench.Settings gs = GroupBench.Settings.standard(quick);
    if (only == null || Pattern.compile(only).matcher("GroupBench").find()) {
      group = GroupBench.run(gs, mqttBroker, stdout);
    }
    List<WireOverhead.Row> wire = WireOverhead.compute();
    stdout.println();
    BenchReport.printTable(results, stdout);
    stdout.println();
    BenchReport.printOthers(results, stdout);
    stdout.println();
    BenchReport.printRandom(results, stdout);
    stdout.println();
    BenchReport.printMqtt(mqtt, stdout);
    stdout.println();
    if (!group.isEmpty()) {
      GroupBench.print(group, stdout);
      stdout.println();
    }
    stdout.println("Wire overhead in bytes (encoded message minus payload), by payload size:");
    stdout.print(WireOverhead.markdown(wire));
    stdout.println();
    List<BenchReport.Target> targets = new ArrayList<>(BenchReport.targets(results, wire, mqtt));
    targets.addAll(GroupBench.targets(group));
    BenchReport.printTargets(targets, stdout);
    Path json = dir.resolve(quick ? "bench-quick.json" : "bench.json");
    BenchReport.writeJson(
        json,
        settings,
        mqtt.isEmpty() ? null : ms.describe(),
        load,
        results,
        wire,
        mqtt,
        group,
        targets);
    double wall = (System.nanoTime() - start) / 1e9;
    Path md = markdownFile(root(), dir, quick, only);
    BenchMarkdown.write(
        md,
        new BenchMarkdown.Header(
            Instant.now(),
            Machine.describe(),
            load,
            Machine.loadAverage(),
            settings,
            mqtt.isEmpty() ? null : ms.describe(),
            wall),
        results,
        wire,
        mqtt,
        group.isEmpty() ? "" : GroupBench.markdown(group, gs),
        targets);
    stdout.printf(
        "bench: %d figures, %d MQTT runs, sizes %s, %.0f s in all%n",
        results.size(), mqtt.size(), Arrays.toString(s), wall);
    stdout.println("bench: wrote " + json + " and " + md);
    return 0;
  }

  /**
   * A full run is the published one, docs/benchmarks.md; --quick (CI) and --only runs go beside the
   * JSON so that they never overwrite it.
   */
  static Path markdownFile(Path root, Path dir, boolean quick, String only) {
    if (quick) {
      return dir.resolve("benchmarks-quick.md");
    }
    if (only != null) {
      return dir.resolve("benchmarks.md");
    }
    return root.resolve("docs").resolve("benchmarks.md");
  }

  private static Path root() {
    String r = System.getProperty("cose.tck.root");
    return Path.of(r != null ? r : ".").toAbsolutePath().normalize();
  }
}
