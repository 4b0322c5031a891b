package io.coseiot.tck;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code cose-tck} command line: conformance runs of cose-iot over vector suites. */
@Command(
    name = "cose-tck",
    mixinStandardHelpOptions = true,
    version = CoseTck.VERSION,
    description = "Conformance kit for cose-iot.",
    subcommands = {
      RunCommand.class,
      ExamplesCommand.class,
      GenerateCommand.class,
      VerifyCommand.class,
      PeersCommand.class,
      DemoCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class CoseTck implements Runnable {
  /** What {@code --version} prints, for every command. */
  static final String VERSION = "cose-tck 0.1.0";

  /** Creates the top-level command. */
  public CoseTck() {}

  /**
   * Runs the command line and exits with its code.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.exit(
        execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /**
   * Runs the command line without exiting, for tests and embedding.
   *
   * @param out where results go
   * @param err where usage errors go
   * @param args the arguments
   * @return the exit code: 0 if nothing failed, 1 if something failed, 2 for a usage error
   */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    return new CommandLine(new CoseTck()).setOut(out).setErr(err).execute(args);
  }

  @Spec CommandSpec spec;

  /** Without a subcommand there is nothing to do; say so as a usage error. */
  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "a subcommand is required: run, examples, generate, verify, peers, demo or bench");
  }
}
