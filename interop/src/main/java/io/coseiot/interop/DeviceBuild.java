package io.coseiot.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The C device library of {@code device/} as the TCK's peer: its drives built on demand with the
 * system compiler through {@code build.sh} (which checks for what the build needs and runs {@code
 * make}; make rebuilds only what is stale) on the default backends, tinycbor and mbedTLS 3.6 (both
 * compiled from {@code ../shared/third_party}), then started as the {@code device} line-protocol
 * peer or run as the MQTT device {@code device_mqtt}.
 */
public final class DeviceBuild {
  /** The peer's name in the TCK. */
  public static final String NAME = "device";

  /**
   * The message buffer the peer runs with: esp-mqtt's default, which holds every single-recipient
   * vector of the suites (the largest is under 1000 bytes); a larger one would be refused with a
   * size error ({@code unsupported}), never truncated.
   */
  public static final int BUFFER = 1024;

  /** The backends the peer is built on: the library's defaults, as on an ESP32. */
  public static final String COMBO = "tinycbor-mbedtls3";

  private final Path dir;
  private String built;
  private String failure;

  /**
   * Uses the device library's folder.
   *
   * @param dir {@code device}
   */
  public DeviceBuild(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  /**
   * Returns the source folder.
   *
   * @return the folder
   */
  public Path dir() {
    return dir;
  }

  /**
   * Returns the command that builds the peer, as shown when it is unavailable.
   *
   * @return the command
   */
  public String buildCommand() {
    return "make -C " + dir + " all";
  }

  /**
   * Builds the line-protocol peer and the MQTT device if they are missing or stale.
   *
   * @return null if both are built, else why not (with the command that installs or builds them)
   */
  public synchronized String unavailableReason() {
    if (built != null || failure != null) {
      return failure;
    }
    if (!Files.isRegularFile(dir.resolve("build.sh"))) {
      return failure = "no device peer sources at " + dir;
    }
    List<String> all = new ArrayList<>(List.of("bash", dir.resolve("build.sh").toString()));
    all.add(binary("device_peer"));
    all.add(binary("device_mqtt"));
    try {
      Process p = new ProcessBuilder(all).directory(dir.toFile()).redirectErrorStream(true).start();
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return failure = "building the device peer timed out; run " + buildCommand();
      }
      if (p.exitValue() != 0) {
        String text = new String(out, StandardCharsets.UTF_8).strip();
        if (text.length() > 2000) {
          text = "..." + text.substring(text.length() - 2000);
        }
        return failure =
            "the device peer does not build ("
                + text.replace('\n', ' ')
                + "); install the packages named, then run "
                + buildCommand();
      }
    } catch (IOException e) {
      return failure = "cannot run bash/make (" + e.getMessage() + "); run " + buildCommand();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failure = "interrupted while building the device peer";
    }
    built = "ok";
    return null;
  }

  /**
   * Returns the MQTT device binary, building it if needed.
   *
   * @return {@code build/tinycbor-mbedtls3/device_mqtt}
   * @throws IOException if it cannot be built, naming the command that builds it
   */
  public Path mqttDevice() throws IOException {
    String why = unavailableReason();
    if (why != null) {
      throw new IOException(why);
    }
    return dir.resolve(binary("device_mqtt"));
  }

  private static String binary(String name) {
    return "build/" + COMBO + "/" + name;
  }

  /**
   * Builds the peer if needed and starts it with {@link #BUFFER}.
   *
   * @return the {@code device} peer
   * @throws IOException if it cannot be built or does not start
   */
  public LineProtocolPeer start() throws IOException {
    String why = unavailableReason();
    if (why != null) {
      throw new IOException(why);
    }
    LineProtocolPeer peer =
        new LineProtocolPeer(
            NAME,
            List.of(
                dir.resolve(binary("device_peer")).toString(), "--buffer", String.valueOf(BUFFER)));
    if (!peer.hello().ok()) {
      peer.close();
      throw new IOException("the device peer did not answer hello: " + peer.hello());
    }
    return peer;
  }
}
