package io.coseiot.vectors.generate;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.key.Curve;
import java.util.List;
import java.util.Locale;

/**
 * Which algorithms a generated set covers: {@link #DEVICE} is the "device" algorithm profile of
 * docs/mqtt-cose-profile.md (A128GCM, AES-CCM-16-64-128, HMAC 256/256 and ES256 on the
 * single-recipient structures: what pyCOSE, ESP-IDF's mbedTLS and the JVM all support); {@link
 * #FULL} is everything the library implements except RSA, including COSE_Encrypt, COSE_Mac and
 * COSE_Sign with every key distribution, and Sign1 with the fully-specified signatures of RFC 9864.
 */
public enum Profile {
  /** The constrained-device subset. */
  DEVICE(
      List.of(Algorithm.A128GCM, Algorithm.AES_CCM_16_64_128),
      List.of(Algorithm.HMAC_256_256),
      List.of(new Signer(Algorithm.ES256, Curve.P_256)),
      false),
  /** Everything but RSA. */
  FULL(
      List.of(
          Algorithm.A128GCM,
          Algorithm.A192GCM,
          Algorithm.A256GCM,
          Algorithm.AES_CCM_16_64_128,
          Algorithm.AES_CCM_16_64_256,
          Algorithm.AES_CCM_64_64_128,
          Algorithm.AES_CCM_64_64_256,
          Algorithm.AES_CCM_16_128_128,
          Algorithm.AES_CCM_16_128_256,
          Algorithm.AES_CCM_64_128_128,
          Algorithm.AES_CCM_64_128_256,
          Algorithm.CHACHA20_POLY1305),
      List.of(
          Algorithm.HMAC_256_64,
          Algorithm.HMAC_256_256,
          Algorithm.HMAC_384_384,
          Algorithm.HMAC_512_512,
          Algorithm.AES_MAC_128_64,
          Algorithm.AES_MAC_256_64,
          Algorithm.AES_MAC_128_128,
          Algorithm.AES_MAC_256_128),
      List.of(
          new Signer(Algorithm.ES256, Curve.P_256),
          new Signer(Algorithm.ES384, Curve.P_384),
          new Signer(Algorithm.ES512, Curve.P_521),
          new Signer(Algorithm.EDDSA, Curve.ED25519),
          new Signer(Algorithm.EDDSA, Curve.ED448),
          // RFC 9864's fully-specified ids, each on the one curve it names.
          new Signer(Algorithm.ESP256, Curve.P_256),
          new Signer(Algorithm.ESP384, Curve.P_384),
          new Signer(Algorithm.ESP512, Curve.P_521),
          new Signer(Algorithm.ED25519, Curve.ED25519),
          new Signer(Algorithm.ED448, Curve.ED448)),
      true);

  /**
   * A signature algorithm with the curve of its key.
   *
   * @param alg the algorithm
   * @param curve the key's curve
   */
  public record Signer(Algorithm alg, Curve curve) {}

  private final List<Algorithm> aeads;
  private final List<Algorithm> macs;
  private final List<Signer> signers;
  private final boolean multi;

  Profile(List<Algorithm> aeads, List<Algorithm> macs, List<Signer> signers, boolean multi) {
    this.aeads = aeads;
    this.macs = macs;
    this.signers = signers;
    this.multi = multi;
  }

  List<Algorithm> aeads() {
    return aeads;
  }

  List<Algorithm> macs() {
    return macs;
  }

  List<Signer> signers() {
    return signers;
  }

  boolean multi() {
    return multi;
  }

  /**
   * Returns the profile's name as written in vectors.
   *
   * @return {@code device} or {@code full}
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a profile name.
   *
   * @param id {@code device} or {@code full}, any case
   * @return the profile
   * @throws IllegalArgumentException for any other name
   */
  public static Profile of(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
