package io.coseiot.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
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
          ? "JMH 1 fork, 1 x 0.5 s warm-up, 2 x 0.5 s measured; pyCOSE and device 1 x 0.3 s"
          : "JMH 1 fork, 2 x 1 s warm-up, 4 x 1 s measured; pyCOSE and device median of 3 x 1 s";
    }
  }

  /**
   * A benchmark class and the methods to run.
   *
   * @param type the JMH class
   * @param message the COSE message of its rows, or null when {@link #name} decides
   * @param provider the {@code provider} param, or null if the class has none
   * @param alg a fixed {@code alg} param, or null for the class's own list
   * @param methods the methods
   * @param sizes the sizes to run instead of the settings', or null
   * @param sizeParam whether the class has a {@code size} param
   */
  private record Group(
      Class<?> type,
      String message,
      String provider,
      String alg,
      List<String> methods,
      int[] sizes,
      boolean sizeParam) {}

  private static final List<String> AEAD =
      List.of("seal", "sealCounter", "open", "sealBare", "openBare");
  private static final List<String> SIGN = List.of("sign", "verify", "signBare", "verifyBare");
  private static final List<String> MAC = List.of("create", "verify", "createBare", "verifyBare");
  private static final List<String> COSE_JAVA =
      List.of("seal", "open", "sign", "verify", "create", "verifyMac");

  private BenchRunner() {}

  /**
   * Runs every group that matches the settings, then pyCOSE and the device in their own processes,
   * and pairs each figure with the bare primitive and, for other implementations, with this
   * library's figure of the same run.
   *
   * @param settings what to run
   * @param root the repository root (for the device peer's Makefile)
   * @param log where progress lines go
   * @return the results, sorted for the table
   * @throws RunnerException if JMH fails
   * @throws java.io.IOException if the log folder cannot be made
   */
  public static List<io.coseiot.bench.Result> run(Settings settings, Path root, PrintStream log)
      throws RunnerException, java.io.IOException {
    Files.createDirectories(settings.outDir());
    boolean accp = Fixtures.accpAvailable();
    if (!accp) {
      log.println("bench: Amazon Corretto Crypto Provider not usable here; JDK figures only");
    }
    int[] at64 = Arrays.stream(settings.sizes()).anyMatch(x -> x == 64) ? new int[] {64} : null;
    List<Group> groups = new ArrayList<>();
    groups.add(new Group(AeadBench.class, "Encrypt0", Fixtures.JDK, null, AEAD, null, true));
    if (at64 != null) {
      // The seal path before SecureRandoms.fastDrbg, beside it in the same run.
      groups.add(
          new Group(
              AeadBench.class,
              "Encrypt0",
              Fixtures.JDK,
              "A128GCM",
              List.of("sealDefaultRandom"),
              at64,
              true));
    }
    groups.add(new Group(SignBench.class, "Sign1", Fixtures.JDK, null, SIGN, null, true));
    groups.add(new Group(MacBench.class, "Mac0", Fixtures.JDK, null, MAC, null, true));
    if (accp) {
      groups.add(
          new Group(AeadBench.class, "Encrypt0", Fixtures.ACCP, "A128GCM", AEAD, null, true));
      groups.add(new Group(SignBench.class, "Sign1", Fixtures.ACCP, "ES256", SIGN, null, true));
    }
    String cj = CoseJavaBench.unavailableReason();
    if (cj == null) {
      groups.add(new Group(CoseJavaBench.class, null, null, null, COSE_JAVA, null, true));
    } else {
      log.println("bench: COSE-JAVA skipped: " + cj);
    }
    groups.add(
        new Group(
            RandomBench.class,
            "IV",
            null,
            null,
            List.of("defaultSecureRandom", "drbg", "fastDrbg"),
            null,
            false));
    Pattern only = settings.only() == null ? null : Pattern.compile(settings.only());
    List<io.coseiot.bench.Result> raw = new ArrayList<>();
    for (Group g : groups) {
      List<String> methods = new ArrayList<>();
      for (String m : g.methods()) {
        String name = g.type().getSimpleName() + "." + m;
        if (only == null || only.matcher(name).find()) {
          methods.add(m);
        }
      }
      if (methods.isEmpty()) {
        continue;
      }
      int[] sizes = g.sizes() != null ? g.sizes() : settings.sizes();
      String regex =
          "^" + Pattern.quote(g.type().getName() + ".") + "(" + String.join("|", methods) + ")$";
      log.printf(
          "bench: %s%s (%s)%s%n",
          g.type().getSimpleName(),
          g.provider() == null ? "" : " on " + g.provider(),
          String.join(", ", methods),
          g.sizeParam() ? ", sizes " + Arrays.toString(sizes) : "");
      ChainedOptionsBuilder o =
          new OptionsBuilder()
              .include(regex)
              .addProfiler(GCProfiler.class)
              .jvmArgsAppend(
                  "-Xms512m",
                  "-Xmx512m",
                  "-Dcose.tck.root=" + root,
                  "-D" + CoseJavaBench.ADAPTER_PROPERTY + "=" + CoseJavaBench.adapterDir(),
                  "-Dcose.java.lib=" + io.coseiot.interop.CoseJavaPeer.libraryDir())
              .shouldFailOnError(true)
              .output(
                  settings
                      .outDir()
                      .resolve(
                          "jmh-"
                              + g.type().getSimpleName()
                              + (g.provider() == null ? "" : "-" + g.provider())
                              + (g.sizes() == null ? "" : "-" + methods.get(0))
                              + ".log")
                      .toString());
      if (g.provider() != null) {
        o.param("provider", g.provider());
      }
      if (g.sizeParam()) {
        o.param("size", Arrays.stream(sizes).mapToObj(String::valueOf).toArray(String[]::new));
      }
      if (g.alg() != null) {
        o.param("alg", g.alg());
      }
      if (settings.quick()) {
        o.forks(1).warmupIterations(1).warmupTime(TimeValue.milliseconds(500));
        o.measurementIterations(2).measurementTime(TimeValue.milliseconds(500));
      } else {
        // One fork: ~190 benchmarks must fit in about half an hour on 2 cores.
        o.forks(1).warmupIterations(2).warmupTime(TimeValue.seconds(1));
        o.measurementIterations(4).measurementTime(TimeValue.seconds(1));
      }
      for (RunResult r : new Runner(o.build()).run()) {
        raw.add(row(g, r));
      }
    }
    PeerBench.Timing timing = PeerBench.Timing.of(settings.quick());
    if (only == null || only.matcher("PeerBench.pycose").find()) {
      raw.addAll(PeerBench.pycose(settings.sizes(), timing, log));
    }
    if (only == null || only.matcher("PeerBench.device").find()) {
      raw.addAll(PeerBench.device(root, settings.sizes(), timing, log));
    }
    List<io.coseiot.bench.Result> out = pair(raw);
    out.sort(
        Comparator.comparing(io.coseiot.bench.Result::message)
            .thenComparing(io.coseiot.bench.Result::alg)
            .thenComparing(r -> r.isLibrary() ? 0 : 1)
            .thenComparing(io.coseiot.bench.Result::impl)
            .thenComparing(r -> String.valueOf(r.provider()))
            .thenComparing(io.coseiot.bench.Result::op)
            .thenComparingInt(io.coseiot.bench.Result::size));
    return out;
  }

  /** One JMH figure as a row, named by message, operation and algorithm. */
  private static io.coseiot.bench.Result row(Group g, RunResult r) {
    BenchmarkParams p = r.getParams();
    String method = method(p);
    String impl = io.coseiot.bench.Result.LIBRARY;
    String message = g.message();
    String op = method;
    String alg = p.getParam("alg");
    String provider = p.getParam("provider");
    int size = Integer.parseInt(p.getParam("size"));
    if (g.type() == CoseJavaBench.class) {
      impl = io.coseiot.bench.Result.COSE_JAVA;
      provider = Fixtures.JDK;
      switch (method) {
        case "seal", "open" -> {
          message = "Encrypt0";
          alg = "A128GCM";
        }
        case "sign", "verify" -> {
          message = "Sign1";
          alg = "ES256";
        }
        default -> {
          message = "Mac0";
          alg = "HMAC_256_64";
          op = method.equals("create") ? "create" : "verify";
        }
      }
    } else if (g.type() == RandomBench.class) {
      alg = size + " bytes";
      provider = Fixtures.JDK;
    }
    return new io.coseiot.bench.Result(
        impl,
        message,
        op,
        alg,
        provider,
        size,
        r.getPrimaryResult().getScore(),
        r.getPrimaryResult().getScoreError(),
        allocation(r),
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN);
  }

  /**
   * Pairs every row with the bare primitive (the JDK's, for implementations outside the JVM) and
   * every other implementation's row with this library's, all of the same run.
   */
  static List<io.coseiot.bench.Result> pair(List<io.coseiot.bench.Result> raw) {
    Map<String, io.coseiot.bench.Result> lib = new HashMap<>();
    for (io.coseiot.bench.Result r : raw) {
      if (r.isLibrary()) {
        lib.put(key(r.message(), r.op(), r.alg(), r.provider(), r.size()), r);
      }
    }
    List<io.coseiot.bench.Result> out = new ArrayList<>();
    for (io.coseiot.bench.Result r : raw) {
      if (r.isBare() || r.message().equals("IV")) {
        out.add(r);
        continue;
      }
      String provider = r.isLibrary() ? r.provider() : Fixtures.JDK;
      io.coseiot.bench.Result bare =
          lib.get(
              key(
                  r.message(),
                  io.coseiot.bench.Result.bareOp(r.message(), r.op()),
                  r.alg(),
                  provider,
                  r.size()));
      io.coseiot.bench.Result mine =
          r.isLibrary() ? null : lib.get(key(r.message(), r.op(), r.alg(), Fixtures.JDK, r.size()));
      out.add(
          r.paired(
              bare == null ? Double.NaN : bare.opsPerSecond(),
              bare == null ? Double.NaN : bare.bytesPerOp(),
              mine == null ? Double.NaN : mine.opsPerSecond()));
    }
    return out;
  }

  private static String key(String message, String op, String alg, String provider, int size) {
    return message + "/" + op + "/" + alg + "/" + provider + "/" + size;
  }

  private static String method(BenchmarkParams p) {
    String b = p.getBenchmark();
    return b.substring(b.lastIndexOf('.') + 1);
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
