package io.coseiot.tck;

import io.coseiot.interop.Peer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cose-tck verify DIR --peer NAME}: replays one vector folder against one peer. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    header = "Replays a vector folder against one peer in both directions.",
    description = {
      "The peer opens each vector's message, and the library opens what the peer made from the"
          + " same inputs.",
      "Exits 1 on any unexpected result."
    })
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "A folder of Examples-format vectors.")
  Path dir;

  @Option(
      names = "--peer",
      required = true,
      paramLabel = "NAME",
      description = "pycose, cose-java or device")
  String peerName;

  @Option(names = "--report", paramLabel = "DIR", description = "Also write JUnit XML and HTML.")
  Path report;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (!Files.isDirectory(dir)) {
      spec.commandLine().getErr().println("cose-tck: no folder " + dir);
      return 2;
    }
    Matrix m = new Matrix();
    String suite = dir.getFileName().toString();
    m.jvmSuite(suite, dir, out);
    try (Peer peer = Peers.start(peerName)) {
      m.versions.put(peerName, peer.hello().toString());
      m.peerSuite(suite, dir, peer, out);
    } catch (IOException e) {
      m.unavailable.put(peerName, e.getMessage());
    }
    m.print(out);
    if (report != null) {
      Reports.write(m, report);
    }
    out.println(Verify.closingLine(m));
    return m.unexpected() == 0 && m.unavailable.isEmpty() ? 0 : 1;
  }
}
