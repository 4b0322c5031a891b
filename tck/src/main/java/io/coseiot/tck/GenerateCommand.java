package io.coseiot.tck;

import io.coseiot.cose.exception.CoseException;
import io.coseiot.vectors.generate.Profile;
import io.coseiot.vectors.generate.VectorGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cose-tck generate}: writes the project's vector set (docs/vectors.md). */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    header = "Writes the cose-iot vector set; the same seed and version give the same bytes.",
    description = "Writes the vectors in the COSE WG Examples format (docs/vectors.md).")
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
    Map<String, byte[]> files =
        VectorGenerator.render(new VectorGenerator(Profile.of(profile), seed).generate());
    // Per folder, so a reader sees at once what a set holds (e.g. the MQTT profile's mqtt/).
    Map<String, Integer> perFolder = VectorGenerator.write(out, files);
    StringBuilder folders = new StringBuilder();
    perFolder.forEach(
        (k, v) ->
            folders.append(folders.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
    spec.commandLine()
        .getOut()
        .println(
            "wrote "
                + files.size()
                + " vectors ("
                + profile
                + ", seed "
                + seed
                + ", format "
                + VectorGenerator.FORMAT_VERSION
                + ") to "
                + out
                + ": "
                + folders);
    return 0;
  }
}
