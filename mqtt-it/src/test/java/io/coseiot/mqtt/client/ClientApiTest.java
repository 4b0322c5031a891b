package io.coseiot.mqtt.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.cose.exception.CoseException;
import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.MqttVersion;
import io.coseiot.mqtt.codec.OpenedMessage;
import io.coseiot.mqtt.hivemq.HiveMqMqtt;
import io.coseiot.mqtt.keyring.Keyring;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client API's answers to the bad uses of issue 14, through real brokers and both MQTT
 * libraries: the listener replies through its client, the codec's MQTT version is the client's,
 * publish fails only through its future, and a subscription no key covers is refused.
 */
class ClientApiTest extends BrokerTest {
  private final byte[] master = Codecs.secret();
  private final Keyring keyring = Codecs.keyring(master, "cmd/#", "ack/#");

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokersAndClients")
  void theListenerRepliesThroughItsClient(String name) throws Exception {
    Broker b = broker(name);
    CoseMqttCodec codec = Codecs.encrypt0(keyring);
    SecureMqttClient device =
        closeLater(
            v5Client(SecureMqttOptions.builder(b.tcpUri()).build())
                .codec(codec)
                .onMessage(
                    (m, client) -> client.publish("ack/" + m.topic(), m.plaintext(), 1, false))
                .build());
    device.connect();
    device.subscribe("cmd/#", 1);
    Inbox acks = new Inbox();
    SecureMqttClient app = v5(b, codec, acks);
    app.subscribe("ack/#", 1);

    app.publish("cmd/valve", "open".getBytes(UTF_8), 1, false).get(10, TimeUnit.SECONDS);
    OpenedMessage ack = acks.nextMessage();
    assertEquals("ack/cmd/valve", ack.topic());
    assertArrayEquals("open".getBytes(UTF_8), ack.plaintext());
    // The broker may forward the ack before it acknowledges it to the device.
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (device.health().published() == 0 && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertEquals(1, device.health().published());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokersAndClients")
  void aFilterNoKeyCoversIsRefusedNamingIt(String name) throws Exception {
    Broker b = broker(name);
    SecureMqttClient sub = v5(b, Codecs.encrypt0(keyring), new Inbox());
    SecureMqttException e =
        assertThrows(SecureMqttException.class, () -> sub.subscribe("cmds/#", 1));
    assertTrue(e.getMessage().startsWith("cannot subscribe to cmds/#: no key"), e.getMessage());
    // Overlapping filters are covered: some of what they bring can open.
    sub.subscribe("+/valve", 1);
    sub.subscribe("#", 1);
    // A shared subscription is checked by its filter part (MQTT 5 §4.8.2).
    sub.subscribe("$share/workers/cmd/#", 1);
    assertThrows(SecureMqttException.class, () -> sub.subscribe("$share/workers/cmds/#", 1));
    assertTrue(sub.isConnected());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokersAndClients")
  void withObfuscationTheWireFilterIsCoveredAndTheRealOneIsNot(String name) throws Exception {
    Broker b = broker(name);
    Keyring hidden = Codecs.obfuscated(master, "site/kitchen/#");
    SecureMqttClient sub = v5(b, Codecs.encrypt0(hidden), new Inbox());
    SecureMqttException e =
        assertThrows(SecureMqttException.class, () -> sub.subscribe("site/kitchen/#", 1));
    assertTrue(e.getMessage().contains("keyring.wireFilter(filter)"), e.getMessage());
    sub.subscribe(hidden.wireFilter("site/kitchen/#"), 1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokersAndClients")
  void publishFailsOnlyThroughItsFuture(String name) throws Exception {
    Broker b = broker(name);
    SecureMqttClient pub = v5(b, Codecs.encrypt0(keyring), null);
    ExecutionException e =
        assertThrows(
            ExecutionException.class,
            () -> pub.publish("elsewhere/a", new byte[1], 1, false).get(10, TimeUnit.SECONDS));
    SecureMqttException failure = assertInstanceOf(SecureMqttException.class, e.getCause());
    assertInstanceOf(CoseException.class, failure.getCause());
    assertTrue(failure.getMessage().startsWith("cannot seal for elsewhere/a: "));
    // The client carries on.
    pub.publish("cmd/a", new byte[1], 1, false).get(10, TimeUnit.SECONDS);
    assertEquals(1, pub.health().published());
  }

  @Test
  void theMqttVersionIsTheCodecsAndTheHiveMqClientRefusesMqtt311() throws Exception {
    Broker b = broker("hivemq");
    CoseMqttCodec v311 =
        CoseMqttCodec.builder().keyring(keyring).mqttVersion(MqttVersion.V3_1_1).build();
    SecureMqttException e =
        assertThrows(
            SecureMqttException.class, () -> HiveMqMqtt.client(b.tcpUri()).codec(v311).build());
    assertTrue(
        e.getMessage().contains("MQTT v5 only, and the codec was built for V3_1_1"),
        e.getMessage());

    // Paho speaks the codec's version: 3.1.1, so the broker carries no properties.
    Outsider outsider = outsider(b).watch("cmd/#");
    connect(SecureMqttOptions.builder(b.tcpUri()).build(), v311, null, false)
        .publish("cmd/x", new byte[1], 1, false)
        .get(10, TimeUnit.SECONDS);
    assertNull(outsider.next().properties().getContentType());
  }
}
