package io.coseiot.tck;

import io.coseiot.interop.CoseJavaPeer;
import io.coseiot.interop.DeviceBuild;
import io.coseiot.interop.Peer;
import io.coseiot.interop.PyCoseEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The peers the TCK knows, by name, and how to start each. */
final class Peers {
  static final List<String> NAMES = List.of("pycose", "cose-java", DeviceBuild.NAME);

  private static DeviceBuild device;

  private Peers() {}

  /** The C device peer's build, in the repository the launcher runs from. */
  static synchronized DeviceBuild device() {
    if (device == null) {
      Path root = Path.of(System.getProperty(RunCommand.ROOT_PROPERTY, "."));
      device = new DeviceBuild(root.resolve("device"));
    }
    return device;
  }

  /** Starts a peer; an unavailable one throws with the command that installs it. */
  static Peer start(String name) throws IOException {
    return switch (name) {
      case "pycose" -> {
        // The tooling makes its own environment: a fresh machine needs no separate step.
        PyCoseEnvironment env = PyCoseEnvironment.standard();
        if (env.unavailableReason() != null) {
          env.install(System.err);
        }
        yield env.start();
      }
      case "cose-java" -> CoseJavaPeer.start();
      case DeviceBuild.NAME -> device().start();
      default -> throw new IOException("unknown peer " + name + "; known: " + NAMES);
    };
  }
}
