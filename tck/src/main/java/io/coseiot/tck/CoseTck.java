package io.coseiot.tck;

import io.coseiot.tck.probe.ProbeCommand;
import io.coseiot.tck.probe.PublishCommand;
import io.coseiot.tck.probe.SubscribeCommand;
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
    description =
        "Conformance kit for COSE (RFC 9052/9053) and the cose-iot MQTT profile: runs vector suites"
            + " through the library and interop peers.",
    subcommands = {
      RunCommand.class,
      ExamplesCommand.class,
      GenerateCommand.class,
      VerifyCommand.class,
      PeersCommand.class,
      DemoCommand.class,
      BenchCommand.class,
      ProbeCommand.class,
      PublishCommand.class,
      SubscribeCommand.class,
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
    CommandLine cl = new CommandLine(new CoseTck());
    giveVersion(cl, cl.getCommandSpec().version());
    return cl.setOut(out).setErr(err).execute(args);
  }

  /** Every subcommand's --version says the kit's version, whoever registers the subcommand. */
  private static void giveVersion(CommandLine cl, String[] version) {
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (sub.getCommandSpec().version().length == 0) {
        sub.getCommandSpec().version(version);
      }
      giveVersion(sub, version);
    }
  }

  @Spec CommandSpec spec;

  /** Without a subcommand there is nothing to do; say so as a usage error. */
  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "a subcommand is required: run, examples, generate, verify, peers, demo, bench, probe,"
            + " publish or subscribe");
  }
}
