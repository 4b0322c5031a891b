package io.coseiot.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A {@code redis-server} (Debian's) of the benchmarks' own, on a free loopback port, without
 * persistence: what the replay state costs over the network, not what the disk costs.
 */
final class RedisProcess implements AutoCloseable {
  private final Process process;
  private final int port;

  private RedisProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts the server and waits until it accepts connections.
   *
   * @param dir its working folder and log
   * @return the running server
   * @throws IOException if it cannot start or does not listen within 10 s
   * @throws InterruptedException if interrupted while waiting
   */
  static RedisProcess start(Path dir) throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Process p =
        new ProcessBuilder(
                "redis-server",
                "--port",
                "" + port,
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .start();
    for (int i = 0; i < 500; i++) {
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return new RedisProcess(p, port);
      } catch (IOException e) {
        if (!p.isAlive()) {
          break;
        }
        Thread.sleep(20);
      }
    }
    p.destroy();
    throw new IOException("redis-server did not start on port " + port + "; see " + dir);
  }

  /**
   * The loopback port it listens on.
   *
   * @return the port
   */
  int port() {
    return port;
  }

  /**
   * The server's CPU time so far, as the operating system counts it.
   *
   * @return nanoseconds, or 0 where the system does not say
   */
  long cpuNanos() {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  @Override
  public void close() {
    process.destroy();
  }
}
