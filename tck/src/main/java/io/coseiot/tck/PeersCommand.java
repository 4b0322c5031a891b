package io.coseiot.tck;

import io.coseiot.interop.LineProtocolPeer;
import io.coseiot.interop.PeerRegistry;
import io.coseiot.interop.PeersFile;
import io.coseiot.interop.PyCoseEnvironment;
import io.coseiot.interop.RustCosetBuild;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cose-tck peers [list|install]}: shows the peers, or installs and builds the built-in ones.
 */
@Command(
    name = "peers",
    mixinStandardHelpOptions = true,
    header = "Lists the interop peers, or installs the pyCOSE environment and the Rust adapter.",
    version = CoseTck.VERSION,
    description = {
      "list (default): every registered peer (the built-in ones and those of --peers FILE),"
          + " started once: available with its version and algorithms, or unavailable with the"
          + " command that installs it.",
      "install: creates the pyCOSE virtual environment (pinned pycose, paho-mqtt) from PyPI and"
          + " builds the Rust coset adapter with cargo (crates.io, pinned by its Cargo.lock).",
      "Exits 1 if an install step fails, 2 on usage errors (a bad peers file)."
    })
final class PeersCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", defaultValue = "list", paramLabel = "list|install")
  String action;

  @Option(names = "--peers", paramLabel = "FILE", description = "Also list the peers of FILE.")
  Path peersFile;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (action.equals("install")) {
      try {
        PyCoseEnvironment.standard().install(new PrintStream(System.out, true));
      } catch (IOException e) {
        err.println("cose-tck: " + e.getMessage());
        return 1;
      }
      RustCosetBuild rust = RustCosetBuild.in(Peers.root());
      out.println("$ " + rust.buildCommand());
      out.flush();
      String why = rust.unavailableReason();
      if (why != null) {
        err.println("cose-tck: " + why);
        return 1;
      }
      out.println("Rust coset adapter ready at " + rust.binary());
      return 0;
    }
    if (!action.equals("list")) {
      err.println("cose-tck: unknown action " + action + "; use list or install");
      return 2;
    }
    PeerRegistry registry = Peers.builtIn();
    try {
      if (peersFile != null) {
        PeersFile.read(peersFile).forEach(registry::add);
      }
    } catch (IOException e) {
      err.println("cose-tck: " + e.getMessage());
      return 2;
    }
    for (String name : registry.names()) {
      try (LineProtocolPeer p = registry.start(name)) {
        out.println(
            name
                + ": available, "
                + p.hello().body().path("version").asText()
                + ", protocol "
                + p.hello().body().path("protocol").asInt(1)
                + ", algorithms "
                + p.hello().body().path("algorithms"));
      } catch (IOException e) {
        out.println(name + ": unavailable: " + e.getMessage());
      }
    }
    return 0;
  }
}
