package io.coseiot.cose.algorithm;

import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.Curve;
import io.coseiot.cose.key.JcaKeys;
import io.coseiot.cose.key.KeyType;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.KeyAgreement;

/**
 * Raw ECDH (RFC 9053 §6.3) on P-256, P-384, P-521 (the x coordinate of the shared point) and on
 * X25519, X448 (RFC 7748). The shared secret is the input to HKDF, never a key by itself.
 */
public final class Ecdh {
  // KeyAgreement objects are stateful; one per thread avoids locking and a lookup per message.
  private static final ThreadLocal<KeyAgreement> ECDH =
      ThreadLocal.withInitial(() -> newAgreement("ECDH"));
  private static final ThreadLocal<KeyAgreement> XDH =
      ThreadLocal.withInitial(() -> newAgreement("XDH"));

  private Ecdh() {}

  /**
   * Computes the shared secret of a private key and a peer's public key on the same curve.
   *
   * @param privateKey an EC2 or OKP key with {@code d}
   * @param peerPublic the peer's public key, whose point is validated
   * @return the secret, {@link Curve#coordinateLength()} bytes
   * @throws KeyException if either key is not an ECDH key, the curves differ, the private part is
   *     missing, the peer's point is invalid, or (X25519/X448) the result is all zero because the
   *     peer sent a low-order point
   * @throws CoseException for any other failure
   */
  public static byte[] sharedSecret(CoseKey privateKey, CoseKey peerPublic) throws CoseException {
    Curve curve = ecdhCurve(privateKey, "private key");
    Curve peerCurve = ecdhCurve(peerPublic, "peer public key");
    if (curve != peerCurve) {
      throw new KeyException(
          "ECDH: private key is on "
              + curve.coseName()
              + ", peer public key on "
              + peerCurve.coseName());
    }
    KeyAgreement ka = (curve.keyType() == KeyType.EC2 ? ECDH : XDH).get();
    byte[] secret;
    try {
      ka.init(JcaKeys.toPrivateKey(privateKey));
      ka.doPhase(JcaKeys.toPublicKey(peerPublic), true);
      secret = ka.generateSecret();
    } catch (GeneralSecurityException | IllegalStateException e) {
      // The JDK refuses low-order X25519/X448 points (all-zero secret) here.
      throw new KeyException("ECDH on " + curve.coseName() + ": key agreement refused the keys", e);
    }
    if (secret.length != curve.coordinateLength()) {
      throw new KeyException(
          "ECDH on " + curve.coseName() + ": secret is " + secret.length + " bytes");
    }
    return secret;
  }

  private static Curve ecdhCurve(CoseKey key, String role) throws KeyException {
    if (key.keyType() != KeyType.EC2 && key.keyType() != KeyType.OKP) {
      throw new KeyException("ECDH: " + role + " is " + key.keyType() + ", expected EC2 or OKP");
    }
    Curve c = key.curve();
    if (c == Curve.ED25519 || c == Curve.ED448) {
      throw new KeyException("ECDH: " + role + " is on " + c.coseName() + ", a signature curve");
    }
    return c;
  }

  private static KeyAgreement newAgreement(String name) {
    try {
      return KeyAgreement.getInstance(name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK 17 provides KeyAgreement " + name, e);
    }
  }
}
