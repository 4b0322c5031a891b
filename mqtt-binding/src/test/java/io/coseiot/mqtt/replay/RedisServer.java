package io.coseiot.mqtt.replay;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server process on a free loopback port, without persistence, for the tests of the
 * Redis replay state here and in mqtt-it (hence public). {@link #binary()} is null when Redis is
 * not installed.
 */
public final class RedisServer implements AutoCloseable {
  /** Why a test that needs Redis is skipped. */
  public static final String NOT_INSTALLED =
      "redis-server is not installed (apt-get install -y redis-server; .ci/run does)";

  /** The loopback port it listens on. */
  public final int port;

  private final Process process;
  private final Path log;

  private RedisServer(int port, Process process, Path log) {
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /** The redis-server binary on the PATH or in /usr/bin, or null. */
  public static Path binary() {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin";
    for (String dir : path.split(File.pathSeparator)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, "redis-server");
      if (!dir.isEmpty() && Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /** Starts a server with its working directory (and log) in {@code dir}. */
  public static RedisServer start(Path dir) throws Exception {
    Files.createDirectories(dir);
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path log = dir.resolve("redis.log");
    Process p =
        new ProcessBuilder(
                binary().toString(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    RedisServer r = new RedisServer(port, p, log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return r;
      } catch (IOException e) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          r.close();
          throw new IOException("redis-server did not start: " + Files.readString(log), e);
        }
        Thread.sleep(20);
      }
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
