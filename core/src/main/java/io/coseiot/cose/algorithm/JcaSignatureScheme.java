package io.coseiot.cose.algorithm;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.coseiot.cose.exception.AlgorithmException;
import io.coseiot.cose.exception.AuthenticationException;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.internal.RawAccess;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.Curve;
import io.coseiot.cose.key.JcaKeys;
import io.coseiot.cose.key.KeyLabel;
import io.coseiot.cose.key.KeyType;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/** Every signature scheme, on the JDK providers: one instance per algorithm. */
final class JcaSignatureScheme implements SignatureScheme {
  private enum Family {
    ECDSA,
    EDDSA,
    RSA
  }

  /** RFC 8230 §4 and RFC 8812 §2 require at least 2048-bit moduli. */
  private static final int MIN_RSA_BITS = 2048;

  private static final int KEY_OP_SIGN = 1;
  private static final int KEY_OP_VERIFY = 2;
  private static final Map<Algorithm, JcaSignatureScheme> SCHEMES = new EnumMap<>(Algorithm.class);

  static {
    ecdsa(Algorithm.ES256, "256", null);
    ecdsa(Algorithm.ES384, "384", null);
    ecdsa(Algorithm.ES512, "512", null);
    ecdsa(Algorithm.ESP256, "256", Curve.P_256);
    ecdsa(Algorithm.ESP384, "384", Curve.P_384);
    ecdsa(Algorithm.ESP512, "512", Curve.P_521);
    add(new JcaSignatureScheme(Algorithm.EDDSA, Family.EDDSA, null, null, null));
    add(new JcaSignatureScheme(Algorithm.ED25519, Family.EDDSA, null, null, Curve.ED25519));
    add(new JcaSignatureScheme(Algorithm.ED448, Family.EDDSA, null, null, Curve.ED448));
    pss(Algorithm.PS256, "SHA-256", 32);
    pss(Algorithm.PS384, "SHA-384", 48);
    pss(Algorithm.PS512, "SHA-512", 64);
    add(new JcaSignatureScheme(Algorithm.RS256, Family.RSA, "SHA256withRSA", null, null));
    add(new JcaSignatureScheme(Algorithm.RS384, Family.RSA, "SHA384withRSA", null, null));
    add(new JcaSignatureScheme(Algorithm.RS512, Family.RSA, "SHA512withRSA", null, null));
  }

  private final Algorithm algorithm;
  private final Family family;
  private final String jcaName;
  private final AlgorithmParameterSpec params;
  // The one curve a fully-specified algorithm (RFC 9864) allows; null where the key decides.
  private final Curve requiredCurve;
  // Signature objects are stateful: one per thread (per JCA name, as EdDSA uses two) avoids both
  // locking and a provider lookup per message.
  private final ThreadLocal<Map<String, Signature>> signatures =
      ThreadLocal.withInitial(HashMap::new);

  private JcaSignatureScheme(
      Algorithm algorithm,
      Family family,
      String jcaName,
      AlgorithmParameterSpec params,
      Curve requiredCurve) {
    this.algorithm = algorithm;
    this.family = family;
    this.jcaName = jcaName;
    this.params = params;
    this.requiredCurve = requiredCurve;
  }

  private static void add(JcaSignatureScheme s) {
    SCHEMES.put(s.algorithm, s);
  }

  private static void ecdsa(Algorithm algorithm, String bits, Curve requiredCurve) {
    // The P1363 format is COSE's fixed-length r || s, not DER.
    add(
        new JcaSignatureScheme(
            algorithm, Family.ECDSA, "SHA" + bits + "withECDSAinP1363Format", null, requiredCurve));
  }

  private static void pss(Algorithm algorithm, String hash, int hashLength) {
    // RFC 8230 §2: MGF1 with the same hash, salt as long as the hash.
    PSSParameterSpec params =
        new PSSParameterSpec(
            hash,
            "MGF1",
            new MGF1ParameterSpec(hash),
            hashLength,
            PSSParameterSpec.TRAILER_FIELD_BC);
    add(new JcaSignatureScheme(algorithm, Family.RSA, "RSASSA-PSS", params, null));
  }

  static SignatureScheme of(Algorithm algorithm) throws AlgorithmException {
    SignatureScheme s = SCHEMES.get(algorithm);
    if (s == null) {
      throw new AlgorithmException(algorithm.ianaName() + " is not a signature algorithm");
    }
    return s;
  }

  @Override
  public Algorithm algorithm() {
    return algorithm;
  }

  @Override
  public byte[] sign(CoseKey key, byte[] toBeSigned) throws CoseException {
    checkUse(key, KEY_OP_SIGN, "sign");
    signatureLength(key);
    Signature s = signature(key);
    try {
      s.initSign(JcaKeys.toPrivateKey(key));
      s.update(toBeSigned);
      return s.sign();
    } catch (InvalidKeyException e) {
      throw new KeyException(algorithm.ianaName() + ": private key rejected", e);
    } catch (SignatureException e) {
      throw new KeyException(algorithm.ianaName() + ": signing failed", e);
    }
  }

  @Override
  public void verify(CoseKey key, byte[] toBeSigned, byte[] signature) throws CoseException {
    checkUse(key, KEY_OP_VERIFY, "verify");
    int length = signatureLength(key);
    if (signature.length != length) {
      throw new AuthenticationException(
          algorithm.ianaName()
              + ": signature is "
              + signature.length
              + " bytes, expected "
              + length);
    }
    Signature s = signature(key);
    boolean ok;
    try {
      s.initVerify(JcaKeys.toPublicKey(key));
      s.update(toBeSigned);
      ok = s.verify(signature);
    } catch (InvalidKeyException e) {
      throw new KeyException(algorithm.ianaName() + ": public key rejected", e);
    } catch (SignatureException e) {
      throw new AuthenticationException(algorithm.ianaName() + ": signature is malformed", e);
    }
    if (!ok && family == Family.ECDSA) {
      ok = ecdsaReducingVerify(key, toBeSigned, signature);
    }
    if (!ok) {
      throw new AuthenticationException(algorithm.ianaName() + ": signature does not verify");
    }
  }

  /**
   * Checks an ECDSA signature the JDK refused, with Bouncy Castle. SunEC in JDK 17 compares r with
   * the x coordinate of R without reducing it mod n, so it refuses the rare valid signature whose
   * x(R) lies in [n, p) (Wycheproof "k*G has a large x-coordinate"). Only refused signatures pay
   * for this second check.
   */
  private boolean ecdsaReducingVerify(CoseKey key, byte[] toBeSigned, byte[] signature)
      throws KeyException {
    java.security.spec.ECPoint w = ((ECPublicKey) JcaKeys.toPublicKey(key)).getW();
    Curve curve = key.curve();
    X9ECParameters x9 = CustomNamedCurves.getByName(curve.jcaName());
    ECPublicKeyParameters q =
        new ECPublicKeyParameters(
            x9.getCurve().createPoint(w.getAffineX(), w.getAffineY()), new ECDomainParameters(x9));
    ECDSASigner signer = new ECDSASigner();
    signer.init(false, q);
    int len = curve.coordinateLength();
    // jcaName is "SHA<bits>withECDSAinP1363Format".
    String hash = "SHA-" + jcaName.substring(3, 6);
    byte[] digest;
    try {
      digest = MessageDigest.getInstance(hash).digest(toBeSigned);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK 17 provides " + hash, e);
    }
    return signer.verifySignature(
        digest,
        new BigInteger(1, Arrays.copyOfRange(signature, 0, len)),
        new BigInteger(1, Arrays.copyOfRange(signature, len, 2 * len)));
  }

  /**
   * Checks that the key's type, curve or size fit this algorithm and returns the length every
   * signature made with it has.
   */
  private int signatureLength(CoseKey key) throws KeyException {
    String name = algorithm.ianaName();
    switch (family) {
      case ECDSA -> {
        if (key.keyType() != KeyType.EC2) {
          throw new KeyException(name + ": key type is " + key.keyType() + ", expected EC2");
        }
        requireCurve(key.curve());
        // RFC 9053 §2.1 only suggests pairing SHA-256 with P-256 and so on; the COSE WG
        // Examples sign ES512 with a P-256 key, so the polymorphic ES256/384/512 accept any NIST
        // curve with the hash they name (docs/algorithms.md), and the signature length follows
        // the key's curve.
        return 2 * key.curve().coordinateLength();
      }
      case EDDSA -> {
        Curve c = key.keyType() == KeyType.OKP ? key.curve() : null;
        if (c != Curve.ED25519 && c != Curve.ED448) {
          throw new KeyException(
              name
                  + ": key is "
                  + (c == null ? key.keyType().toString() : "on " + c.coseName())
                  + ", expected OKP on Ed25519 or Ed448");
        }
        requireCurve(c);
        // R (an encoded point) and S, each as long as the public key.
        return 2 * c.coordinateLength();
      }
      default -> {
        byte[] n = key.keyType() == KeyType.RSA ? RawAccess.keyBytes(key, KeyLabel.RSA_N) : null;
        if (n == null) {
          throw new KeyException(name + ": key type is " + key.keyType() + ", expected RSA with n");
        }
        int bits = new BigInteger(1, n).bitLength();
        if (bits < MIN_RSA_BITS) {
          throw new KeyException(
              name + ": RSA key has " + bits + " bits, at least " + MIN_RSA_BITS + " required");
        }
        return (bits + 7) / 8;
      }
    }
  }

  /** Refuses a key on another curve than the one a fully-specified algorithm names. */
  private void requireCurve(Curve keyCurve) throws KeyException {
    if (requiredCurve != null && keyCurve != requiredCurve) {
      throw new KeyException(
          algorithm.ianaName()
              + ": key is on "
              + keyCurve.coseName()
              + ", but "
              + algorithm.ianaName()
              + " is only defined on "
              + requiredCurve.coseName()
              + " (RFC 9864)");
    }
  }

  /** Returns this thread's JCA signature object for a key that passed signatureLength. */
  private Signature signature(CoseKey key) throws KeyException {
    String name = family == Family.EDDSA ? key.curve().jcaName() : jcaName;
    return signatures
        .get()
        .computeIfAbsent(
            name,
            n -> {
              try {
                Signature s = CryptoProviders.signature(n);
                if (params != null) {
                  s.setParameter(params);
                }
                return s;
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException("JDK 17 provides Signature " + n, e);
              }
            });
  }

  /** Refuses a key whose {@code alg} names another algorithm or whose {@code key_ops} omit op. */
  private void checkUse(CoseKey key, int op, String opName) throws KeyException {
    CBORObject alg = key.get(KeyLabel.ALG);
    if (alg != null && !alg.equals(CBORObject.FromObject(algorithm.id()))) {
      throw new KeyException(
          algorithm.ianaName() + ": key is restricted to alg " + alg + ", not " + algorithm.id());
    }
    CBORObject ops = key.get(KeyLabel.KEY_OPS);
    if (ops != null && ops.getType() != CBORType.Array) {
      // key_ops is [+ (tstr / int)] (RFC 9052 §7.1); getValues() on anything but an array or map
      // would throw IllegalStateException out of verify.
      throw new KeyException(algorithm.ianaName() + ": key_ops " + ops + " is not an array");
    }
    if (ops != null && !ops.getValues().contains(CBORObject.FromObject(op))) {
      throw new KeyException(
          algorithm.ianaName() + ": key_ops " + ops + " do not allow " + opName + " (" + op + ")");
    }
  }
}
