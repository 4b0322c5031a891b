package io.coseiot.mqtt.paho;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.mqtt.codec.OpenedMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Sealed publish and subscribe through each real broker. */
class SealedRoundTripTest extends BrokerTest {
  private final byte[] key = TestCodec.randomKey();

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokers")
  void v5RoundTripAtEachQos(String name) throws Exception {
    Broker b = broker(name);
    Inbox inbox = new Inbox();
    SecureMqttClient sub = v5(b, TestCodec.of("k1", key), inbox);
    sub.subscribe("plant/+/telemetry", 2);
    Outsider outsider = outsider(b).watch("plant/#");
    SecureMqttClient pub = v5(b, TestCodec.of("k1", key), null);

    for (int qos = 0; qos <= 2; qos++) {
      byte[] plaintext = ("{\"qos\":" + qos + ",\"temp\":21.5}").getBytes(UTF_8);
      pub.publish("plant/boiler-" + qos + "/telemetry", plaintext, qos, false)
          .get(10, TimeUnit.SECONDS);
      OpenedMessage m = inbox.nextMessage();
      assertEquals("plant/boiler-" + qos + "/telemetry", m.topic());
      assertArrayEquals(plaintext, m.plaintext());
      assertArrayEquals("k1".getBytes(UTF_8), m.keyId());
      assertEquals(qos + 1L, m.sequenceNumber());

      // The profile's MQTT v5 properties, as the broker passed them on.
      Outsider.Seen seen = outsider.next();
      assertEquals(TestCodec.CONTENT_TYPE, seen.contentType());
      assertEquals(Boolean.FALSE, seen.properties().getPayloadFormat());
      assertEquals(
          List.of(new UserProperty(TestCodec.KID_PROPERTY, TestCodec.b64("k1".getBytes(UTF_8)))),
          seen.userProperties());
      assertEquals(0xd0, seen.payload()[0] & 0xff, "a tagged COSE_Encrypt0");
    }
    assertTrue(inbox.rejections.isEmpty(), inbox.rejections.toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokers")
  void mqtt311RoundTripCarriesOnlyThePayload(String name) throws Exception {
    Broker b = broker(name);
    Inbox inbox = new Inbox();
    SecureMqttClient sub =
        connect(
            SecureMqttOptions.builder(b.tcpUri()).build(), TestCodec.of("k3", key), inbox, false);
    sub.subscribe("v3/#", 1);
    Outsider outsider = outsider(b).watch("v3/#");
    SecureMqttClient pub =
        connect(
            SecureMqttOptions.builder(b.tcpUri()).build(), TestCodec.of("k3", key), null, false);

    byte[] plaintext = "from a 3.1.1 client".getBytes(UTF_8);
    pub.publish("v3/device", plaintext, 1, false).get(10, TimeUnit.SECONDS);

    OpenedMessage m = inbox.nextMessage();
    assertArrayEquals(plaintext, m.plaintext());
    assertEquals("v3/device", m.topic());
    Outsider.Seen seen = outsider.next();
    assertNull(seen.contentType(), "MQTT 3.1.1 sends no properties");
    assertTrue(seen.userProperties().isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokers")
  void outsiderSubscribedToEverythingSeesOnlyCiphertext(String name) throws Exception {
    Broker b = broker(name);
    Outsider outsider = outsider(b).watch("#");
    Inbox inbox = new Inbox();
    SecureMqttClient sub = v5(b, TestCodec.of("k1", key), inbox);
    sub.subscribe("site/#", 1);
    // One sender (one sequence counter), over both protocol levels.
    TestCodec sender = TestCodec.of("k1", key);
    SecureMqttClient pub = v5(b, sender, null);
    SecureMqttClient pub3 =
        connect(SecureMqttOptions.builder(b.tcpUri()).build(), sender, null, false);

    List<byte[]> plaintexts = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      byte[] p =
          ("{\"device\":\"meter-" + i + "\",\"secret\":\"s3cr3t-reading-" + i + "\"}")
              .getBytes(UTF_8);
      plaintexts.add(p);
      (i % 2 == 0 ? pub : pub3).publish("site/meter-" + i, p, 1, false).get(10, TimeUnit.SECONDS);
    }
    for (int i = 0; i < plaintexts.size(); i++) {
      inbox.nextMessage();
    }

    List<Outsider.Seen> all = outsider.drain(plaintexts.size());
    assertEquals(plaintexts.size(), all.size());
    for (Outsider.Seen s : all) {
      List<byte[]> carried = new ArrayList<>();
      carried.add(s.payload());
      carried.add(s.topic().getBytes(UTF_8));
      if (s.contentType() != null) {
        carried.add(s.contentType().getBytes(UTF_8));
      }
      for (UserProperty u : s.userProperties()) {
        carried.add((u.getKey() + u.getValue()).getBytes(UTF_8));
      }
      for (byte[] p : plaintexts) {
        for (byte[] c : carried) {
          // Not the plaintext, nor any 8-byte run of it.
          for (int off = 0; off + 8 <= p.length; off++) {
            assertFalse(
                contains(c, p, off, 8),
                "the broker carried plaintext bytes of " + new String(p, UTF_8));
          }
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokers")
  void persistentSessionKeepsMessagesWhileTheSubscriberIsAway(String name) throws Exception {
    Broker b = broker(name);
    String id = "persistent-" + name + "-" + System.nanoTime();
    SecureMqttOptions persistent =
        SecureMqttOptions.builder(b.tcpUri()).clientId(id).persistentSession(300).build();
    TestCodec codec = TestCodec.of("k1", key);
    SecureMqttClient first = connect(persistent, codec, new Inbox(), true);
    first.subscribe("away/#", 1);
    first.disconnect();

    SecureMqttClient pub = v5(b, TestCodec.of("k1", key), null);
    pub.publish("away/1", "queued while away".getBytes(UTF_8), 1, false).get(10, TimeUnit.SECONDS);

    // A new client with the same id resumes the session without subscribing again.
    Inbox inbox = new Inbox();
    connect(persistent, codec, inbox, true);
    assertArrayEquals("queued while away".getBytes(UTF_8), inbox.nextMessage().plaintext());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokers")
  void listenerThatThrowsDoesNotStopDelivery(String name) throws Exception {
    Broker b = broker(name);
    Inbox inbox = new Inbox();
    AtomicInteger calls = new AtomicInteger();
    OpenedMessageListener throwing =
        m -> {
          if (calls.incrementAndGet() == 1) {
            throw new IllegalStateException("a listener bug");
          }
          inbox.onMessage(m);
        };
    TestCodec codec = TestCodec.of("k1", key);
    SecureMqttClient sub =
        closeLater(
            SecureMqttClient.v5(
                SecureMqttOptions.builder(b.tcpUri()).build(), null, codec, throwing, inbox));
    sub.connect();
    sub.subscribe("bugs/#", 1);
    SecureMqttClient pub = v5(b, TestCodec.of("k1", key), null);
    pub.publish("bugs/1", "first".getBytes(UTF_8), 1, false).get(10, TimeUnit.SECONDS);
    pub.publish("bugs/2", "second".getBytes(UTF_8), 1, false).get(10, TimeUnit.SECONDS);

    assertArrayEquals("second".getBytes(UTF_8), inbox.nextMessage().plaintext());
    assertTrue(sub.isConnected());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokers")
  void eachSealIsFreshCiphertext(String name) throws Exception {
    Broker b = broker(name);
    Outsider outsider = outsider(b).watch("fresh/#");
    SecureMqttClient pub = v5(b, TestCodec.of("k1", key), null);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      pub.publish("fresh/x", "same".getBytes(UTF_8), 1, false).get(10, TimeUnit.SECONDS);
      seen.add(java.util.HexFormat.of().formatHex(outsider.next().payload()));
    }
    assertEquals(3, seen.size());
    assertNotEquals(0, seen.size());
  }

  private static boolean contains(byte[] hay, byte[] needle, int off, int len) {
    outer:
    for (int i = 0; i + len <= hay.length; i++) {
      for (int j = 0; j < len; j++) {
        if (hay[i + j] != needle[off + j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
