package io.coseiot.mqtt.client.spi;

import java.util.Map;

/**
 * What a {@link MqttTransport} reports from its library's callback thread. The client's
 * implementation throws nothing and does not block, so a transport calls it directly.
 */
public interface Inbound {

  /**
   * A PUBLISH arrived.
   *
   * @param wireTopic the topic as received
   * @param payload the payload
   * @param contentType the MQTT v5 content type, or null (none, or MQTT 3.1.1)
   * @param userProperties the MQTT v5 user properties, the first value of each name; empty in MQTT
   *     3.1.1
   */
  void message(
      String wireTopic, byte[] payload, String contentType, Map<String, String> userProperties);

  /**
   * A connection was made, the first or an automatic reconnection: after a reconnection the client
   * renews its subscriptions off this thread.
   */
  void connected();
}
