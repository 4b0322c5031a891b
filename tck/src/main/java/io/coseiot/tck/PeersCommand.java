package io.coseiot.tck;

import io.coseiot.interop.Peer;
import io.coseiot.interop.PyCoseEnvironment;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cose-tck peers [list|install]}: shows the peers, or creates the pyCOSE environment. */
@Command(
    name = "peers",
    mixinStandardHelpOptions = true,
    header = "Lists the interop peers, or installs the pyCOSE environment.",
    description = {
      "list (default): which peers are available, with versions or the command that installs them.",
      "install: creates the pyCOSE virtual environment (pinned pycose, paho-mqtt) from PyPI."
    })
final class PeersCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", defaultValue = "list", paramLabel = "list|install")
  String action;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (action.equals("install")) {
      try {
        PyCoseEnvironment.standard().install(new PrintStream(System.out, true));
        return 0;
      } catch (IOException e) {
        spec.commandLine().getErr().println("cose-tck: " + e.getMessage());
        return 1;
      }
    }
    for (String name : Peers.NAMES) {
      try (Peer p = Peers.start(name)) {
        out.println(
            name
                + ": available, "
                + p.hello().body().path("version").asText()
                + ", algorithms "
                + p.hello().body().path("algorithms"));
      } catch (IOException e) {
        out.println(name + ": unavailable: " + e.getMessage());
      }
    }
    return 0;
  }
}
