package io.coseiot.mqtt.client;

import io.coseiot.mqtt.codec.OpenedMessage;

/**
 * Receives messages that opened, with the client they arrived on so that a reply or an
 * acknowledgement is one {@code client.publish(...)} away. Called on the MQTT client's callback
 * thread, one message at a time and in arrival order: return quickly, and do not wait there for a
 * publish or subscribe to complete (publishing without waiting is fine). Anything it throws is
 * logged and the client carries on.
 */
@FunctionalInterface
public interface OpenedMessageListener {
  /**
   * Handles one opened message.
   *
   * @param message the plaintext with the metadata that was verified
   * @param client the client it arrived on
   */
  void onMessage(OpenedMessage message, SecureMqttClient client);
}
