package io.coseiot.tck.probe;

import io.coseiot.cose.algorithm.Algorithm;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cose-tck probe}: checks a live device's traffic on a broker against the MQTT profile. */
@Command(
    name = "probe",
    mixinStandardHelpOptions = true,
    version = "cose-tck probe 0.1.0",
    description = {
      "Checks every message a device under test publishes on a broker against the cose-iot MQTT"
          + " profile (docs/mqtt-cose-profile.md), with the deployment's keys.",
      "It subscribes as a plain MQTT client, so it sees the bytes and properties as sent, and"
          + " checks: the COSE tag, headers and sizes, the algorithm, the Content Type, Payload"
          + " Format Indicator and cose-kid property (MQTT 5), that the kid names the derived key,"
          + " that each message opens under the topic it arrived on, that no nonce (IV or Partial"
          + " IV) repeats under one key for the whole observation, that sequence numbers increase"
          + " per sender, and that no message is replayed (a QoS 1 redelivery with DUP is allowed).",
      "With --commands it also sends sealed commands, a replay and a forgery, and checks the"
          + " device's echo (profile section 12.1).",
      "Every finding names the requirement id it violates (profile section 12).",
      "Exit status: 0 the device conforms, 1 a violation was found, 2 setup or usage error"
          + " (broker unreachable, bad keys or flags, nothing observed)."
    })
public final class ProbeCommand implements Callable<Integer> {
  /** Creates the command. */
  public ProbeCommand() {}

  @Spec CommandSpec spec;

  @Mixin DeploymentOptions keys;

  @Option(
      names = "--messages",
      paramLabel = "N",
      description = "Stop after N messages from the device (and the command exchange).")
  Integer messages;

  @Option(
      names = "--duration",
      paramLabel = "S",
      description = "Observe for at most S seconds (default: 30).")
  Integer duration;

  @Option(
      names = "--commands",
      paramLabel = "TOPIC",
      description = "The device's command topic: send sealed commands there and check the echo.")
  String commands;

  @Option(
      names = "--commands-filter",
      paramLabel = "FILTER",
      description = "The filter the command key is derived for (default: the --commands topic).")
  String commandsFilter;

  @Option(
      names = "--commands-alg",
      paramLabel = "ID",
      defaultValue = "1",
      description = "The command key's COSE algorithm id, e.g. 1 (A128GCM, the default) or 10.")
  long commandsAlg;

  @Option(
      names = "--commands-nonces",
      paramLabel = "counter|random",
      defaultValue = "counter",
      description =
          "How commands are sealed: counter mode with a fresh sender id (default), which tests the"
              + " device's replay window, or random IVs, which tests its memory of (kid, IV).")
  String commandsNonces;

  @Option(
      names = "--echo-timeout",
      paramLabel = "S",
      defaultValue = "5",
      description = "How long to wait for each echo (default: ${DEFAULT-VALUE} s).")
  int echoTimeout;

  @Option(
      names = "--max-size",
      paramLabel = "BYTES",
      defaultValue = "262144",
      description = "The receivers' maximum payload size (default: ${DEFAULT-VALUE}, 256 KiB).")
  int maxSize;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the findings as JSON.")
  Path json;

  @Option(
      names = "--junit",
      paramLabel = "FILE",
      description = "Write JUnit XML: one test case per requirement.")
  Path junit;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Deployment d = keys.deployment(null);
      if ((messages != null && messages < 1)
          || (duration != null && duration < 1)
          || echoTimeout < 1
          || maxSize < 1) {
        throw new ProbeSetupException(
            "--messages, --duration, --echo-timeout and --max-size must be positive");
      }
      CommandExchange exchange = null;
      if (commands != null) {
        Algorithm alg = Algorithm.fromId(commandsAlg);
        if (alg == null
            || !d.profile().allows(alg)
            || alg.kind() != Algorithm.Kind.AEAD && alg.kind() != Algorithm.Kind.MAC) {
          throw new ProbeSetupException(
              "--commands-alg " + commandsAlg + " is no AEAD or MAC algorithm of the profile");
        }
        if (!commandsNonces.equals("counter") && !commandsNonces.equals("random")) {
          throw new ProbeSetupException("--commands-nonces must be counter or random");
        }
        exchange =
            new CommandExchange(
                d,
                commands,
                commandsFilter == null ? commands : commandsFilter,
                alg,
                commandsNonces.equals("counter"),
                echoTimeout);
      }
      ProbeRun.Result r =
          ProbeRun.run(
              d,
              maxSize,
              messages == null ? 0 : messages,
              duration == null ? 30 : duration,
              exchange,
              out);
      ProbeReport report = new ProbeReport(d, r);
      report.text(out);
      if (json != null) {
        report.json(json);
      }
      if (junit != null) {
        report.junit(junit);
      }
      int code = report.exitCode();
      if (code == 2) {
        err.println("cose-tck probe: " + report.verdict());
      }
      return code;
    } catch (ProbeSetupException e) {
      err.println("cose-tck probe: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("cose-tck probe: cannot write the report: " + e.getMessage());
      return 2;
    }
  }
}
