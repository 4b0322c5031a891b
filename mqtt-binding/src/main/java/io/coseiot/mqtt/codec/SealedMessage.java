package io.coseiot.mqtt.codec;

import java.util.Map;

/**
 * What a publisher hands to its MQTT client: the topic to publish to (the real topic, or its
 * obfuscated form), the COSE payload, and the MQTT v5 properties of the profile. In MQTT 3.1.1 mode
 * the properties are not sent.
 *
 * @param topic the MQTT topic to publish to
 * @param payload the tagged COSE message
 * @param contentType the MQTT v5 content type, e.g. {@code application/cose;
 *     cose-type="cose-encrypt0"}
 * @param userProperties MQTT v5 user properties, e.g. the key id hint
 */
public record SealedMessage(
    String topic, byte[] payload, String contentType, Map<String, String> userProperties) {

  /** Copies the mutable parts. */
  public SealedMessage {
    payload = payload.clone();
    userProperties = Map.copyOf(userProperties);
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }
}
