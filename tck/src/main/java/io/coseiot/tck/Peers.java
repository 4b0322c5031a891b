package io.coseiot.tck;

import io.coseiot.interop.CoseJavaPeer;
import io.coseiot.interop.Peer;
import io.coseiot.interop.PyCoseEnvironment;
import java.io.IOException;
import java.util.List;

/** The peers the TCK knows, by name, and how to start each. */
final class Peers {
  static final List<String> NAMES = List.of("pycose", "cose-java");

  private Peers() {}

  /** Starts a peer; an unavailable one throws with the command that installs it. */
  static Peer start(String name) throws IOException {
    return switch (name) {
      case "pycose" -> PyCoseEnvironment.standard().start();
      case "cose-java" -> CoseJavaPeer.load();
      default -> throw new IOException("unknown peer " + name + "; known: " + NAMES);
    };
  }
}
