package io.coseiot.tck;

import io.coseiot.interop.DeviceBuild;
import io.coseiot.interop.PeerCommand;
import io.coseiot.interop.PeerRegistry;
import io.coseiot.interop.PeersFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The peer options {@code run} and {@code verify} share, and the registry they build: the built-in
 * peers, those of a peers file, and those given as {@code --peer NAME=COMMAND}.
 */
final class Peers {
  private static DeviceBuild device;

  @Option(
      names = "--peer",
      paramLabel = "NAME[=COMMAND]",
      description =
          "A peer to run (repeatable): a registered name (pycose, cose-java, device, rust-coset"
              + " or one of --peers FILE), or NAME=COMMAND to add your own implementation, a"
              + " program that speaks docs/peer-protocol.md on stdin/stdout, e.g."
              + " --peer mine='./my-peer --stdio'. Default: every registered peer.")
  List<String> peers = new ArrayList<>();

  @Option(
      names = "--peers",
      paramLabel = "FILE",
      description =
          "Registers the peers of FILE, a TOML subset: [NAME], then command = [\"PROG\","
              + " \"ARG\"] and optionally dir = \"DIR\", env.VAR = \"VALUE\", timeout = SECONDS"
              + " (see docs/peer-protocol.md).")
  Path peersFile;

  @Option(
      names = "--peer-timeout",
      paramLabel = "SECONDS",
      description =
          "Seconds one request may take for a peer given as a command (default: 10); a peer"
              + " that takes longer fails that vector and is restarted.")
  double timeout = PeerCommand.DEFAULT_TIMEOUT.toSeconds();

  /** The C device peer's build, in the repository the launcher runs from. */
  static synchronized DeviceBuild device() {
    if (device == null) {
      device = DeviceBuild.in(root());
    }
    return device;
  }

  static Path root() {
    return Path.of(System.getProperty(RunCommand.ROOT_PROPERTY, ".")).toAbsolutePath().normalize();
  }

  /** The built-in peers only. */
  static PeerRegistry builtIn() {
    return PeerRegistry.builtIn(root(), new PrintStream(System.err, true));
  }

  /**
   * The registry with the peers file's and the command-line's peers added.
   *
   * @throws IOException for a peers file that does not read
   * @throws IllegalArgumentException for a bad name, command or timeout
   */
  PeerRegistry registry() throws IOException {
    PeerRegistry r = builtIn();
    if (peersFile != null) {
      PeersFile.read(peersFile).forEach(r::add);
    }
    for (String p : peers) {
      int eq = p.indexOf('=');
      if (eq >= 0) {
        r.add(command(p.substring(0, eq), p.substring(eq + 1)));
      }
    }
    return r;
  }

  /** A peer given as a command line, with {@code --peer-timeout}. */
  PeerCommand command(String name, String line) {
    if (!(timeout > 0) || timeout > 3600) {
      throw new IllegalArgumentException("--peer-timeout must be between 0 and 3600 seconds");
    }
    return PeerCommand.of(name, PeerCommand.split(line))
        .withTimeout(Duration.ofMillis(Math.round(timeout * 1000)));
  }

  /** A registered peer's launcher; an unknown name is a usage error. */
  static PeerRegistry.Launcher launcher(PeerRegistry r, String name) {
    PeerRegistry.Entry e = r.entry(name);
    if (e == null) {
      throw new IllegalArgumentException(
          "unknown peer " + name + "; known: " + String.join(", ", r.names()));
    }
    return e.launcher();
  }

  /** The names asked for, or every registered peer; an unknown name is a usage error. */
  List<String> selected(PeerRegistry r) {
    if (peers.isEmpty()) {
      return r.names();
    }
    List<String> out = new ArrayList<>();
    for (String p : peers) {
      int eq = p.indexOf('=');
      String name = eq >= 0 ? p.substring(0, eq) : p;
      launcher(r, name);
      if (!out.contains(name)) {
        out.add(name);
      }
    }
    return out;
  }
}
