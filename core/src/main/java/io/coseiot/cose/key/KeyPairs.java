package io.coseiot.cose.key;

import io.coseiot.cose.algorithm.Algorithm;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.math.ec.rfc7748.X448;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.bouncycastle.math.ec.rfc8032.Ed448;

/**
 * Generates EC2 and OKP key pairs from a caller's random source, reading exactly {@link
 * Curve#coordinateLength()} bytes per attempt so that a fixed byte stream (as in the COSE working
 * group examples, whose {@code rng_stream} lists the ephemeral private key) gives a reproducible
 * key.
 */
public final class KeyPairs {
  // A healthy generator needs a second P-curve draw with probability below 2^-32; this many
  // failures in a row means the source is broken, not unlucky.
  private static final int MAX_DRAWS = 64;

  private KeyPairs() {}

  /**
   * Generates a private COSE_Key (with its public part) on the given curve.
   *
   * <p>For OKP curves the {@code coordinateLength()} random bytes are the private key as is (RFC
   * 7748 and RFC 8032 clamp or hash it when used). For P-curves they are read as an unsigned
   * big-endian integer whose bits above the bit length of the group order n are cleared (only P-521
   * has such bits: the top 7 of its 66 bytes), and a value of 0 or at least n is discarded and
   * drawn again; this matches Bouncy Castle's generator, which produced the working group examples.
   *
   * @param curve the curve
   * @param random the random source
   * @return the key, with {@code kty}, {@code crv}, {@code x}, ({@code y}) and {@code d}
   * @throws IllegalStateException if the random source yields only out-of-range P-curve scalars
   */
  public static CoseKey generate(Curve curve, SecureRandom random) {
    return generate(curve, random, null);
  }

  /** As {@link #generate(Curve, SecureRandom)}, with {@code alg} set unless null. */
  static CoseKey generate(Curve curve, SecureRandom random, Algorithm alg) {
    int len = curve.coordinateLength();
    CoseKey.Builder b = CoseKey.builder(curve.keyType()).curve(curve);
    if (alg != null) {
      b.algorithm(alg);
    }
    if (curve.keyType() == KeyType.EC2) {
      BigInteger d = drawScalar(curve, random);
      byte[][] xy = EcCurves.multiplyGenerator(curve, d);
      return b.setBytes(KeyLabel.X, xy[0])
          .setBytes(KeyLabel.Y, xy[1])
          .setBytes(KeyLabel.D, EcCurves.unsigned(d, len))
          .build();
    }
    byte[] d = new byte[len];
    random.nextBytes(d);
    byte[] x = new byte[len];
    switch (curve) {
      case X25519 -> X25519.generatePublicKey(d, 0, x, 0);
      case X448 -> X448.generatePublicKey(d, 0, x, 0);
      case ED25519 -> Ed25519.generatePublicKey(d, 0, x, 0);
      case ED448 -> Ed448.generatePublicKey(d, 0, x, 0);
      default -> throw new IllegalArgumentException(curve + " is not an OKP curve");
    }
    return b.setBytes(KeyLabel.X, x).setBytes(KeyLabel.D, d).build();
  }

  private static BigInteger drawScalar(Curve curve, SecureRandom random) {
    BigInteger n = EcCurves.order(curve);
    byte[] raw = new byte[curve.coordinateLength()];
    int excessBits = raw.length * 8 - n.bitLength();
    for (int i = 0; i < MAX_DRAWS; i++) {
      random.nextBytes(raw);
      raw[0] &= (byte) (0xFF >>> excessBits);
      BigInteger d = new BigInteger(1, raw);
      if (d.signum() > 0 && d.compareTo(n) < 0) {
        return d;
      }
    }
    throw new IllegalStateException(
        "random source gave " + MAX_DRAWS + " out-of-range scalars for " + curve.coseName());
  }
}
