package io.coseiot.mqtt.codec;

import io.coseiot.cose.algorithm.Algorithm;
import java.util.EnumSet;
import java.util.Set;

/** The algorithm profiles of the cose-iot MQTT profile 1. */
public enum AlgorithmProfile {
  /**
   * What pyCOSE, ESP-IDF's mbedTLS and the JVM all implement: A128GCM, AES-CCM-16-64-128, ES256,
   * HMAC 256/256, ECDH-ES + HKDF-256 (one recipient) and ECDH-ES + A128KW (several), on P-256. No
   * EdDSA.
   */
  DEVICE(
      EnumSet.of(
          Algorithm.A128GCM,
          Algorithm.AES_CCM_16_64_128,
          Algorithm.ES256,
          Algorithm.HMAC_256_256,
          Algorithm.ECDH_ES_HKDF_256,
          Algorithm.ECDH_ES_A128KW)),
  /** DEVICE plus A256GCM, ChaCha20/Poly1305, EdDSA and ES384. */
  FULL(
      EnumSet.of(
          Algorithm.A128GCM,
          Algorithm.AES_CCM_16_64_128,
          Algorithm.ES256,
          Algorithm.HMAC_256_256,
          Algorithm.ECDH_ES_HKDF_256,
          Algorithm.ECDH_ES_A128KW,
          Algorithm.A256GCM,
          Algorithm.CHACHA20_POLY1305,
          Algorithm.EDDSA,
          Algorithm.ES384));

  private final Set<Algorithm> allowed;

  AlgorithmProfile(Set<Algorithm> allowed) {
    this.allowed = allowed;
  }

  /**
   * Returns whether the profile allows an algorithm.
   *
   * @param alg the algorithm
   * @return true if allowed
   */
  public boolean allows(Algorithm alg) {
    return alg != null && allowed.contains(alg);
  }

  /**
   * Returns the allowed algorithms.
   *
   * @return a copy of the set
   */
  public Set<Algorithm> algorithms() {
    return EnumSet.copyOf(allowed);
  }
}
