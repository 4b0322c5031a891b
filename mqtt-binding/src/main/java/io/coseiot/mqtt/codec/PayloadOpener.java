package io.coseiot.mqtt.codec;

/** Opens received payloads. Implementations are thread-safe and never throw anything else. */
public interface PayloadOpener {
  /**
   * Opens one received message.
   *
   * @param wireTopic the topic the message arrived on (obfuscated if the keyring obfuscates)
   * @param payload the received payload
   * @param contentType the MQTT v5 content type, or null (MQTT 3.1.1)
   * @param userProperties the MQTT v5 user properties, empty for MQTT 3.1.1
   * @return the opened message
   * @throws RejectedMessageException with the reason, if the message must not reach the application
   */
  OpenedMessage open(
      String wireTopic,
      byte[] payload,
      String contentType,
      java.util.Map<String, String> userProperties)
      throws RejectedMessageException;
}
