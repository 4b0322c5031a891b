package io.coseiot.cose.algorithm;

import io.coseiot.cose.exception.AlgorithmException;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.KeyException;
import java.util.Objects;
import javax.crypto.Mac;

/**
 * HKDF as RFC 9053 §5.1 uses it: RFC 5869 with HMAC-SHA-256 or HMAC-SHA-512, and the variant with
 * AES-CBC-MAC as the PRF behind {@code direct+HKDF-AES-128} and {@code direct+HKDF-AES-256}.
 *
 * <p>Lengths are in bytes. The {@code info} argument is the encoded COSE_KDF_Context.
 */
public final class Hkdf {
  /** JCA name of HMAC-SHA-256, for {@link #derive(String, byte[], byte[], byte[], int)}. */
  public static final String HMAC_SHA_256 = "HmacSHA256";

  /** JCA name of HMAC-SHA-512, for {@link #derive(String, byte[], byte[], byte[], int)}. */
  public static final String HMAC_SHA_512 = "HmacSHA512";

  /** RFC 5869 §2.3: the block counter is one byte, so at most 255 blocks. */
  private static final int MAX_BLOCKS = 255;

  private Hkdf() {}

  /**
   * Derives a key for a COSE algorithm that runs HKDF: the {@code direct+HKDF} algorithms and the
   * ECDH algorithms (the key wrap ones use HKDF-SHA-256). For the AES variants the salt is ignored,
   * as RFC 9053 §5.1 says, and the secret must be the AES key itself.
   *
   * @param alg the recipient algorithm
   * @param salt the salt, or null or empty for none
   * @param secret the shared secret
   * @param info the encoded COSE_KDF_Context
   * @param length the key length to derive, in bytes
   * @return the derived key
   * @throws AlgorithmException if {@code alg} does not use HKDF
   * @throws KeyException if the secret or the length does not fit
   */
  public static byte[] derive(Algorithm alg, byte[] salt, byte[] secret, byte[] info, int length)
      throws CoseException {
    Objects.requireNonNull(alg, "alg");
    switch (alg) {
      case DIRECT_HKDF_SHA_256:
      case ECDH_ES_HKDF_256:
      case ECDH_SS_HKDF_256:
      case ECDH_ES_A128KW:
      case ECDH_ES_A192KW:
      case ECDH_ES_A256KW:
      case ECDH_SS_A128KW:
      case ECDH_SS_A192KW:
      case ECDH_SS_A256KW:
        return derive(HMAC_SHA_256, salt, secret, info, length);
      case DIRECT_HKDF_SHA_512:
      case ECDH_ES_HKDF_512:
      case ECDH_SS_HKDF_512:
        return derive(HMAC_SHA_512, salt, secret, info, length);
      case DIRECT_HKDF_AES_128:
        Checks.keyLength(alg, secret, 16);
        return deriveAesMac(secret, info, length);
      case DIRECT_HKDF_AES_256:
        Checks.keyLength(alg, secret, 32);
        return deriveAesMac(secret, info, length);
      default:
        throw new AlgorithmException(alg.ianaName() + " does not derive keys with HKDF");
    }
  }

  /**
   * HKDF of RFC 5869: extract, then expand.
   *
   * @param hmacAlgorithm {@link #HMAC_SHA_256} or {@link #HMAC_SHA_512}
   * @param salt the salt, or null or empty for none (a hash-length run of zeros)
   * @param ikm the input keying material
   * @param info the context information
   * @param length the output length in bytes, at most 255 hash lengths
   * @return the output keying material
   * @throws AlgorithmException if {@code hmacAlgorithm} is not one of the two
   * @throws KeyException if {@code length} is out of range
   */
  public static byte[] derive(
      String hmacAlgorithm, byte[] salt, byte[] ikm, byte[] info, int length) throws CoseException {
    // Checked before extracting so a bad request costs nothing.
    HmacFunction hmac = hmac(hmacAlgorithm);
    checkLength("HKDF with " + hmacAlgorithm, length, hmac.keyLength());
    return expand(hmacAlgorithm, extract(hmacAlgorithm, salt, ikm), info, length);
  }

  /**
   * The extract step of RFC 5869 §2.2.
   *
   * @param hmacAlgorithm {@link #HMAC_SHA_256} or {@link #HMAC_SHA_512}
   * @param salt the salt, or null or empty for none (a hash-length run of zeros)
   * @param ikm the input keying material
   * @return the pseudorandom key, one hash length
   * @throws AlgorithmException if {@code hmacAlgorithm} is not one of the two
   */
  public static byte[] extract(String hmacAlgorithm, byte[] salt, byte[] ikm) throws CoseException {
    HmacFunction hmac = hmac(hmacAlgorithm);
    // HMAC pads its key with zeros, so an absent salt and hash-length zeros give the same PRK;
    // the JCA just cannot take an empty key.
    byte[] key = salt == null || salt.length == 0 ? new byte[hmac.keyLength()] : salt;
    return hmac.initialised(key).doFinal(ikm);
  }

  /**
   * The expand step of RFC 5869 §2.3.
   *
   * @param hmacAlgorithm {@link #HMAC_SHA_256} or {@link #HMAC_SHA_512}
   * @param prk the pseudorandom key, at least one hash length
   * @param info the context information
   * @param length the output length in bytes, at most 255 hash lengths
   * @return the output keying material
   * @throws AlgorithmException if {@code hmacAlgorithm} is not one of the two
   * @throws KeyException if the PRK is too short or {@code length} is out of range
   */
  public static byte[] expand(String hmacAlgorithm, byte[] prk, byte[] info, int length)
      throws CoseException {
    HmacFunction hmac = hmac(hmacAlgorithm);
    int hashLength = hmac.keyLength();
    String what = "HKDF with " + hmacAlgorithm;
    if (prk.length < hashLength) {
      throw new KeyException(
          what + ": PRK is " + prk.length + " bytes, expected at least " + hashLength);
    }
    checkLength(what, length, hashLength);
    Mac mac = hmac.initialised(prk);
    byte[] out = new byte[length];
    byte[] block = new byte[0];
    for (int i = 1, done = 0; done < length; i++) {
      // T(i) = HMAC(PRK, T(i-1) | info | i); doFinal leaves the Mac keyed for the next block.
      mac.update(block);
      mac.update(info);
      mac.update((byte) i);
      block = mac.doFinal();
      int n = Math.min(block.length, length - done);
      System.arraycopy(block, 0, out, done, n);
      done += n;
    }
    return out;
  }

  /**
   * HKDF with AES-CBC-MAC as the PRF (RFC 9053 §5.1, "HKDF AES-MAC-128" and "HKDF AES-MAC-256").
   * CBC-MAC is no randomness extractor, so the extract step is always skipped: the secret is used
   * as the PRK and must itself be a uniformly random AES key. There is no salt.
   *
   * @param secret the shared secret, 16 bytes (AES-128) or 32 bytes (AES-256)
   * @param info the encoded COSE_KDF_Context
   * @param length the output length in bytes, at most 255 × 16
   * @return the output keying material
   * @throws KeyException if the secret is not 16 or 32 bytes or {@code length} is out of range
   */
  public static byte[] deriveAesMac(byte[] secret, byte[] info, int length) throws CoseException {
    AesCbcMacFunction prf;
    if (secret.length == 16) {
      prf = AesCbcMacFunction.AES_128_FULL;
    } else if (secret.length == 32) {
      prf = AesCbcMacFunction.AES_256_FULL;
    } else {
      throw new KeyException(
          "HKDF AES-MAC: secret is " + secret.length + " bytes, expected 16 or 32 (an AES key)");
    }
    int blockLength = prf.tagLength();
    checkLength("HKDF AES-MAC", length, blockLength);
    byte[] out = new byte[length];
    byte[] block = new byte[0];
    for (int i = 1, done = 0; done < length; i++) {
      // T(i) = AES-CBC-MAC(PRK, T(i-1) | info | i), the same chain as with HMAC.
      byte[] input = new byte[block.length + info.length + 1];
      System.arraycopy(block, 0, input, 0, block.length);
      System.arraycopy(info, 0, input, block.length, info.length);
      input[input.length - 1] = (byte) i;
      block = prf.compute(secret, input);
      int n = Math.min(blockLength, length - done);
      System.arraycopy(block, 0, out, done, n);
      done += n;
    }
    return out;
  }

  private static HmacFunction hmac(String hmacAlgorithm) throws AlgorithmException {
    if (HMAC_SHA_256.equals(hmacAlgorithm)) {
      return HmacFunction.SHA_256;
    }
    if (HMAC_SHA_512.equals(hmacAlgorithm)) {
      return HmacFunction.SHA_512;
    }
    throw new AlgorithmException(
        "HKDF: " + hmacAlgorithm + " is not supported, expected HmacSHA256 or HmacSHA512");
  }

  private static void checkLength(String what, int length, int blockLength) throws KeyException {
    int max = MAX_BLOCKS * blockLength;
    if (length < 0 || length > max) {
      throw new KeyException(
          what + ": " + length + " bytes requested, between 0 and " + max + " can be derived");
    }
  }
}
