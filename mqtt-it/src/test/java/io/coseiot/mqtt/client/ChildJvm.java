package io.coseiot.mqtt.client;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a test class's {@code main} in a JVM of its own, on the test class path, so that a fault
 * test can kill it outright or measure its heap alone.
 */
final class ChildJvm {
  private ChildJvm() {}

  /**
   * The command for that JVM; the caller sets where its output goes.
   *
   * @param jvmOptions e.g. {@code -Xmx64m}
   * @param main the class whose {@code main} runs
   * @param args its arguments
   */
  static ProcessBuilder command(List<String> jvmOptions, Class<?> main, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    cmd.add(main.getName());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd);
  }
}
