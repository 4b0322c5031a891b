package io.coseiot.mqtt.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.CoseMqttProfile;
import io.coseiot.mqtt.codec.MqttVersion;
import io.coseiot.mqtt.codec.OpenedMessage;
import io.coseiot.mqtt.codec.SealMode;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.TopicKey;
import io.coseiot.mqtt.nonce.SequenceStore;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sealed publish and subscribe through each real broker with the profile's codec, at each QoS
 * (profile R4.7).
 */
class SealedRoundTripTest extends BrokerTest {
  private final byte[] master = Codecs.secret();
  private final Keyring keyring = Codecs.keyring(master, "plant/+/telemetry", "#");

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokersAndClients")
  void v5RoundTripAtEachQosInCounterMode(String name) throws Exception {
    Broker b = broker(name);
    Inbox inbox = new Inbox();
    SecureMqttClient sub = v5(b, Codecs.encrypt0(keyring), inbox);
    sub.subscribe("plant/+/telemetry", 2);
    Outsider outsider = outsider(b).watch("plant/#");
    CoseMqttCodec counter =
        CoseMqttCodec.builder()
            .keyring(keyring)
            .counterNonces(
                new byte[] {7},
                SequenceStore.create(
                    Files.createTempDirectory(dir, "seq").resolve(name + ".seq"), 16))
            .build();
    SecureMqttClient pub = v5(b, counter, null);
    TopicKey key = keyring.primary("plant/boiler-0/telemetry");

    for (int qos = 0; qos <= 2; qos++) {
      byte[] plaintext = ("{\"qos\":" + qos + ",\"temp\":21.5}").getBytes(UTF_8);
      pub.publish("plant/boiler-" + qos + "/telemetry", plaintext, qos, false)
          .get(10, TimeUnit.SECONDS);
      OpenedMessage m = inbox.nextMessage();
      assertEquals("plant/boiler-" + qos + "/telemetry", m.topic());
      assertArrayEquals(plaintext, m.plaintext());
      assertArrayEquals(key.kid(), m.keyId());
      assertEquals(0, m.epoch());
      assertArrayEquals(new byte[] {7}, m.senderId());
      assertEquals(qos, m.sequenceNumber());
      assertNull(m.signer());

      // The profile's MQTT v5 properties, as the broker passed them on.
      Outsider.Seen seen = outsider.next();
      assertEquals(CoseMqttProfile.contentType(SealMode.ENCRYPT0), seen.contentType());
      assertEquals(Boolean.FALSE, seen.properties().getPayloadFormat());
      assertEquals(
          List.of(
              new UserProperty(CoseMqttProfile.KID_PROPERTY, CoseMqttProfile.kidHint(key.kid()))),
          seen.userProperties());
      assertEquals(0xd0, seen.payload()[0] & 0xff, "a tagged COSE_Encrypt0");
    }
    assertTrue(inbox.rejections.isEmpty(), inbox.rejections.toString());
    // Each adapter's health counts what went through it.
    assertEquals(new ClientHealth(true, 3, 0, 0, null), pub.health());
    assertEquals(new ClientHealth(true, 0, 3, 0, null), sub.health());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokers")
  void mqtt311RoundTripCarriesOnlyThePayload(String name) throws Exception {
    Broker b = broker(name);
    CoseMqttCodec v3 =
        CoseMqttCodec.builder().keyring(keyring).mqttVersion(MqttVersion.V3_1_1).build();
    Inbox inbox = new Inbox();
    v311(b, v3, inbox).subscribe("v3/#", 1);
    Outsider outsider = outsider(b).watch("v3/#");
    SecureMqttClient pub = v311(b, v3, null);

    byte[] plaintext = "from a 3.1.1 client".getBytes(UTF_8);
    pub.publish("v3/device", plaintext, 1, false).get(10, TimeUnit.SECONDS);

    OpenedMessage m = inbox.nextMessage();
    assertArrayEquals(plaintext, m.plaintext());
    assertEquals("v3/device", m.topic());
    assertArrayEquals(keyring.primary("v3/device").kid(), m.keyId());
    Outsider.Seen seen = outsider.next();
    assertNull(seen.contentType(), "MQTT 3.1.1 sends no properties");
    assertTrue(seen.userProperties().isEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokersAndClients")
  void persistentSessionKeepsMessagesWhileTheSubscriberIsAway(String name) throws Exception {
    Broker b = broker(name);
    String id = "persistent-" + name + "-" + System.nanoTime();
    SecureMqttOptions persistent =
        SecureMqttOptions.builder(b.tcpUri()).clientId(id).persistentSession(300).build();
    CoseMqttCodec codec = Codecs.encrypt0(keyring);
    SecureMqttClient first = connect(persistent, codec, new Inbox(), true);
    first.subscribe("away/#", 1);
    first.disconnect();

    SecureMqttClient pub = v5(b, codec, null);
    pub.publish("away/1", "queued while away".getBytes(UTF_8), 1, false).get(10, TimeUnit.SECONDS);

    // A new client with the same id resumes the session without subscribing again.
    Inbox inbox = new Inbox();
    connect(persistent, codec, inbox, true);
    assertArrayEquals("queued while away".getBytes(UTF_8), inbox.nextMessage().plaintext());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokersAndClients")
  void listenerThatThrowsDoesNotStopDelivery(String name) throws Exception {
    Broker b = broker(name);
    Inbox inbox = new Inbox();
    AtomicInteger calls = new AtomicInteger();
    OpenedMessageListener throwing =
        (m, client) -> {
          if (calls.incrementAndGet() == 1) {
            throw new IllegalStateException("a listener bug");
          }
          inbox.onMessage(m, client);
        };
    CoseMqttCodec codec = Codecs.encrypt0(keyring);
    SecureMqttClient sub =
        closeLater(
            v5Client(SecureMqttOptions.builder(b.tcpUri()).build())
                .codec(codec)
                .onMessage(throwing)
                .onRejection(inbox)
                .build());
    sub.connect();
    sub.subscribe("bugs/#", 1);
    SecureMqttClient pub = v5(b, codec, null);
    pub.publish("bugs/1", "first".getBytes(UTF_8), 1, false).get(10, TimeUnit.SECONDS);
    pub.publish("bugs/2", "second".getBytes(UTF_8), 1, false).get(10, TimeUnit.SECONDS);

    assertArrayEquals("second".getBytes(UTF_8), inbox.nextMessage().plaintext());
    assertTrue(sub.isConnected());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokersAndClients")
  void eachSealIsFreshCiphertext(String name) throws Exception {
    Broker b = broker(name);
    Outsider outsider = outsider(b).watch("fresh/#");
    SecureMqttClient pub = v5(b, Codecs.encrypt0(keyring), null);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      pub.publish("fresh/x", "same".getBytes(UTF_8), 1, false).get(10, TimeUnit.SECONDS);
      seen.add(HexFormat.of().formatHex(outsider.next().payload()));
    }
    assertEquals(3, seen.size());
  }
}
