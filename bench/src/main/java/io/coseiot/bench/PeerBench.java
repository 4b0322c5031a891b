package io.coseiot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coseiot.interop.PyCoseEnvironment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The implementations outside the JVM, each timed inside its own process so that no process start,
 * pipe or JSON is in the timing: pyCOSE 1.1.0 by {@code interop/src/main/python/pycose_bench.py} in
 * the pinned virtual environment ({@code ./cose-tck peers install}), and the C device library by
 * {@code device/build/tinycbor-mbedtls3/device_bench} and {@code
 * .../tinycbor-mbedtls2/device_bench} (built by its Makefile). Both loop over the same operations,
 * payloads and keys as the JVM benchmarks, time with a monotonic clock ({@code
 * time.perf_counter_ns}, {@code clock_gettime(CLOCK_MONOTONIC)}), and print one JSON line per
 * figure, which this class reads.
 */
public final class PeerBench {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private PeerBench() {}

  /**
   * How long each process spends per figure.
   *
   * @param seconds measured seconds per run
   * @param runs runs per figure (the median is reported)
   * @param warmup seconds before the runs
   */
  public record Timing(double seconds, int runs, double warmup) {
    /**
     * Returns the timing for a quick or a full run.
     *
     * @param quick whether this is the CI run
     * @return the timing
     */
    public static Timing of(boolean quick) {
      return quick ? new Timing(0.3, 1, 0.1) : new Timing(1.0, 3, 0.3);
    }

    List<String> args(int[] sizes) {
      return List.of(
          "--sizes",
          Arrays.stream(sizes).mapToObj(String::valueOf).collect(Collectors.joining(",")),
          "--seconds",
          String.format(Locale.ROOT, "%.2f", seconds),
          "--runs",
          String.valueOf(runs),
          "--warmup",
          String.format(Locale.ROOT, "%.2f", warmup));
    }
  }

  /**
   * Times pyCOSE in its environment.
   *
   * @param sizes payload sizes
   * @param timing time per figure
   * @param log progress, and why pyCOSE was skipped
   * @return the figures, empty if the environment is missing
   */
  public static List<Result> pycose(int[] sizes, Timing timing, PrintStream log) {
    PyCoseEnvironment env = PyCoseEnvironment.standard();
    String why = env.unavailableReason();
    if (why != null) {
      log.println("bench: pyCOSE skipped: " + why);
      return List.of();
    }
    try {
      List<String> cmd = new ArrayList<>(env.scriptCommand("pycose_bench.py"));
      cmd.addAll(timing.args(sizes));
      return run(Result.PYCOSE, cmd, log);
    } catch (IOException e) {
      log.println("bench: pyCOSE failed: " + e.getMessage());
      return List.of();
    }
  }

  /**
   * Builds (with make) and times the C device library on both crypto backends: mbedTLS 3.6 through
   * PSA (the default, as ESP-IDF 5 ships it) and Debian's mbedTLS 2.28, each on tinycbor.
   *
   * @param root the repository root
   * @param sizes payload sizes
   * @param timing time per figure
   * @param log progress, and why a backend was skipped
   * @return the figures, empty for a backend that cannot be built here
   */
  public static List<Result> device(Path root, int[] sizes, Timing timing, PrintStream log) {
    List<Result> out = new ArrayList<>();
    out.addAll(device(root, "mbedtls3", Result.DEVICE, sizes, timing, log));
    out.addAll(device(root, "mbedtls2", Result.DEVICE_MBEDTLS2, sizes, timing, log));
    return out;
  }

  private static List<Result> device(
      Path root, String crypto, String impl, int[] sizes, Timing timing, PrintStream log) {
    Path dir = root.resolve("device");
    String target = "build/tinycbor-" + crypto + "/device_bench";
    try {
      Process make =
          new ProcessBuilder("make", "-s", "-C", dir.toString(), "CRYPTO=" + crypto, target)
              .redirectErrorStream(true)
              .start();
      String out = new String(make.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!make.waitFor(5, TimeUnit.MINUTES) || make.exitValue() != 0) {
        log.println(
            "bench: "
                + impl
                + " skipped: make "
                + target
                + " failed (needs gcc, ../shared/third_party, and libmbedtls-dev for 2.28; see"
                + " device/README.md): "
                + out.strip());
        return List.of();
      }
      Path bin = dir.resolve(target);
      if (!Files.isExecutable(bin)) {
        log.println("bench: " + impl + " skipped: no " + bin);
        return List.of();
      }
      List<String> cmd = new ArrayList<>(List.of(bin.toString()));
      cmd.addAll(timing.args(sizes));
      return run(impl, cmd, log);
    } catch (IOException e) {
      log.println("bench: " + impl + " skipped: " + e.getMessage());
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  private static List<Result> run(String impl, List<String> cmd, PrintStream log)
      throws IOException {
    log.println("bench: " + impl + " timed in its own process: " + String.join(" ", cmd));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    List<Result> out = new ArrayList<>();
    String provider = null;
    boolean done = false;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        JsonNode n = MAPPER.readTree(line);
        if (n.has("impl")) {
          provider =
              n.has("cryptography") ? "cryptography " + n.get("cryptography").asText() : null;
          provider = provider != null ? provider : n.path("crypto").asText(null);
          continue;
        }
        if (n.path("done").asBoolean(false)) {
          done = true;
          continue;
        }
        out.add(
            new Result(
                impl,
                n.get("message").asText(),
                n.get("op").asText(),
                n.get("alg").asText(),
                provider,
                n.get("size").asInt(),
                n.get("opsPerSecond").asDouble(),
                (n.get("max").asDouble() - n.get("min").asDouble()) / 2,
                Double.NaN,
                n.path("cpuOpsPerSecond").asDouble(Double.NaN),
                Double.NaN,
                Double.NaN,
                Double.NaN));
      }
    }
    try {
      if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0 || !done) {
        log.println("bench: " + impl + " did not finish cleanly; its figures are left out");
        return List.of();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
    return out;
  }
}
