package io.coseiot.mqtt.codec;

import io.coseiot.cose.exception.CoseException;

/** Seals application payloads for publishing. Implementations are thread-safe. */
public interface PayloadSealer {
  /**
   * Seals one payload for a topic.
   *
   * @param topic the real MQTT topic (no wildcards)
   * @param plaintext the application payload
   * @return what to publish
   * @throws CoseException if no key covers the topic or sealing fails
   */
  SealedMessage seal(String topic, byte[] plaintext) throws CoseException;
}
