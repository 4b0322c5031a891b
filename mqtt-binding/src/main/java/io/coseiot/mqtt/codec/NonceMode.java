package io.coseiot.mqtt.codec;

/** How a sealer makes AEAD nonces. */
public enum NonceMode {
  /** A random IV per message from one shared {@code SecureRandom}; header label 5. */
  RANDOM,
  /**
   * An OSCORE-style Partial IV (header label 6) from a persisted sender sequence number, combined
   * with the key's common IV and the sender id (header label {@code "sid"}).
   */
  COUNTER
}
