package io.coseiot.tck;

import io.coseiot.vectors.examples.ExampleRunner;
import io.coseiot.vectors.examples.MqttProfileRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cose-tck examples PATH... [--json FILE]}: runs COSE WG Examples files. */
@Command(
    name = "examples",
    mixinStandardHelpOptions = true,
    header = "Runs COSE WG Examples files through the core library.",
    description = {
      "Runs COSE WG Examples files (every *.json under each folder) through the core library.",
      "Prints each failing and skipped example, then 'N passed, N failed, N skipped'.",
      "Exits 1 if any example failed or did not load."
    })
final class ExamplesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Example files or folders.")
  List<Path> paths;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write a per-example report.")
  Path json;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    // MQTT vectors are also opened as a profile receiver would.
    SuiteRun run = new SuiteRun(new MqttProfileRunner(new ExampleRunner()::run)::run).run(paths);
    run.print(out, true);
    out.println(run.closingLine());
    if (json != null) {
      JsonReport.write(run, json);
    }
    out.flush();
    return run.exitCode();
  }
}
