package io.coseiot.tck;

import io.coseiot.cose.exception.CoseException;
import io.coseiot.vectors.generate.Profile;
import io.coseiot.vectors.generate.VectorGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cose-tck generate}: writes the project's vector set (docs/vectors.md). */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = "Writes the cose-iot vector set; same seed and version give the same bytes.")
final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Option(
      names = "--profile",
      defaultValue = "full",
      paramLabel = "device|full",
      description = "Which algorithms (default: ${DEFAULT-VALUE}).")
  String profile;

  @Option(
      names = "--seed",
      defaultValue = "1",
      paramLabel = "N",
      description = "Seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws IOException, CoseException {
    int n = new VectorGenerator(Profile.of(profile), seed).write(out);
    spec.commandLine()
        .getOut()
        .println("wrote " + n + " vectors (" + profile + ", seed " + seed + ") to " + out);
    return 0;
  }
}
