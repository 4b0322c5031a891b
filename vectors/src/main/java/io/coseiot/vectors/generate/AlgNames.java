package io.coseiot.vectors.generate;

import io.coseiot.cose.algorithm.Algorithm;
import java.util.Locale;
import java.util.Map;

/** The Examples name written for each algorithm, so Examples runners that know only names work. */
final class AlgNames {
  private AlgNames() {}

  private static final Map<Long, String> NAMES =
      Map.ofEntries(
          Map.entry(1L, "A128GCM"),
          Map.entry(2L, "A192GCM"),
          Map.entry(3L, "A256GCM"),
          Map.entry(10L, "AES-CCM-16-128/64"),
          Map.entry(11L, "AES-CCM-16-256/64"),
          Map.entry(12L, "AES-CCM-64-128/64"),
          Map.entry(13L, "AES-CCM-64-256/64"),
          Map.entry(30L, "AES-CCM-16-128/128"),
          Map.entry(31L, "AES-CCM-16-256/128"),
          Map.entry(32L, "AES-CCM-64-128/128"),
          Map.entry(33L, "AES-CCM-64-256/128"),
          Map.entry(24L, "ChaCha-Poly1305"),
          Map.entry(4L, "HS256/64"),
          Map.entry(5L, "HS256"),
          Map.entry(6L, "HS384"),
          Map.entry(7L, "HS512"),
          Map.entry(14L, "AES-MAC-128/64"),
          Map.entry(15L, "AES-MAC-256/64"),
          Map.entry(25L, "AES-MAC-128/128"),
          Map.entry(26L, "AES-MAC-256/128"),
          Map.entry(-7L, "ES256"),
          Map.entry(-35L, "ES384"),
          Map.entry(-36L, "ES512"),
          Map.entry(-8L, "EdDSA"),
          Map.entry(-9L, "ESP256"),
          Map.entry(-51L, "ESP384"),
          Map.entry(-52L, "ESP512"),
          Map.entry(-19L, "Ed25519"),
          Map.entry(-53L, "Ed448"),
          Map.entry(-6L, "direct"),
          Map.entry(-10L, "HKDF-HMAC-SHA-256"),
          Map.entry(-11L, "HKDF-HMAC-SHA-512"),
          Map.entry(-12L, "HKDF-AES-128"),
          Map.entry(-13L, "HKDF-AES-256"),
          Map.entry(-3L, "A128KW"),
          Map.entry(-4L, "A192KW"),
          Map.entry(-5L, "A256KW"),
          Map.entry(-25L, "ECDH-ES"),
          Map.entry(-26L, "ECDH-ES-512"),
          Map.entry(-27L, "ECDH-SS"),
          Map.entry(-28L, "ECDH-SS-512"),
          Map.entry(-29L, "ECDH-ES+A128KW"),
          Map.entry(-30L, "ECDH-ES+A192KW"),
          Map.entry(-31L, "ECDH-ES+A256KW"),
          Map.entry(-32L, "ECDH-SS+A128KW"),
          Map.entry(-33L, "ECDH-SS+A192KW"),
          Map.entry(-34L, "ECDH-SS+A256KW"));

  static String name(Algorithm alg) {
    String n = NAMES.get(alg.id());
    if (n == null) {
      throw new IllegalArgumentException("no Examples name for " + alg);
    }
    return n;
  }

  /** A file-name-safe form: {@code AES-CCM-16-128/64} becomes {@code aes-ccm-16-128-64}. */
  static String slug(Algorithm alg) {
    return name(alg).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }
}
