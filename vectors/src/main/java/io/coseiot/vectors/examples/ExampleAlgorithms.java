package io.coseiot.vectors.examples;

import io.coseiot.cose.algorithm.Algorithm;
import java.util.Map;

/**
 * Maps the algorithm names the Examples files use to IANA algorithm ids. The names are the
 * generator's own, not the registry's: "AES-CCM-16-128/64" is AES-CCM with a 16-bit length field, a
 * 128-bit key and a 64-bit tag, which the registry calls AES-CCM-16-64-128.
 */
public final class ExampleAlgorithms {
  private ExampleAlgorithms() {}

  private static final Map<String, Long> IDS =
      Map.ofEntries(
          Map.entry("A128GCM", 1L),
          Map.entry("A192GCM", 2L),
          Map.entry("A256GCM", 3L),
          Map.entry("HS256/64", 4L),
          Map.entry("HS256", 5L),
          Map.entry("HS384", 6L),
          Map.entry("HS512", 7L),
          Map.entry("AES-CCM-16-128/64", 10L),
          Map.entry("AES-CCM-16-256/64", 11L),
          Map.entry("AES-CCM-64-128/64", 12L),
          Map.entry("AES-CCM-64-256/64", 13L),
          Map.entry("AES-MAC-128/64", 14L),
          Map.entry("AES-MAC-256/64", 15L),
          Map.entry("ChaCha-Poly1305", 24L),
          Map.entry("AES-MAC-128/128", 25L),
          Map.entry("AES-MAC-256/128", 26L),
          Map.entry("AES-CCM-16-128/128", 30L),
          Map.entry("AES-CCM-16-256/128", 31L),
          Map.entry("AES-CCM-64-128/128", 32L),
          Map.entry("AES-CCM-64-256/128", 33L),
          Map.entry("A128KW", -3L),
          Map.entry("A192KW", -4L),
          Map.entry("A256KW", -5L),
          Map.entry("direct", -6L),
          Map.entry("ES256", -7L),
          // RFC 9864's fully-specified signatures, under their registry names.
          Map.entry("ESP256", -9L),
          Map.entry("ESP384", -51L),
          Map.entry("ESP512", -52L),
          Map.entry("Ed25519", -19L),
          Map.entry("Ed448", -53L),
          Map.entry("EdDSA", -8L),
          Map.entry("HKDF-HMAC-SHA-256", -10L),
          Map.entry("HKDF-HMAC-SHA-512", -11L),
          Map.entry("HKDF-AES-128", -12L),
          Map.entry("HKDF-AES-256", -13L),
          // "ECDH-ES" and "ECDH-SS" mean the SHA-256 variants; "-256" spells it out.
          Map.entry("ECDH-ES", -25L),
          Map.entry("ECDH-ES-256", -25L),
          Map.entry("ECDH-ES-512", -26L),
          Map.entry("ECDH-SS", -27L),
          Map.entry("ECDH-SS-256", -27L),
          Map.entry("ECDH-SS-512", -28L),
          // Both "-" and "+" spellings occur for the key-wrap variants.
          Map.entry("ECDH-ES-A128KW", -29L),
          Map.entry("ECDH-ES+A128KW", -29L),
          Map.entry("ECDH-ES-A192KW", -30L),
          Map.entry("ECDH-ES+A192KW", -30L),
          Map.entry("ECDH-ES-A256KW", -31L),
          Map.entry("ECDH-ES+A256KW", -31L),
          Map.entry("ECDH-SS-A128KW", -32L),
          Map.entry("ECDH-SS+A128KW", -32L),
          Map.entry("ECDH-SS-A192KW", -33L),
          Map.entry("ECDH-SS+A192KW", -33L),
          Map.entry("ECDH-SS-A256KW", -34L),
          Map.entry("ECDH-SS+A256KW", -34L),
          Map.entry("ES384", -35L),
          Map.entry("ES512", -36L),
          Map.entry("PS256", -37L),
          Map.entry("RSA-PSS-256", -37L),
          Map.entry("PS384", -38L),
          Map.entry("RSA-PSS-384", -38L),
          Map.entry("PS512", -39L),
          Map.entry("RSA-PSS-512", -39L),
          Map.entry("RSA-OAEP", -40L),
          Map.entry("RSA-OAEP-256", -41L),
          Map.entry("RSA-OAEP-512", -42L),
          // HSS-LMS hash-based signatures (RFC 8778); not implemented, so it stays a bare id.
          Map.entry("HSS-LMS", -46L),
          Map.entry("RS256", -257L),
          Map.entry("RS384", -258L),
          Map.entry("RS512", -259L));

  /**
   * Returns the IANA id for an Examples algorithm name.
   *
   * @param name the name, such as {@code AES-CCM-16-128/64}
   * @return the id, or null if the name is not known
   */
  public static Long id(String name) {
    return IDS.get(name);
  }

  /**
   * Returns the implemented algorithm an Examples name stands for.
   *
   * @param name the name
   * @return the algorithm, or null if the name is unknown or its algorithm is not implemented
   */
  public static Algorithm algorithm(String name) {
    Long id = IDS.get(name);
    return id == null ? null : Algorithm.fromId(id);
  }
}
