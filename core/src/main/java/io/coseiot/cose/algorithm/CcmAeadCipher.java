package io.coseiot.cose.algorithm;

import io.coseiot.cose.exception.AlgorithmException;
import io.coseiot.cose.exception.AuthenticationException;
import io.coseiot.cose.exception.CoseException;
import java.util.EnumMap;
import java.util.Map;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.CCMBlockCipher;
import org.bouncycastle.crypto.modes.CCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The eight AES-CCM variants of RFC 9053 §4.2 on Bouncy Castle's lightweight API, since the JDK has
 * no CCM. Bouncy Castle ciphers are not thread-safe, so each thread keeps its own per algorithm.
 */
final class CcmAeadCipher implements AeadCipher {
  /** A 13-byte nonce leaves a 2-byte length field (L = 2): content below 2^16 bytes. */
  private static final int MAX_LENGTH_SHORT_NONCE = 0xFFFF;

  private static final Map<Algorithm, CcmAeadCipher> BY_ALGORITHM = new EnumMap<>(Algorithm.class);

  static {
    register(new CcmAeadCipher(Algorithm.AES_CCM_16_64_128, 16, 13, 8));
    register(new CcmAeadCipher(Algorithm.AES_CCM_16_64_256, 32, 13, 8));
    register(new CcmAeadCipher(Algorithm.AES_CCM_64_64_128, 16, 7, 8));
    register(new CcmAeadCipher(Algorithm.AES_CCM_64_64_256, 32, 7, 8));
    register(new CcmAeadCipher(Algorithm.AES_CCM_16_128_128, 16, 13, 16));
    register(new CcmAeadCipher(Algorithm.AES_CCM_16_128_256, 32, 13, 16));
    register(new CcmAeadCipher(Algorithm.AES_CCM_64_128_128, 16, 7, 16));
    register(new CcmAeadCipher(Algorithm.AES_CCM_64_128_256, 32, 7, 16));
  }

  private static void register(CcmAeadCipher cipher) {
    BY_ALGORITHM.put(cipher.algorithm, cipher);
  }

  /** Returns the cipher for {@code alg}, or null if this class does not implement it. */
  static AeadCipher lookup(Algorithm alg) {
    return BY_ALGORITHM.get(alg);
  }

  private final Algorithm algorithm;
  private final int keyLength;
  private final int nonceLength;
  private final int tagLength;
  private final ThreadLocal<CCMModeCipher> ciphers =
      ThreadLocal.withInitial(() -> CCMBlockCipher.newInstance(AESEngine.newInstance()));

  private CcmAeadCipher(Algorithm algorithm, int keyLength, int nonceLength, int tagLength) {
    this.algorithm = algorithm;
    this.keyLength = keyLength;
    this.nonceLength = nonceLength;
    this.tagLength = tagLength;
  }

  @Override
  public Algorithm algorithm() {
    return algorithm;
  }

  @Override
  public int keyLength() {
    return keyLength;
  }

  @Override
  public int nonceLength() {
    return nonceLength;
  }

  @Override
  public int tagLength() {
    return tagLength;
  }

  @Override
  public byte[] encrypt(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext)
      throws CoseException {
    checkKeyAndNonce(key, nonce);
    if (tooLong(plaintext.length)) {
      throw new AlgorithmException(
          algorithm.ianaName()
              + ": plaintext is "
              + plaintext.length
              + " bytes, at most "
              + MAX_LENGTH_SHORT_NONCE
              + " fit a 13-byte nonce");
    }
    byte[] out = new byte[plaintext.length + tagLength];
    try {
      run(true, key, nonce, aad, plaintext, out);
    } catch (InvalidCipherTextException e) {
      throw new AlgorithmException(algorithm.ianaName() + ": encryption failed: " + e, e);
    }
    return out;
  }

  @Override
  public byte[] decrypt(byte[] key, byte[] nonce, byte[] aad, byte[] ciphertextAndTag)
      throws CoseException {
    checkKeyAndNonce(key, nonce);
    int contentLength = ciphertextAndTag.length - tagLength;
    if (contentLength < 0) {
      throw new AuthenticationException(
          algorithm.ianaName()
              + ": truncated tag, ciphertext is "
              + ciphertextAndTag.length
              + " bytes, shorter than the "
              + tagLength
              + "-byte tag");
    }
    if (tooLong(contentLength)) {
      // No sender could have produced it, so it cannot be authentic.
      throw new AuthenticationException(
          algorithm.ianaName()
              + ": ciphertext is "
              + contentLength
              + " bytes, more than a 13-byte nonce allows");
    }
    byte[] out = new byte[contentLength];
    try {
      run(false, key, nonce, aad, ciphertextAndTag, out);
    } catch (InvalidCipherTextException e) {
      throw new AuthenticationException(algorithm.ianaName() + ": tag does not match", e);
    }
    return out;
  }

  private void checkKeyAndNonce(byte[] key, byte[] nonce) throws CoseException {
    Checks.keyLength(algorithm, key, keyLength);
    Checks.nonceLength(algorithm, nonce, nonceLength);
  }

  private boolean tooLong(int contentLength) {
    return nonceLength == 13 && contentLength > MAX_LENGTH_SHORT_NONCE;
  }

  private void run(boolean encrypt, byte[] key, byte[] nonce, byte[] aad, byte[] in, byte[] out)
      throws InvalidCipherTextException {
    CCMModeCipher cipher = ciphers.get();
    cipher.init(encrypt, new AEADParameters(new KeyParameter(key), tagLength * 8, nonce, aad));
    int written = cipher.processBytes(in, 0, in.length, out, 0);
    cipher.doFinal(out, written);
  }
}
