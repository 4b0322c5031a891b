package io.coseiot.mqtt.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.OpenedMessage;
import io.coseiot.mqtt.keyring.Keyring;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Profile R4.8 through real brokers: a publisher that sends a sealed message by Topic Alias (the
 * PUBLISH carries an empty topic) seals for the topic name the alias stands for, and the
 * subscriber, which the broker hands the full name, opens it with that name.
 */
class TopicAliasTest extends BrokerTest {
  private final Keyring keyring = Codecs.keyring(Codecs.secret(), "alias/#");

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokers")
  void aMessageSentByAliasOpensUnderTheFullName(String name) throws Exception {
    Broker b = broker(name);
    Inbox inbox = new Inbox();
    v5(b, Codecs.encrypt0(keyring), inbox).subscribe("alias/#", 1);
    CoseMqttCodec publisher = Codecs.encrypt0(keyring);
    String topic = "alias/boiler/telemetry";
    byte[] first = publisher.sealer().seal(topic, "by name".getBytes(UTF_8)).payload();
    byte[] second = publisher.sealer().seal(topic, "by alias".getBytes(UTF_8)).payload();
    try (RawV5 raw = new RawV5(b.tcpUri())) {
      raw.publish(topic, 1, first); // sets alias 1
      raw.publish("", 1, second); // the alias alone
    }
    for (String text : new String[] {"by name", "by alias"}) {
      OpenedMessage m = inbox.nextMessage();
      assertEquals(topic, m.topic());
      assertArrayEquals(text.getBytes(UTF_8), m.plaintext());
    }
    assertTrue(inbox.rejections.isEmpty(), inbox.rejections.toString());
  }

  /**
   * A bare MQTT v5 publisher (QoS 0) that can use a Topic Alias, which Paho does not on request.
   */
  private static final class RawV5 implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;

    RawV5(String tcpUri) throws IOException {
      URI u = URI.create(tcpUri);
      socket = new Socket(u.getHost(), u.getPort());
      socket.setSoTimeout(10_000);
      out = socket.getOutputStream();
      ByteArrayOutputStream v = new ByteArrayOutputStream();
      string(v, "MQTT");
      v.write(5); // protocol level 5
      v.write(0x02); // clean start
      v.write(0);
      v.write(30); // keep-alive
      v.write(0); // no properties
      string(v, "alias-" + System.nanoTime());
      send(0x10, v.toByteArray());
      DataInputStream in = new DataInputStream(socket.getInputStream());
      if (in.readUnsignedByte() != 0x20) {
        throw new IOException("no CONNACK");
      }
      int len = in.readUnsignedByte(); // CONNACKs here are short: one length byte
      byte[] rest = in.readNBytes(len);
      if (rest.length < 2 || rest[1] != 0) {
        throw new IOException("connection refused");
      }
    }

    void publish(String topic, int alias, byte[] payload) throws IOException {
      ByteArrayOutputStream v = new ByteArrayOutputStream();
      string(v, topic);
      v.write(3); // properties: Topic Alias (0x23), two bytes
      v.write(0x23);
      v.write(alias >> 8);
      v.write(alias & 0xff);
      v.write(payload);
      send(0x30, v.toByteArray());
    }

    private void send(int header, byte[] body) throws IOException {
      ByteArrayOutputStream p = new ByteArrayOutputStream();
      p.write(header);
      int n = body.length;
      do {
        int b = n % 128;
        n /= 128;
        p.write(n > 0 ? b | 0x80 : b);
      } while (n > 0);
      p.write(body);
      out.write(p.toByteArray());
      out.flush();
    }

    private static void string(ByteArrayOutputStream o, String s) throws IOException {
      byte[] b = s.getBytes(UTF_8);
      o.write(b.length >> 8);
      o.write(b.length & 0xff);
      o.write(b);
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
}
