package io.coseiot.mqtt.paho;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;

/**
 * A plain TCP socket whose input stream is buffered: one {@link BufferedInputStream} over the
 * socket's own stream, the same one on every call.
 *
 * <p>Paho reads each packet straight from the socket's stream: the fixed header byte, each byte of
 * the remaining length, then the rest, and asks {@code available()} before every packet, so a
 * received packet costs four or five system calls, each behind the socket's lock. With the buffer
 * one read takes in whatever the kernel holds (many packets under load) and the rest come from
 * memory: over a quick {@code MqttBench} run through Mosquitto, {@code strace} counted 87,204 reads
 * instead of 651,543 and 70,973 {@code FIONREAD} calls instead of 180,296. Closing the stream still
 * closes the socket, end of stream is still -1, and the socket's own checks (closed, not connected,
 * input shut down) still apply to {@link #getInputStream()}.
 */
final class ReadBufferedSocket extends Socket {
  private InputStream in;

  /** An unconnected socket, which Paho connects itself (its {@code tcp://} path). */
  ReadBufferedSocket() {}

  ReadBufferedSocket(String host, int port) throws IOException {
    super(host, port);
  }

  ReadBufferedSocket(String host, int port, InetAddress local, int localPort) throws IOException {
    super(host, port, local, localPort);
  }

  ReadBufferedSocket(InetAddress host, int port) throws IOException {
    super(host, port);
  }

  ReadBufferedSocket(InetAddress host, int port, InetAddress local, int localPort)
      throws IOException {
    super(host, port, local, localPort);
  }

  @Override
  public synchronized InputStream getInputStream() throws IOException {
    // Asked every time so that a closed or shut-down socket fails here as it did before.
    InputStream raw = super.getInputStream();
    if (in == null) {
      in = new Buffer(raw);
    }
    return in;
  }

  /**
   * Answers {@code available()} from the buffer while it holds data: Paho asks before each packet,
   * and {@link BufferedInputStream} would ask the socket (a system call) every time as well.
   */
  private static final class Buffer extends BufferedInputStream {
    Buffer(InputStream in) {
      super(in);
    }

    @Override
    public synchronized int available() throws IOException {
      int buffered = count - pos;
      return buffered > 0 && buf != null ? buffered : super.available();
    }
  }
}
