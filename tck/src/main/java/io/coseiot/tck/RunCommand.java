package io.coseiot.tck;

import io.coseiot.vectors.examples.ExampleResult.Status;
import io.coseiot.vectors.examples.ExampleRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cose-tck run}: the conformance run over every vector suite the project knows. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs every known vector suite: today the COSE WG Examples in <shared>/vectors.",
      "Exits 1 if anything failed."
    })
final class RunCommand implements Callable<Integer> {
  /** Set by the launcher script to the repository root; ../shared is found beside it. */
  static final String ROOT_PROPERTY = "cose.tck.root";

  @Spec CommandSpec spec;

  @Option(
      names = "--shared",
      paramLabel = "DIR",
      description = "The shared folder (default: ../shared beside the repository).")
  Path shared;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write a per-example report.")
  Path json;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Path suite = sharedDir().resolve("vectors/cose-wg-examples");
    if (!Files.isDirectory(suite)) {
      spec.commandLine().getErr().println("cose-tck: no Examples suite at " + suite);
      return 2;
    }
    SuiteRun run = new SuiteRun(new ExampleRunner()::run).run(List.of(suite));
    out.println("COSE WG Examples (" + suite + "):");
    run.print(out, false);
    printSkips(run, out);
    if (json != null) {
      JsonReport.write(run, json);
    }
    out.println(run.closingLine());
    out.flush();
    return run.exitCode();
  }

  /** Skips grouped by cause, so the summary stays short however many there are. */
  private static void printSkips(SuiteRun run, PrintWriter out) {
    Map<String, Integer> causes = new TreeMap<>();
    for (SuiteRun.Outcome o : run.outcomes()) {
      if (o.result().outcome() == Status.SKIP) {
        String cause =
            o.skippedFor().isEmpty() ? o.result().reason() : "algorithm " + o.skippedFor();
        causes.merge(cause, 1, Integer::sum);
      }
    }
    causes.forEach((cause, n) -> out.println("  skipped " + n + ": " + cause));
  }

  private Path sharedDir() {
    if (shared != null) {
      return shared;
    }
    String fromBuild = System.getProperty("cose.shared.dir");
    if (fromBuild != null) {
      return Path.of(fromBuild);
    }
    return Path.of(System.getProperty(ROOT_PROPERTY, ".")).resolve("../shared").normalize();
  }
}
