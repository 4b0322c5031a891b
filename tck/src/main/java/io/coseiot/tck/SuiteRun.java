package io.coseiot.tck;

import io.coseiot.vectors.examples.Example;
import io.coseiot.vectors.examples.ExampleAlgorithms;
import io.coseiot.vectors.examples.ExampleLoader;
import io.coseiot.vectors.examples.ExampleResult;
import io.coseiot.vectors.examples.ExampleResult.Status;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Loads examples, runs each one and tallies the outcomes. A file that does not load and a runner
 * that throws both count as failures, and neither stops the run.
 */
final class SuiteRun {
  /**
   * One example's outcome.
   *
   * @param result what the runner said
   * @param skippedFor the algorithms that are not implemented, for a skipped example; else empty
   */
  record Outcome(ExampleResult result, String skippedFor) {}

  private final Function<Example, ExampleResult> runner;
  private final List<Outcome> outcomes = new ArrayList<>();
  private int passed;
  private int failed;
  private int skipped;

  SuiteRun(Function<Example, ExampleResult> runner) {
    this.runner = runner;
  }

  /** Runs every example found under the given files and folders. */
  SuiteRun run(List<Path> paths) {
    for (ExampleLoader.Entry e : new ExampleLoader().loadAll(paths)) {
      add(e.isError() ? loadFailure(e) : runOne(e.example()));
    }
    return this;
  }

  private static Outcome loadFailure(ExampleLoader.Entry e) {
    return new Outcome(
        new ExampleResult(e.path().toString(), "", Status.FAIL, Status.FAIL, e.error()), "");
  }

  private Outcome runOne(Example example) {
    ExampleResult r;
    try {
      r = runner.apply(example);
    } catch (RuntimeException e) {
      r =
          new ExampleResult(
              example.source().toString(),
              example.title(),
              Status.FAIL,
              Status.FAIL,
              "runner crashed: " + e);
    }
    String missing = "";
    if (r.outcome() == Status.SKIP) {
      missing =
          String.join(
              ",",
              example.algorithmNames().stream()
                  .filter(n -> ExampleAlgorithms.algorithm(n) == null)
                  .toList());
    }
    return new Outcome(r, missing);
  }

  private void add(Outcome o) {
    outcomes.add(o);
    switch (o.result().outcome()) {
      case PASS -> passed++;
      case FAIL -> failed++;
      default -> skipped++;
    }
  }

  /** Prints one line per failure, and one per skip if asked, naming the file and the reason. */
  void print(PrintWriter out, boolean listSkips) {
    for (Outcome o : outcomes) {
      ExampleResult r = o.result();
      Status s = r.outcome();
      if (s == Status.FAIL || (s == Status.SKIP && listSkips)) {
        String alg = o.skippedFor().isEmpty() ? "" : " (" + o.skippedFor() + ")";
        out.println(s + " " + r.file() + alg + ": " + r.reason());
      }
    }
  }

  /** The line that closes every run's output. */
  String closingLine() {
    return passed + " passed, " + failed + " failed, " + skipped + " skipped";
  }

  List<Outcome> outcomes() {
    return outcomes;
  }

  int failed() {
    return failed;
  }

  int passed() {
    return passed;
  }

  int skipped() {
    return skipped;
  }

  /** The process exit code: non-zero if anything failed. */
  int exitCode() {
    return failed == 0 ? 0 : 1;
  }
}
