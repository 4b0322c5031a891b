package io.coseiot.mqtt.client;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A bare MQTT 3.1.1 publisher on a socket, for what Paho will not do on request: send a QoS 1
 * PUBLISH again with the DUP flag, as a publisher does when it never saw the PUBACK.
 */
final class RawMqtt311Publisher implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final DataInputStream in;

  RawMqtt311Publisher(String tcpUri) throws IOException {
    URI u = URI.create(tcpUri);
    socket = new Socket(u.getHost(), u.getPort());
    socket.setSoTimeout(10_000);
    out = socket.getOutputStream();
    in = new DataInputStream(socket.getInputStream());
    ByteArrayOutputStream v = new ByteArrayOutputStream();
    writeString(v, "MQTT");
    v.write(4); // protocol level 3.1.1
    v.write(0x02); // clean session
    v.write(0);
    v.write(30); // keep-alive
    writeString(v, "raw-" + System.nanoTime());
    send(0x10, v.toByteArray());
    expect(0x20, "CONNACK");
    if (in.readUnsignedByte() > 1 || in.readUnsignedByte() != 0) {
      throw new IOException("connection refused");
    }
  }

  /** Publishes at QoS 1 with a packet id and waits for the PUBACK. */
  void publishQos1(String topic, byte[] payload, int packetId, boolean dup) throws IOException {
    ByteArrayOutputStream v = new ByteArrayOutputStream();
    writeString(v, topic);
    v.write(packetId >> 8);
    v.write(packetId & 0xff);
    v.write(payload);
    send(0x32 | (dup ? 0x08 : 0), v.toByteArray());
    expect(0x40, "PUBACK");
    in.readUnsignedShort();
  }

  private void expect(int type, String what) throws IOException {
    int h = in.readUnsignedByte();
    int len = in.readUnsignedByte();
    if (h != type || len != 2) {
      throw new IOException("expected " + what + ", got " + Integer.toHexString(h));
    }
  }

  private void send(int header, byte[] body) throws IOException {
    ByteArrayOutputStream p = new ByteArrayOutputStream();
    writeHeader(p, header, body.length);
    p.write(body);
    out.write(p.toByteArray());
    out.flush();
  }

  /** A fixed header: the type and flags byte, then the remaining length. */
  static void writeHeader(OutputStream o, int header, int remaining) throws IOException {
    o.write(header);
    int n = remaining;
    do {
      int b = n % 128;
      n /= 128;
      o.write(n > 0 ? b | 0x80 : b);
    } while (n > 0);
  }

  /** A length-prefixed UTF-8 string. */
  static void writeString(ByteArrayOutputStream o, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    o.write(b.length >> 8);
    o.write(b.length & 0xff);
    o.writeBytes(b);
  }

  @Override
  public void close() throws IOException {
    try {
      send(0xe0, new byte[0]);
    } finally {
      socket.close();
    }
  }
}
