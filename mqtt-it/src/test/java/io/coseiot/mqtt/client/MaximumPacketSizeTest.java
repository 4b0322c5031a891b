package io.coseiot.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.mqtt.codec.CoseMqttCodec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A subscriber that announces an MQTT v5 Maximum Packet Size is never sent a larger packet: the
 * broker drops that message for it, so a huge payload never reaches its memory, while a subscriber
 * without the limit gets the same message.
 */
class MaximumPacketSizeTest extends BrokerTest {
  private static final int LIMIT = 16 * 1024;

  @ParameterizedTest
  @MethodSource("brokersAndClients")
  void aPacketAboveTheLimitIsNotSentToThatSubscriber(String name) throws Exception {
    Broker b = broker(name);
    CoseMqttCodec codec = Codecs.encrypt0(Codecs.keyring(Codecs.secret(), "big/#"));
    Inbox limited = new Inbox();
    Inbox unlimited = new Inbox();
    SecureMqttOptions small =
        SecureMqttOptions.builder(b.tcpUri()).maximumPacketSize(LIMIT).build();
    SecureMqttClient sub = connect(small, codec, limited, true);
    SecureMqttClient other = v5(b, codec, unlimited);
    sub.subscribe("big/#", 1);
    other.subscribe("big/#", 1);
    SecureMqttClient pub = v5(b, codec, null);
    pub.publish("big/large", new byte[4 * LIMIT], 1, false).get();
    pub.publish("big/small", new byte[] {1}, 1, false).get();

    assertEquals("big/large", unlimited.nextMessage().topic());
    assertEquals("big/small", unlimited.nextMessage().topic());
    assertEquals("big/small", limited.nextMessage().topic(), "the large one was not dropped");
    assertTrue(
        limited.messages.isEmpty() && limited.rejections.isEmpty(), limited.rejections::toString);
    assertTrue(sub.isConnected());
  }
}
