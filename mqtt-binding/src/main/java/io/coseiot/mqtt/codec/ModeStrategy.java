package io.coseiot.mqtt.codec;

import io.coseiot.cose.exception.CoseException;
import java.util.Map;

/**
 * What one {@link SealMode} does: the codec picks its strategy once, when it is built, and every
 * sealer and opener it makes asks the strategy for its mode's half.
 */
interface ModeStrategy {
  /** Returns the strategy of a mode. */
  static ModeStrategy of(SealMode mode) {
    return switch (mode) {
      case ENCRYPT0 -> new Encrypt0Mode();
      case SIGN1_IN_ENCRYPT0 -> new Sign1InEncrypt0Mode();
      case MAC0 -> new Mac0Mode();
      case SIGN1 -> new Sign1Mode();
      case ENCRYPT_ECDH -> new EncryptEcdhMode();
    };
  }

  /**
   * Checks that the codec has what sealing in this mode needs and makes a sealer's state.
   *
   * @throws CoseException naming what is missing
   */
  Sealing sealing(CoseMqttCodec codec) throws CoseException;

  /**
   * Checks that the codec has what opening in this mode needs and makes an opener's state.
   *
   * @throws CoseException naming what is missing
   */
  Opening opening(CoseMqttCodec codec, OpenChecks checks) throws CoseException;

  /** A sealer's half of a mode: seals content (the payload, or its topic envelope). */
  interface Sealing {
    Sealed seal(String topic, String wireTopic, byte[] content) throws CoseException;
  }

  /** A sealed payload and the MQTT v5 user properties that go with it. */
  record Sealed(byte[] payload, Map<String, String> properties) {}

  /** An opener's half of a mode: opens a payload that passed the generic checks. */
  interface Opening {
    OpenedMessage open(String wireTopic, byte[] payload, String kidHint)
        throws RejectedMessageException;
  }
}
