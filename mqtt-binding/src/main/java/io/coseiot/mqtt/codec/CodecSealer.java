package io.coseiot.mqtt.codec;

import io.coseiot.cose.exception.CoseException;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.topic.TopicFilter;
import java.util.Map;

/**
 * The sealer of a {@link CoseMqttCodec}: what every mode does alike (the topic, its obfuscation and
 * envelope, the size limit, the MQTT version's properties) around its mode's {@link
 * ModeStrategy.Sealing}. Thread-safe.
 */
final class CodecSealer implements PayloadSealer {
  private final CoseMqttCodec c;
  private final Keyring keyring;
  private final String contentType;
  private final ModeStrategy.Sealing mode;

  CodecSealer(CoseMqttCodec c, ModeStrategy.Sealing mode) {
    this.c = c;
    this.keyring = c.keyring;
    this.contentType = CoseMqttProfile.contentType(c.mode);
    this.mode = mode;
  }

  @Override
  public SealedMessage seal(String topic, byte[] plaintext) throws CoseException {
    if (!TopicFilter.isTopicName(topic)) {
      throw new CoseException("not a valid MQTT topic name: " + topic);
    }
    String wireTopic = keyring == null ? topic : keyring.wireTopic(topic);
    byte[] content =
        keyring == null || keyring.obfuscator() == null
            ? plaintext
            : TopicEnvelope.wrap(topic, plaintext);
    ModeStrategy.Sealed sealed = mode.seal(topic, wireTopic, content);
    byte[] payload = sealed.payload();
    if (payload.length > c.maxPayloadSize) {
      throw new CoseException(
          "sealed payload is " + payload.length + " bytes, above the maximum " + c.maxPayloadSize);
    }
    return c.version == MqttVersion.V5
        ? new SealedMessage(wireTopic, payload, contentType, sealed.properties())
        : new SealedMessage(wireTopic, payload, null, Map.of());
  }
}
