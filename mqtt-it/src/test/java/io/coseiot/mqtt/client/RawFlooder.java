package io.coseiot.mqtt.client;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An MQTT 3.1.1 client on a bare socket, with no credentials and no keys, that publishes arbitrary
 * payloads at QoS 1 as fast as the socket takes them: it does not wait for each PUBACK but counts
 * them on a reader thread, so the broker is the only brake.
 */
final class RawFlooder implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;
  private final AtomicInteger acks = new AtomicInteger();
  private final Thread reader;
  private int packetId;

  RawFlooder(String tcpUri) throws IOException {
    URI u = URI.create(tcpUri);
    socket = new Socket(u.getHost(), u.getPort());
    out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
    in = new DataInputStream(socket.getInputStream());
    ByteArrayOutputStream v = new ByteArrayOutputStream();
    RawMqtt311Publisher.writeString(v, "MQTT");
    v.write(4); // 3.1.1
    v.write(0x02); // clean session
    v.write(0);
    v.write(60);
    RawMqtt311Publisher.writeString(v, "flooder-" + System.nanoTime());
    RawMqtt311Publisher.writeHeader(out, 0x10, v.size());
    v.writeTo(out);
    out.flush();
    if (in.readUnsignedByte() != 0x20 || in.readUnsignedByte() != 2) {
      throw new IOException("no CONNACK");
    }
    in.readUnsignedByte();
    if (in.readUnsignedByte() != 0) {
      throw new IOException("connection refused");
    }
    reader = new Thread(this::readAcks, "flooder-acks");
    reader.setDaemon(true);
    reader.start();
  }

  private void readAcks() {
    try {
      while (true) {
        int h = in.readUnsignedByte();
        int len = 0;
        for (int shift = 0, b = 0x80; (b & 0x80) != 0; shift += 7) {
          b = in.readUnsignedByte();
          len |= (b & 0x7f) << shift;
        }
        in.skipNBytes(len);
        if (h >> 4 == 4) {
          acks.incrementAndGet();
        }
      }
    } catch (IOException closed) {
      // The connection ended; acks() tells how far it got.
    }
  }

  /** Publishes at QoS 1 without waiting for the PUBACK. */
  void publish(String topic, byte[] payload) throws IOException {
    byte[] t = topic.getBytes(StandardCharsets.UTF_8);
    packetId = packetId % 65535 + 1;
    RawMqtt311Publisher.writeHeader(out, 0x32, 2 + t.length + 2 + payload.length);
    out.write(t.length >> 8);
    out.write(t.length & 0xff);
    out.write(t);
    out.write(packetId >> 8);
    out.write(packetId & 0xff);
    out.write(payload);
  }

  /** Sends what is buffered and waits until the broker has acknowledged {@code n} publishes. */
  boolean awaitAcks(int n, long seconds) throws IOException, InterruptedException {
    out.flush();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (acks.get() < n && System.nanoTime() < end) {
      Thread.sleep(10);
    }
    return acks.get() >= n;
  }

  /** How many publishes the broker acknowledged. */
  int acks() {
    return acks.get();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
