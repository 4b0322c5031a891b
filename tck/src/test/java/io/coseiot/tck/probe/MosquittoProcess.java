package io.coseiot.tck.probe;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A Mosquitto process on a free loopback port with its own configuration, for the probe tests. */
final class MosquittoProcess implements AutoCloseable {
  private final Process process;
  private final int port;

  private MosquittoProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** The mosquitto binary on the PATH or in Debian's /usr/sbin, or null. */
  static Path binary() {
    String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin";
    for (String d : path.split(File.pathSeparator)) {
      Path p = d.isEmpty() ? null : Path.of(d, "mosquitto");
      if (p != null && Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static MosquittoProcess start(Path dir) throws Exception {
    int port = freePort();
    Path conf = dir.resolve("mosquitto.conf");
    Files.writeString(
        conf,
        String.join(
            "\n",
            "allow_anonymous true",
            "persistence false",
            "user " + System.getProperty("user.name"),
            "log_dest stdout",
            "listener " + port + " 127.0.0.1",
            ""));
    Process p =
        new ProcessBuilder(binary().toString(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("mosquitto.log").toFile())
            .start();
    MosquittoProcess m = new MosquittoProcess(p, port);
    long end = System.currentTimeMillis() + 20_000;
    while (true) {
      if (!p.isAlive()) {
        throw new IOException("mosquitto exited with " + p.exitValue());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return m;
      } catch (IOException e) {
        if (System.currentTimeMillis() > end) {
          m.close();
          throw e;
        }
        Thread.sleep(50);
      }
    }
  }

  int port() {
    return port;
  }

  String uri() {
    return "tcp://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
