package io.coseiot.mqtt.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real MQTT broker that the tests start on loopback: plain TCP, TLS (server authentication only)
 * and mutual TLS (a client certificate from the test CA required), each on its own free port.
 */
interface Broker extends AutoCloseable {
  /** A short name for test reports, e.g. {@code hivemq}. */
  String name();

  /** The plain listener, {@code tcp://127.0.0.1:PORT}. */
  String tcpUri();

  /** The TLS listener, {@code ssl://127.0.0.1:PORT}. */
  String tlsUri();

  /** The mutual TLS listener, {@code ssl://127.0.0.1:PORT}. */
  String mtlsUri();

  /** Stops the broker; never throws. */
  @Override
  void close();

  /** Stops a broker process: politely, then with SIGKILL after 10 s; never throws. */
  static void stop(Process process) {
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

  /** A loopback port nobody listens on now. */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  /** Waits until something accepts connections on the loopback port. */
  static void awaitPort(int port, Duration timeout, Process process) throws IOException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (process != null && !process.isAlive()) {
        throw new IOException("broker exited with " + process.exitValue() + " before listening");
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
    }
    throw new IOException("nothing listens on 127.0.0.1:" + port + " after " + timeout);
  }
}
