package io.coseiot.mqtt.codec;

import io.coseiot.cose.key.CoseKey;

/**
 * A message that opened, with the metadata that was verified along the way.
 *
 * @param topic the real topic, authenticated by the COSE message
 * @param plaintext the application payload
 * @param keyId the COSE kid of the key that opened it
 * @param epoch the key epoch the message was sealed under
 * @param senderId the sender id in counter mode, else null
 * @param sequenceNumber the sender's sequence number in counter mode, else -1
 * @param signer the public key whose signature verified, or null if the message was not signed
 */
public record OpenedMessage(
    String topic,
    byte[] plaintext,
    byte[] keyId,
    long epoch,
    byte[] senderId,
    long sequenceNumber,
    CoseKey signer) {

  /** Copies the mutable parts. */
  public OpenedMessage {
    plaintext = plaintext.clone();
    keyId = keyId == null ? null : keyId.clone();
    senderId = senderId == null ? null : senderId.clone();
  }

  @Override
  public byte[] plaintext() {
    return plaintext.clone();
  }

  @Override
  public byte[] keyId() {
    return keyId == null ? null : keyId.clone();
  }

  @Override
  public byte[] senderId() {
    return senderId == null ? null : senderId.clone();
  }
}
