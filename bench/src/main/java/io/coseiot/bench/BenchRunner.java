package io.coseiot.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmark groups through the JMH API, each in forked JVMs with the gc profiler, and
 * pairs every library figure with the bare primitive of the same run.
 */
public final class BenchRunner {
  /**
   * How long and what to run.
   *
   * @param quick a few seconds per benchmark (CI), instead of enough for stable numbers
   * @param sizes payload sizes to run
   * @param only a regex that {@code Class.method} names must contain, or null for all
   * @param outDir where JMH's own logs go
   */
  public record Settings(boolean quick, int[] sizes, String only, Path outDir) {
    /**
     * Describes the JMH settings.
     *
     * @return forks, warm-up and measurement iterations
     */
    public String describe() {
      return quick
          ? "1 fork, 1 x 1 s warm-up, 2 x 1 s measured"
          : "2 forks, 3 x 1 s warm-up, 5 x 1 s measured";
    }
  }

  /** A benchmark class, its provider and the library methods with their bare counterparts. */
  private record Group(
      Class<?> type, String message, String provider, String alg, Map<String, String> pairs) {}

  private static final Map<String, String> AEAD =
      Map.of("seal", "sealBare", "sealCounter", "sealBare", "open", "openBare");
  private static final Map<String, String> SIGN =
      Map.of("sign", "signBare", "verify", "verifyBare");
  private static final Map<String, String> MAC =
      Map.of("create", "createBare", "verify", "verifyBare");

  private BenchRunner() {}

  /**
   * Runs every group that matches the settings.
   *
   * @param settings what to run
   * @param log where progress lines go
   * @return the results, library rows carrying their bare figures, sorted for the table
   * @throws RunnerException if JMH fails
   * @throws java.io.IOException if the log folder cannot be made
   */
  public static List<io.coseiot.bench.Result> run(Settings settings, PrintStream log)
      throws RunnerException, java.io.IOException {
    Files.createDirectories(settings.outDir());
    boolean accp = Fixtures.accpAvailable();
    if (!accp) {
      log.println("bench: Amazon Corretto Crypto Provider not usable here; JDK figures only");
    }
    List<Group> groups = new ArrayList<>();
    groups.add(new Group(AeadBench.class, "Encrypt0", Fixtures.JDK, null, AEAD));
    groups.add(new Group(SignBench.class, "Sign1", Fixtures.JDK, null, SIGN));
    groups.add(new Group(MacBench.class, "Mac0", Fixtures.JDK, null, MAC));
    if (accp) {
      groups.add(new Group(AeadBench.class, "Encrypt0", Fixtures.ACCP, "A128GCM", AEAD));
      groups.add(new Group(SignBench.class, "Sign1", Fixtures.ACCP, "ES256", SIGN));
    }
    Pattern only = settings.only() == null ? null : Pattern.compile(settings.only());
    List<io.coseiot.bench.Result> out = new ArrayList<>();
    for (Group g : groups) {
      List<String> methods = new ArrayList<>();
      g.pairs()
          .forEach(
              (lib, bare) -> {
                String name = g.type().getSimpleName() + "." + lib;
                if (only == null || only.matcher(name).find()) {
                  methods.add(lib);
                  methods.add(bare);
                }
              });
      if (methods.isEmpty()) {
        continue;
      }
      String regex =
          "^"
              + Pattern.quote(g.type().getName() + ".")
              + "("
              + methods.stream().distinct().collect(Collectors.joining("|"))
              + ")$";
      log.printf(
          "bench: %s on %s (%s), sizes %s%n",
          g.type().getSimpleName(),
          g.provider(),
          methods.stream().distinct().sorted().collect(Collectors.joining(", ")),
          Arrays.toString(settings.sizes()));
      ChainedOptionsBuilder o =
          new OptionsBuilder()
              .include(regex)
              .param("provider", g.provider())
              .param(
                  "size",
                  Arrays.stream(settings.sizes()).mapToObj(String::valueOf).toArray(String[]::new))
              .addProfiler(GCProfiler.class)
              .jvmArgsAppend("-Xms512m", "-Xmx512m")
              .shouldFailOnError(true)
              .output(
                  settings
                      .outDir()
                      .resolve("jmh-" + g.type().getSimpleName() + "-" + g.provider() + ".log")
                      .toString());
      if (g.alg() != null) {
        o.param("alg", g.alg());
      }
      if (settings.quick()) {
        o.forks(1).warmupIterations(1).warmupTime(TimeValue.seconds(1));
        o.measurementIterations(2).measurementTime(TimeValue.seconds(1));
      } else {
        o.forks(2).warmupIterations(3).warmupTime(TimeValue.seconds(1));
        o.measurementIterations(5).measurementTime(TimeValue.seconds(1));
      }
      out.addAll(pair(g, new Runner(o.build()).run()));
    }
    out.sort(
        Comparator.comparing(io.coseiot.bench.Result::message)
            .thenComparing(io.coseiot.bench.Result::alg)
            .thenComparing(io.coseiot.bench.Result::provider)
            .thenComparing(io.coseiot.bench.Result::op)
            .thenComparingInt(io.coseiot.bench.Result::size));
    return out;
  }

  private static List<io.coseiot.bench.Result> pair(Group g, Collection<RunResult> runs) {
    Map<String, RunResult> byKey = new HashMap<>();
    for (RunResult r : runs) {
      byKey.put(key(r.getParams(), method(r.getParams())), r);
    }
    List<io.coseiot.bench.Result> out = new ArrayList<>();
    for (RunResult r : runs) {
      BenchmarkParams p = r.getParams();
      String method = method(p);
      double bareOps = Double.NaN;
      double bareBytes = Double.NaN;
      String bareMethod = g.pairs().get(method);
      RunResult bare = bareMethod == null ? null : byKey.get(key(p, bareMethod));
      if (bare != null) {
        bareOps = bare.getPrimaryResult().getScore();
        bareBytes = allocation(bare);
      }
      out.add(
          new io.coseiot.bench.Result(
              g.message(),
              method,
              p.getParam("alg"),
              p.getParam("provider"),
              Integer.parseInt(p.getParam("size")),
              r.getPrimaryResult().getScore(),
              r.getPrimaryResult().getScoreError(),
              allocation(r),
              bareOps,
              bareBytes));
    }
    return out;
  }

  private static String method(BenchmarkParams p) {
    String b = p.getBenchmark();
    return b.substring(b.lastIndexOf('.') + 1);
  }

  private static String key(BenchmarkParams p, String method) {
    return method
        + "/"
        + p.getParam("alg")
        + "/"
        + p.getParam("provider")
        + "/"
        + p.getParam("size");
  }

  private static double allocation(RunResult r) {
    for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
      if (e.getKey().endsWith("gc.alloc.rate.norm")) {
        return e.getValue().getScore();
      }
    }
    return Double.NaN;
  }
}
