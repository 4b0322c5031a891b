package io.coseiot.interop;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The peers the TCK knows, by name: the built-in ones (pyCOSE, COSE-JAVA, the C device peer, the
 * Rust coset adapter) and those a user adds with a command or a peers file. Every entry is a
 * line-protocol process started the same way; the built-in ones only also install or build what
 * they need first.
 */
public final class PeerRegistry {
  /** Installs or builds what a peer needs, then says how to start it. */
  @FunctionalInterface
  public interface Launcher {
    /**
     * Prepares the peer.
     *
     * @return how to start it
     * @throws IOException if it is unavailable; the message says what to install or run
     */
    PeerCommand prepare() throws IOException;
  }

  /**
   * One registered peer.
   *
   * @param name its name
   * @param about what it is, for {@code cose-tck peers}
   * @param launcher how to prepare and start it
   */
  public record Entry(String name, String about, Launcher launcher) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final List<String> builtIn = new ArrayList<>();

  /**
   * The built-in peers of the repository at {@code root}.
   *
   * @param root the repository root
   * @param log where installing pyCOSE's environment reports progress
   * @return the registry
   */
  public static PeerRegistry builtIn(Path root, PrintStream log) {
    PeerRegistry r = new PeerRegistry();
    r.put(
        new Entry(
            "pycose",
            "pyCOSE 1.1.0 in a Python virtual environment",
            () -> {
              // The tooling makes its own environment: a fresh machine needs no separate step.
              PyCoseEnvironment env = PyCoseEnvironment.standard();
              if (env.unavailableReason() != null) {
                env.install(log);
              }
              return env.peerCommand();
            }));
    r.put(new Entry("cose-java", "COSE-JAVA 1.1.0 in a JVM of its own", CoseJavaPeer::peerCommand));
    DeviceBuild device = DeviceBuild.in(root);
    r.put(new Entry(DeviceBuild.NAME, "the C device peer", device::peerCommand));
    RustCosetBuild rust = RustCosetBuild.in(root);
    r.put(new Entry(RustCosetBuild.NAME, "the Rust adapter on coset", rust::peerCommand));
    r.builtIn.addAll(r.entries.keySet());
    return r;
  }

  private void put(Entry e) {
    entries.put(e.name(), e);
  }

  /**
   * Adds a peer given by its command, replacing a registered one of the same name.
   *
   * @param command the command; it must have a name
   */
  public void add(PeerCommand command) {
    if (command.name() == null) {
      throw new IllegalArgumentException("a registered peer needs a name");
    }
    builtIn.remove(command.name());
    put(new Entry(command.name(), String.join(" ", command.argv()), () -> command));
  }

  /**
   * Returns the names of every peer, built-in ones first.
   *
   * @return the names
   */
  public List<String> names() {
    return List.copyOf(entries.keySet());
  }

  /**
   * Returns whether a name is a built-in peer that was not replaced.
   *
   * @param name the name
   * @return true for pycose, cose-java, device and rust-coset
   */
  public boolean isBuiltIn(String name) {
    return builtIn.contains(name);
  }

  /**
   * Returns a peer's entry.
   *
   * @param name the name
   * @return the entry, or null if unknown
   */
  public Entry entry(String name) {
    return entries.get(name);
  }

  /**
   * Prepares and starts a peer, and checks its hello.
   *
   * @param name the name
   * @return the running peer
   * @throws IOException if it is unknown, unavailable, does not start or its hello fails
   */
  public LineProtocolPeer start(String name) throws IOException {
    Entry e = entries.get(name);
    if (e == null) {
      throw new IOException("unknown peer " + name + "; known: " + String.join(", ", names()));
    }
    return start(e.launcher().prepare());
  }

  /**
   * Starts a peer from its command and checks its hello.
   *
   * @param command the command
   * @return the running peer
   * @throws IOException if it does not start or its hello fails
   */
  public static LineProtocolPeer start(PeerCommand command) throws IOException {
    LineProtocolPeer peer = new LineProtocolPeer(command);
    if (!peer.hello().ok()) {
      String why = peer.hello().error();
      peer.close();
      throw new IOException("peer " + peer.name() + " did not answer hello: " + why);
    }
    return peer;
  }
}
