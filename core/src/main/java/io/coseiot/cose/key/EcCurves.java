package io.coseiot.cose.key;

import io.coseiot.cose.exception.KeyException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.EnumMap;
import java.util.Map;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Curve arithmetic the JDK does not expose: point validation, decompression and scalar
 * multiplication by the generator, done with Bouncy Castle's lightweight curves. Also fixed-length
 * encoding of integers.
 */
final class EcCurves {
  private static final Map<Curve, ECParameterSpec> JCA = new EnumMap<>(Curve.class);
  private static final Map<Curve, X9ECParameters> BC = new EnumMap<>(Curve.class);

  static {
    for (Curve c : new Curve[] {Curve.P_256, Curve.P_384, Curve.P_521}) {
      try {
        AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
        p.init(new ECGenParameterSpec(c.jcaName()));
        JCA.put(c, p.getParameterSpec(ECParameterSpec.class));
      } catch (GeneralSecurityException e) {
        throw new ExceptionInInitializerError(e);
      }
      BC.put(c, CustomNamedCurves.getByName(c.jcaName()));
    }
  }

  private EcCurves() {}

  /** Returns the JCA parameters of a P-curve. */
  static ECParameterSpec jca(Curve c) {
    return JCA.get(c);
  }

  /** Returns the P-curve with these JCA parameters, or null. */
  static Curve of(ECParameterSpec params) {
    for (Map.Entry<Curve, ECParameterSpec> e : JCA.entrySet()) {
      ECParameterSpec s = e.getValue();
      if (s.getCurve().equals(params.getCurve())
          && s.getOrder().equals(params.getOrder())
          && s.getGenerator().equals(params.getGenerator())) {
        return e.getKey();
      }
    }
    return null;
  }

  /** Returns the group order of a P-curve. */
  static BigInteger order(Curve c) {
    return BC.get(c).getN();
  }

  /**
   * Checks that (x, y) is a point of the curve; P-curves have cofactor 1, so it is then in the
   * prime-order group.
   */
  static void validate(Curve c, BigInteger x, BigInteger y) throws KeyException {
    try {
      BC.get(c).getCurve().validatePoint(x, y);
    } catch (IllegalArgumentException e) {
      throw new KeyException("COSE_Key: point is not on " + c.coseName(), e);
    }
  }

  /**
   * Recovers y from x and the sign bit (the low bit of y), as a compressed point carries it.
   *
   * @return y as {@code coordinateLength()} bytes
   */
  static byte[] decompress(Curve c, byte[] x, boolean sign) throws KeyException {
    byte[] sec1 = new byte[x.length + 1];
    sec1[0] = (byte) (sign ? 3 : 2);
    System.arraycopy(x, 0, sec1, 1, x.length);
    try {
      ECPoint p = BC.get(c).getCurve().decodePoint(sec1);
      return unsigned(p.getAffineYCoord().toBigInteger(), c.coordinateLength());
    } catch (IllegalArgumentException e) {
      throw new KeyException("COSE_Key: compressed x is not on " + c.coseName(), e);
    }
  }

  /** Returns the affine coordinates x||y of d·G, each {@code coordinateLength()} bytes. */
  static byte[][] multiplyGenerator(Curve c, BigInteger d) {
    ECPoint p = BC.get(c).getG().multiply(d).normalize();
    int len = c.coordinateLength();
    return new byte[][] {
      unsigned(p.getAffineXCoord().toBigInteger(), len),
      unsigned(p.getAffineYCoord().toBigInteger(), len)
    };
  }

  /**
   * Encodes a non-negative integer as exactly {@code len} big-endian bytes: drops the sign byte
   * BigInteger adds when the top bit is set and left-pads short values with zeros.
   *
   * @throws IllegalArgumentException if the value needs more than {@code len} bytes
   */
  static byte[] unsigned(BigInteger v, int len) {
    byte[] raw = v.toByteArray();
    int start = raw.length > 1 && raw[0] == 0 ? 1 : 0;
    int n = raw.length - start;
    if (v.signum() < 0 || n > len) {
      throw new IllegalArgumentException("integer does not fit in " + len + " unsigned bytes");
    }
    byte[] out = new byte[len];
    System.arraycopy(raw, start, out, len - n, n);
    return out;
  }

  /** Encodes a non-negative integer in as few unsigned big-endian bytes as possible. */
  static byte[] unsigned(BigInteger v) {
    return unsigned(v, Math.max(1, (v.bitLength() + 7) / 8));
  }
}
