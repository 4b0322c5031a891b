package io.coseiot.cose.key;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.coseiot.cose.exception.KeyException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.interfaces.XECPrivateKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.KeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPrivateKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Converts between COSE_Key and JCA keys for EC2 (P-256, P-384, P-521), OKP (Ed25519, Ed448,
 * X25519, X448) and RSA.
 *
 * <p>EC coordinates and EC and OKP private keys are exactly {@link Curve#coordinateLength()}
 * unsigned big-endian bytes in both directions; other lengths are refused on input. A compressed EC
 * point ({@code y} a bool) is decompressed, and a point not on its curve is refused. Converted keys
 * are cached in the {@link CoseKey}, so repeated use of one key converts it once.
 */
public final class JcaKeys {
  // KeyFactory is not documented as thread-safe and getInstance is a provider lookup: keep one
  // factory per algorithm per thread.
  private static final ThreadLocal<Map<String, KeyFactory>> FACTORIES =
      ThreadLocal.withInitial(HashMap::new);

  private JcaKeys() {}

  /**
   * Returns the public key of an EC2, OKP or RSA COSE_Key.
   *
   * @param key the key
   * @return the JCA public key
   * @throws KeyException if the key is symmetric, incomplete, of the wrong length or not on its
   *     curve
   */
  public static PublicKey toPublicKey(CoseKey key) throws KeyException {
    PublicKey cached = key.cachedPublic();
    if (cached != null) {
      return cached;
    }
    PublicKey k =
        switch (key.keyType()) {
          case EC2 -> ecPublic(key);
          case OKP ->
              generate(
                  key.curve().jcaName(), okpSpki(key.curve(), coordinate(key, KeyLabel.X, "x")));
          case RSA ->
              generate(
                  "RSA",
                  new RSAPublicKeySpec(
                      rsaInt(key, KeyLabel.RSA_N, "n"), rsaInt(key, KeyLabel.RSA_E, "e")));
          case SYMMETRIC -> throw new KeyException("COSE_Key: a symmetric key has no public key");
        };
    key.cachePublic(k);
    return k;
  }

  /**
   * Returns the private key of an EC2, OKP or RSA COSE_Key.
   *
   * @param key the key
   * @return the JCA private key
   * @throws KeyException if the key is symmetric, has no private part, or it is malformed
   */
  public static PrivateKey toPrivateKey(CoseKey key) throws KeyException {
    PrivateKey cached = key.cachedPrivate();
    if (cached != null) {
      return cached;
    }
    if (!key.hasPrivate()) {
      throw new KeyException("COSE_Key: " + key.keyType() + " key has no private part");
    }
    PrivateKey k =
        switch (key.keyType()) {
          case EC2 -> ecPrivate(key);
          case OKP ->
              generatePrivate(
                  key.curve().jcaName(), okpPkcs8(key.curve(), coordinate(key, KeyLabel.D, "d")));
          case RSA -> rsaPrivate(key);
          case SYMMETRIC -> throw new KeyException("COSE_Key: a symmetric key has no private key");
        };
    key.cachePrivate(k);
    return k;
  }

  /**
   * Builds a public COSE_Key from a JCA public key.
   *
   * @param publicKey an EC (P-256, P-384, P-521), EdDSA, XDH or RSA public key
   * @return the COSE_Key, with the JCA key already cached
   * @throws KeyException if the key type or curve is not supported
   */
  public static CoseKey fromPublicKey(PublicKey publicKey) throws KeyException {
    CoseKey k = publicBuilder(publicKey).build();
    k.cachePublic(publicKey);
    return k;
  }

  /**
   * Builds a private COSE_Key from a JCA key pair. The two halves must be of the same type and
   * curve; that they belong together is the caller's responsibility.
   *
   * @param publicKey the public half
   * @param privateKey the private half
   * @return the COSE_Key, with both JCA keys already cached
   * @throws KeyException if the types or curves differ or are not supported, or the private key
   *     does not reveal its value
   */
  public static CoseKey fromKeyPair(PublicKey publicKey, PrivateKey privateKey)
      throws KeyException {
    CoseKey.Builder b = publicBuilder(publicKey);
    CoseKey pub = b.build();
    if (pub.keyType() == KeyType.EC2 && privateKey instanceof ECPrivateKey ec) {
      Curve c = EcCurves.of(ec.getParams());
      if (c != pub.curve()) {
        throw new KeyException(
            "COSE_Key: private key is on " + c + ", public key on " + pub.curve());
      }
      b.setBytes(KeyLabel.D, EcCurves.unsigned(ec.getS(), c.coordinateLength()));
    } else if (pub.keyType() == KeyType.OKP) {
      b.setBytes(KeyLabel.D, okpPrivateBytes(pub.curve(), privateKey));
    } else if (pub.keyType() == KeyType.RSA && privateKey instanceof RSAPrivateKey rsa) {
      setRsaPrivate(b, rsa);
    } else {
      throw new KeyException(
          "COSE_Key: private key "
              + privateKey.getAlgorithm()
              + " does not match "
              + pub.keyType());
    }
    CoseKey k = b.build();
    k.cachePublic(publicKey);
    k.cachePrivate(privateKey);
    return k;
  }

  private static CoseKey.Builder publicBuilder(PublicKey publicKey) throws KeyException {
    if (publicKey instanceof ECPublicKey ec) {
      Curve c = EcCurves.of(ec.getParams());
      if (c == null) {
        throw new KeyException("COSE_Key: EC public key is not on P-256, P-384 or P-521");
      }
      int len = c.coordinateLength();
      return CoseKey.builder(KeyType.EC2)
          .curve(c)
          .setBytes(KeyLabel.X, EcCurves.unsigned(ec.getW().getAffineX(), len))
          .setBytes(KeyLabel.Y, EcCurves.unsigned(ec.getW().getAffineY(), len));
    }
    if (publicKey instanceof RSAPublicKey rsa) {
      return CoseKey.builder(KeyType.RSA)
          .setBytes(KeyLabel.RSA_N, EcCurves.unsigned(rsa.getModulus()))
          .setBytes(KeyLabel.RSA_E, EcCurves.unsigned(rsa.getPublicExponent()));
    }
    // EdDSA and XDH keys from any provider carry their raw public key at the end of a
    // SubjectPublicKeyInfo whose prefix depends only on the curve.
    byte[] spki = publicKey.getEncoded();
    for (Curve c : Curve.values()) {
      if (c.keyType() == KeyType.OKP) {
        byte[] prefix = okpSpki(c, new byte[c.coordinateLength()]).getEncoded();
        int head = prefix.length - c.coordinateLength();
        if (spki != null
            && spki.length == prefix.length
            && Arrays.equals(spki, 0, head, prefix, 0, head)) {
          return CoseKey.builder(KeyType.OKP)
              .curve(c)
              .setBytes(KeyLabel.X, Arrays.copyOfRange(spki, head, spki.length));
        }
      }
    }
    throw new KeyException("COSE_Key: unsupported public key " + publicKey.getAlgorithm());
  }

  private static byte[] okpPrivateBytes(Curve c, PrivateKey privateKey) throws KeyException {
    Optional<byte[]> raw = Optional.empty();
    if (privateKey instanceof EdECPrivateKey ed) {
      raw = ed.getBytes();
    } else if (privateKey instanceof XECPrivateKey x) {
      raw = x.getScalar();
    }
    if (raw.isEmpty() || raw.get().length != c.coordinateLength()) {
      throw new KeyException(
          "COSE_Key: private key "
              + privateKey.getAlgorithm()
              + " is not a "
              + c.coseName()
              + " key");
    }
    return raw.get();
  }

  private static void setRsaPrivate(CoseKey.Builder b, RSAPrivateKey rsa) {
    b.setBytes(KeyLabel.RSA_D, EcCurves.unsigned(rsa.getPrivateExponent()));
    if (rsa instanceof RSAPrivateCrtKey crt) {
      b.setBytes(KeyLabel.RSA_P, EcCurves.unsigned(crt.getPrimeP()))
          .setBytes(KeyLabel.RSA_Q, EcCurves.unsigned(crt.getPrimeQ()))
          .setBytes(KeyLabel.RSA_DP, EcCurves.unsigned(crt.getPrimeExponentP()))
          .setBytes(KeyLabel.RSA_DQ, EcCurves.unsigned(crt.getPrimeExponentQ()))
          .setBytes(KeyLabel.RSA_QINV, EcCurves.unsigned(crt.getCrtCoefficient()));
    }
  }

  private static PublicKey ecPublic(CoseKey key) throws KeyException {
    Curve c = key.curve();
    byte[] x = coordinate(key, KeyLabel.X, "x");
    CBORObject yv = key.get(KeyLabel.Y);
    byte[] y;
    if (yv != null && yv.getType() == CBORType.Boolean) {
      y = EcCurves.decompress(c, x, yv.AsBoolean());
    } else {
      y = coordinate(key, KeyLabel.Y, "y");
    }
    BigInteger bx = new BigInteger(1, x);
    BigInteger by = new BigInteger(1, y);
    EcCurves.validate(c, bx, by);
    return generate("EC", new ECPublicKeySpec(new ECPoint(bx, by), EcCurves.jca(c)));
  }

  private static PrivateKey ecPrivate(CoseKey key) throws KeyException {
    Curve c = key.curve();
    BigInteger d = new BigInteger(1, coordinate(key, KeyLabel.D, "d"));
    if (d.signum() == 0 || d.compareTo(EcCurves.order(c)) >= 0) {
      throw new KeyException("COSE_Key: d is not in [1, n-1] for " + c.coseName());
    }
    return generatePrivate("EC", new ECPrivateKeySpec(d, EcCurves.jca(c)));
  }

  private static PrivateKey rsaPrivate(CoseKey key) throws KeyException {
    if (key.get(-9) != null) {
      throw new KeyException("COSE_Key: multi-prime RSA keys (label -9) are not supported");
    }
    BigInteger n = rsaInt(key, KeyLabel.RSA_N, "n");
    BigInteger d = rsaInt(key, KeyLabel.RSA_D, "d");
    if (key.get(KeyLabel.RSA_P) == null) {
      return generatePrivate("RSA", new RSAPrivateKeySpec(n, d));
    }
    return generatePrivate(
        "RSA",
        new RSAPrivateCrtKeySpec(
            n,
            rsaInt(key, KeyLabel.RSA_E, "e"),
            d,
            rsaInt(key, KeyLabel.RSA_P, "p"),
            rsaInt(key, KeyLabel.RSA_Q, "q"),
            rsaInt(key, KeyLabel.RSA_DP, "dP"),
            rsaInt(key, KeyLabel.RSA_DQ, "dQ"),
            rsaInt(key, KeyLabel.RSA_QINV, "qInv")));
  }

  /** Reads an EC or OKP byte string that must be exactly the curve's length. */
  private static byte[] coordinate(CoseKey key, long label, String name) throws KeyException {
    Curve c = key.curve();
    byte[] v = key.bytes(label);
    if (v == null) {
      throw new KeyException("COSE_Key: " + c.coseName() + " key has no " + name + " byte string");
    }
    if (v.length != c.coordinateLength()) {
      throw new KeyException(
          "COSE_Key: "
              + c.coseName()
              + " "
              + name
              + " is "
              + v.length
              + " bytes, expected "
              + c.coordinateLength());
    }
    return v;
  }

  private static BigInteger rsaInt(CoseKey key, long label, String name) throws KeyException {
    byte[] v = key.bytes(label);
    if (v == null || v.length == 0) {
      throw new KeyException("COSE_Key: RSA key has no " + name + " byte string");
    }
    return new BigInteger(1, v);
  }

  /** SubjectPublicKeyInfo of an OKP key: fixed DER header, then the raw key (RFC 8410). */
  private static X509EncodedKeySpec okpSpki(Curve c, byte[] x) {
    int len = c.coordinateLength();
    byte[] head = {
      0x30, (byte) (len + 10), 0x30, 5, 6, 3, 0x2b, 0x65, okpOid(c), 3, (byte) (len + 1), 0
    };
    return new X509EncodedKeySpec(concat(head, x));
  }

  /** PKCS#8 PrivateKeyInfo (version 0) of an OKP key: fixed DER header, then the raw key. */
  private static PKCS8EncodedKeySpec okpPkcs8(Curve c, byte[] d) {
    int len = c.coordinateLength();
    byte[] head = {
      0x30,
      (byte) (len + 14),
      2,
      1,
      0,
      0x30,
      5,
      6,
      3,
      0x2b,
      0x65,
      okpOid(c),
      4,
      (byte) (len + 2),
      4,
      (byte) len
    };
    return new PKCS8EncodedKeySpec(concat(head, d));
  }

  /** Last arc of the RFC 8410 OID 1.3.101.x. */
  private static byte okpOid(Curve c) {
    return switch (c) {
      case X25519 -> 110;
      case X448 -> 111;
      case ED25519 -> 112;
      case ED448 -> 113;
      default -> throw new IllegalArgumentException(c + " is not an OKP curve");
    };
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static KeyFactory factory(String algorithm) {
    return FACTORIES
        .get()
        .computeIfAbsent(
            algorithm,
            a -> {
              try {
                return KeyFactory.getInstance(a);
              } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("JDK 17 provides KeyFactory " + a, e);
              }
            });
  }

  private static PublicKey generate(String algorithm, KeySpec spec) throws KeyException {
    try {
      return factory(algorithm).generatePublic(spec);
    } catch (GeneralSecurityException e) {
      throw new KeyException("COSE_Key: invalid " + algorithm + " public key", e);
    }
  }

  private static PrivateKey generatePrivate(String algorithm, KeySpec spec) throws KeyException {
    try {
      return factory(algorithm).generatePrivate(spec);
    } catch (GeneralSecurityException e) {
      throw new KeyException("COSE_Key: invalid " + algorithm + " private key", e);
    }
  }
}
