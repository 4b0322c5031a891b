package io.coseiot.tck;

import io.coseiot.interop.PeerCommand;
import io.coseiot.interop.PeerRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cose-tck verify DIR --peer NAME | --peer-command CMD}: replays one vector folder against
 * one peer.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    header = "Replays a vector folder against one peer, built-in or your own, in both directions.",
    version = CoseTck.VERSION,
    description = {
      "Replays a vector folder against one peer in both directions: the peer opens ours, and we"
          + " open what the peer made from the same inputs. The peer is a registered one"
          + " (--peer NAME), or your implementation: --peer-command 'CMD ARGS...' (or"
          + " --peer NAME=CMD), a program that speaks docs/peer-protocol.md. What its hello does"
          + " not list, and what it answers 'unsupported', is n/a, never a failure.",
      "Exits 0 if nothing was unexpected, 1 on an unexpected result or an unavailable peer, 2 on"
          + " usage errors."
    })
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "A folder of Examples-format vectors.")
  Path dir;

  @Mixin Peers peerOptions;

  @Option(
      names = "--peer-command",
      paramLabel = "'CMD ARGS...'",
      description =
          "Your peer's command line, split into words as a shell would (quotes, backslashes; no"
              + " expansion); the peer is named by its hello's name.")
  String peerCommand;

  @Option(names = "--report", paramLabel = "DIR", description = "Also write JUnit XML and HTML.")
  Path report;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isDirectory(dir)) {
      err.println("cose-tck: no folder " + dir);
      return 2;
    }
    if ((peerCommand == null) == (peerOptions.peers.size() != 1)) {
      err.println("cose-tck: verify takes one peer: --peer NAME[=CMD] or --peer-command CMD");
      return 2;
    }
    PeerRegistry.Launcher launcher;
    String label;
    try {
      PeerRegistry registry = peerOptions.registry();
      if (peerCommand != null) {
        // Without a name the peer is called what its hello says.
        PeerCommand c = peerOptions.command(null, peerCommand);
        launcher = () -> c;
        label = "command";
      } else {
        label = peerOptions.selected(registry).get(0);
        launcher = Peers.launcher(registry, label);
      }
    } catch (IOException | IllegalArgumentException e) {
      err.println("cose-tck: " + e.getMessage());
      return 2;
    }
    Matrix m = new Matrix();
    String suite = dir.getFileName().toString();
    m.jvmSuite(suite, dir, out);
    RunCommand.runPeer(m, label, launcher, Map.of(suite, dir), out);
    m.print(out);
    if (report != null) {
      Reports.write(m, report);
    }
    out.println(Verify.closingLine(m));
    return m.unexpected() == 0 && m.unavailable.isEmpty() ? 0 : 1;
  }
}
