package io.coseiot.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Python virtual environment the pyCOSE peer runs in: created in a cache folder that outlives
 * builds ({@code $COSE_IOT_PYENV}, else {@code ~/.cache/cose-iot/pyenv}), with the pinned
 * requirements of {@code interop/src/main/python/requirements.txt} installed from PyPI. A stamp
 * file holding the requirements tells whether the environment is current.
 */
public final class PyCoseEnvironment {
  /** The command that creates the environment, as shown when the peer is unavailable. */
  public static final String INSTALL_COMMAND = "./cose-tck peers install";

  private static final String STAMP = "cose-iot-requirements.txt";

  private final Path dir;

  /**
   * Uses the given folder.
   *
   * @param dir the environment's folder
   */
  public PyCoseEnvironment(Path dir) {
    this.dir = dir;
  }

  /**
   * Returns the environment in the default cache folder.
   *
   * @return the environment
   */
  public static PyCoseEnvironment standard() {
    String env = System.getenv("COSE_IOT_PYENV");
    return new PyCoseEnvironment(
        env != null && !env.isBlank()
            ? Path.of(env)
            : Path.of(System.getProperty("user.home"), ".cache", "cose-iot", "pyenv"));
  }

  /**
   * Returns the folder.
   *
   * @return the path
   */
  public Path dir() {
    return dir;
  }

  private Path python() {
    return dir.resolve("bin").resolve("python");
  }

  /**
   * Returns why the peer cannot start, or null if the environment is ready.
   *
   * @return the reason, naming {@link #INSTALL_COMMAND}
   */
  public String unavailableReason() {
    try {
      if (!Files.isExecutable(python())) {
        return "no Python environment at " + dir + "; run " + INSTALL_COMMAND;
      }
      Path stamp = dir.resolve(STAMP);
      if (!Files.exists(stamp) || !Arrays.equals(Files.readAllBytes(stamp), requirements())) {
        return "Python environment at " + dir + " is not current; run " + INSTALL_COMMAND;
      }
      return null;
    } catch (IOException e) {
      return "cannot read " + dir + ": " + e.getMessage() + "; run " + INSTALL_COMMAND;
    }
  }

  /**
   * Creates the environment and installs the pinned packages, unless it is already current.
   *
   * @param log where to report progress and the commands run
   * @throws IOException if Python, venv or pip is missing or fails; the message says what to
   *     install
   */
  public void install(PrintStream log) throws IOException {
    if (unavailableReason() == null) {
      log.println("pyCOSE environment at " + dir + " is current");
      return;
    }
    Files.createDirectories(dir.getParent());
    Path req = Files.createTempFile("cose-iot-requirements", ".txt");
    try {
      Files.write(req, requirements());
      run(
          log,
          List.of("python3", "-m", "venv", "--clear", dir.toString()),
          "python3 with venv is needed: apt-get install -y python3 python3-venv");
      run(
          log,
          List.of(
              python().toString(),
              "-m",
              "pip",
              "install",
              "-q",
              "--disable-pip-version-check",
              "-r",
              req.toString()),
          "pip could not install the pinned packages from PyPI");
      Files.write(dir.resolve(STAMP), requirements());
    } finally {
      Files.deleteIfExists(req);
    }
    log.println("pyCOSE environment ready at " + dir);
  }

  private static void run(PrintStream log, List<String> cmd, String hint) throws IOException {
    log.println("$ " + String.join(" ", cmd));
    Process p;
    try {
      p = new ProcessBuilder(cmd).inheritIO().start();
    } catch (IOException e) {
      throw new IOException(hint + " (" + e.getMessage() + ")", e);
    }
    try {
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IOException(hint + " (" + String.join(" ", cmd) + " failed)");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /**
   * Starts the pyCOSE peer process.
   *
   * @return the peer
   * @throws IOException if the environment is not ready or the process does not start
   */
  public LineProtocolPeer start() throws IOException {
    return new LineProtocolPeer(peerCommand());
  }

  /**
   * Returns how to start the pyCOSE peer process.
   *
   * @return the {@code pycose} command
   * @throws IOException if the environment is not ready
   */
  public PeerCommand peerCommand() throws IOException {
    return PeerCommand.of("pycose", scriptCommand("pycose_peer.py"));
  }

  /**
   * Returns the command line of the pyCOSE MQTT client ({@code pycose_mqtt.py}: the MQTT profile on
   * paho-mqtt, MQTT v5), to which the caller appends its options.
   *
   * @return python and the script
   * @throws IOException if the environment is not ready
   */
  public List<String> mqttCommand() throws IOException {
    return scriptCommand("pycose_mqtt.py");
  }

  /**
   * Returns the command that runs one of the interop module's Python scripts (the peer, or {@code
   * pycose_bench.py}) in this environment, after copying the script into it if it changed.
   *
   * @param script the file name under {@code interop/src/main/python}
   * @return python, {@code -u} and the script's path; append the script's arguments
   * @throws IOException if the environment is not ready or the script cannot be written
   */
  public List<String> scriptCommand(String script) throws IOException {
    String why = unavailableReason();
    if (why != null) {
      throw new IOException(why);
    }
    Path file = dir.resolve(script);
    byte[] code = resource("python/" + script);
    if (!Files.exists(file) || !Arrays.equals(Files.readAllBytes(file), code)) {
      Files.write(file, code);
    }
    return List.of(python().toString(), "-u", file.toString());
  }

  private static byte[] requirements() throws IOException {
    return resource("python/requirements.txt");
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = PyCoseEnvironment.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("resource " + name + " missing from the interop module");
      }
      return in.readAllBytes();
    }
  }
}
