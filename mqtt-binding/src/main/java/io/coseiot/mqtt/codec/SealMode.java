package io.coseiot.mqtt.codec;

import io.coseiot.cose.message.MessageType;

/** The message types of the cose-iot MQTT profile 1. */
public enum SealMode {
  /** COSE_Encrypt0 under a shared topic key: confidentiality and group authentication. */
  ENCRYPT0(MessageType.ENCRYPT0),
  /** COSE_Sign1 under the publisher's private key: origin authentication, no confidentiality. */
  SIGN1(MessageType.SIGN1),
  /** A tagged COSE_Sign1 as the plaintext of a COSE_Encrypt0: both of the above. */
  SIGN1_IN_ENCRYPT0(MessageType.ENCRYPT0),
  /** COSE_Encrypt with one ECDH-ES + HKDF-256 recipient per trusted subscriber. */
  ENCRYPT_ECDH(MessageType.ENCRYPT),
  /**
   * COSE_Mac0 under a shared topic key (HMAC 256/256): integrity and origin within the group, no
   * confidentiality. The payload crosses the broker in the clear.
   */
  MAC0(MessageType.MAC0);

  private final MessageType outer;

  SealMode(MessageType outer) {
    this.outer = outer;
  }

  /**
   * Returns the type of the outermost message, which decides the tag and the content type.
   *
   * @return the outer message type
   */
  public MessageType outerType() {
    return outer;
  }
}
