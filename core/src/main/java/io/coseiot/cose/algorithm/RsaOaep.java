package io.coseiot.cose.algorithm;

import io.coseiot.cose.exception.AlgorithmException;
import io.coseiot.cose.exception.AuthenticationException;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.internal.RawAccess;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.JcaKeys;
import io.coseiot.cose.key.KeyLabel;
import io.coseiot.cose.key.KeyType;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * RSAES-OAEP key transport (RFC 8230 §3): the CEK encrypted to a recipient's RSA key, with MGF1
 * over the same hash as OAEP and an empty label.
 */
public final class RsaOaep {
  // Cipher objects are stateful; one per thread avoids locking and a lookup per message.
  private static final ThreadLocal<Cipher> CIPHERS =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Cipher.getInstance("RSA/ECB/OAEPPadding");
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("JDK 17 provides RSA/ECB/OAEPPadding", e);
            }
          });

  private RsaOaep() {}

  /**
   * Encrypts a CEK to the recipient.
   *
   * @param algorithm RSAES_OAEP_SHA_1, RSAES_OAEP_SHA_256 or RSAES_OAEP_SHA_512
   * @param recipientPublic the recipient's RSA key, at least 2048 bits
   * @param cek the content encryption key
   * @param random the source of the OAEP seed
   * @return the encrypted CEK, as long as the modulus
   * @throws AlgorithmException if the algorithm is not RSAES-OAEP
   * @throws KeyException if the key is not a large enough RSA key or the CEK is too long for it
   * @throws CoseException for any other failure
   */
  public static byte[] encrypt(
      Algorithm algorithm, CoseKey recipientPublic, byte[] cek, SecureRandom random)
      throws CoseException {
    OAEPParameterSpec params = params(algorithm);
    int k = modulusLength(algorithm, recipientPublic);
    int hashLength = hashLength(algorithm);
    // RFC 8017 §7.1.1: the message may be at most k - 2hLen - 2 bytes.
    if (cek.length > k - 2 * hashLength - 2) {
      throw new KeyException(
          algorithm.ianaName()
              + ": a "
              + k
              + "-byte RSA key carries at most "
              + (k - 2 * hashLength - 2)
              + " bytes, the CEK has "
              + cek.length);
    }
    Cipher c = CIPHERS.get();
    try {
      c.init(Cipher.ENCRYPT_MODE, JcaKeys.toPublicKey(recipientPublic), params, random);
      return c.doFinal(cek);
    } catch (InvalidKeyException e) {
      throw new KeyException(algorithm.ianaName() + ": public key rejected", e);
    } catch (GeneralSecurityException e) {
      throw new KeyException(algorithm.ianaName() + ": encryption failed", e);
    }
  }

  /**
   * Decrypts a CEK.
   *
   * @param algorithm RSAES_OAEP_SHA_1, RSAES_OAEP_SHA_256 or RSAES_OAEP_SHA_512
   * @param recipientPrivate the recipient's RSA private key, at least 2048 bits
   * @param encrypted the encrypted CEK
   * @return the CEK
   * @throws AlgorithmException if the algorithm is not RSAES-OAEP
   * @throws KeyException if the key is not a large enough RSA private key
   * @throws AuthenticationException if the ciphertext has the wrong length or does not decrypt
   * @throws CoseException for any other failure
   */
  public static byte[] decrypt(Algorithm algorithm, CoseKey recipientPrivate, byte[] encrypted)
      throws CoseException {
    OAEPParameterSpec params = params(algorithm);
    int k = modulusLength(algorithm, recipientPrivate);
    if (encrypted.length != k) {
      throw new AuthenticationException(
          algorithm.ianaName()
              + ": encrypted CEK is "
              + encrypted.length
              + " bytes, expected "
              + k);
    }
    Key key = JcaKeys.toPrivateKey(recipientPrivate);
    Cipher c = CIPHERS.get();
    try {
      c.init(Cipher.DECRYPT_MODE, key, params);
    } catch (GeneralSecurityException e) {
      throw new KeyException(algorithm.ianaName() + ": private key rejected", e);
    }
    try {
      return c.doFinal(encrypted);
    } catch (GeneralSecurityException e) {
      // One message for every padding failure, so the error says nothing about which check failed.
      throw new AuthenticationException(algorithm.ianaName() + ": encrypted CEK does not decrypt");
    }
  }

  /** Checks the key is RSA of at least 2048 bits and returns the modulus length in bytes. */
  private static int modulusLength(Algorithm algorithm, CoseKey key) throws KeyException {
    byte[] n = key.keyType() == KeyType.RSA ? RawAccess.keyBytes(key, KeyLabel.RSA_N) : null;
    if (n == null) {
      throw new KeyException(
          algorithm.ianaName() + ": key type is " + key.keyType() + ", expected RSA with n");
    }
    int bits = new BigInteger(1, n).bitLength();
    // RFC 8230 §4: keys shorter than 2048 bits must not be used.
    if (bits < 2048) {
      throw new KeyException(
          algorithm.ianaName() + ": RSA key has " + bits + " bits, at least 2048 required");
    }
    return (bits + 7) / 8;
  }

  private static OAEPParameterSpec params(Algorithm algorithm) throws AlgorithmException {
    String hash =
        switch (algorithm) {
          case RSAES_OAEP_SHA_1 -> "SHA-1";
          case RSAES_OAEP_SHA_256 -> "SHA-256";
          case RSAES_OAEP_SHA_512 -> "SHA-512";
          default -> throw new AlgorithmException(algorithm.ianaName() + " is not RSAES-OAEP");
        };
    return new OAEPParameterSpec(
        hash, "MGF1", new MGF1ParameterSpec(hash), PSource.PSpecified.DEFAULT);
  }

  private static int hashLength(Algorithm algorithm) {
    return switch (algorithm) {
      case RSAES_OAEP_SHA_1 -> 20;
      case RSAES_OAEP_SHA_256 -> 32;
      default -> 64;
    };
  }
}
