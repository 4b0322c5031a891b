package io.coseiot.cose.algorithm;

import io.coseiot.cose.exception.AlgorithmException;
import io.coseiot.cose.exception.AuthenticationException;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.KeyException;
import java.security.GeneralSecurityException;
import java.util.EnumMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES Key Wrap on the JDK's {@code AES/KW/NoPadding}, one {@code Cipher} per thread.
 *
 * <p>Keys must be at least two 64-bit blocks: RFC 3394 §2 wraps n ≥ 2 blocks, and the one-block
 * form some libraries accept is not defined by NIST SP 800-38F.
 */
final class AesKeyWrap implements KeyWrap {
  private static final int BLOCK = 8;
  private static final int MIN_KEY = 2 * BLOCK;

  private static final Map<Algorithm, AesKeyWrap> BY_ALGORITHM = new EnumMap<>(Algorithm.class);

  static {
    register(new AesKeyWrap(Algorithm.A128KW, 16));
    register(new AesKeyWrap(Algorithm.A192KW, 24));
    register(new AesKeyWrap(Algorithm.A256KW, 32));
  }

  private static void register(AesKeyWrap wrap) {
    BY_ALGORITHM.put(wrap.algorithm, wrap);
  }

  /** Returns the key wrap for {@code alg}, or null if this class does not implement it. */
  static KeyWrap lookup(Algorithm alg) {
    return BY_ALGORITHM.get(alg);
  }

  private final Algorithm algorithm;
  private final int keyLength;
  private final ThreadLocal<Cipher> ciphers = new ThreadLocal<>();

  private AesKeyWrap(Algorithm algorithm, int keyLength) {
    this.algorithm = algorithm;
    this.keyLength = keyLength;
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
  public byte[] wrap(byte[] kek, byte[] cek) throws CoseException {
    Checks.keyLength(algorithm, kek, keyLength);
    if (cek.length < MIN_KEY || cek.length % BLOCK != 0) {
      throw new KeyException(
          algorithm.ianaName()
              + ": key to wrap is "
              + cek.length
              + " bytes, expected a multiple of 8 and at least 16");
    }
    try {
      return initialised(Cipher.ENCRYPT_MODE, kek).doFinal(cek);
    } catch (GeneralSecurityException e) {
      throw new AlgorithmException(algorithm.ianaName() + ": wrapping failed: " + e, e);
    }
  }

  @Override
  public byte[] unwrap(byte[] kek, byte[] wrapped) throws CoseException {
    Checks.keyLength(algorithm, kek, keyLength);
    if (wrapped.length < MIN_KEY + BLOCK || wrapped.length % BLOCK != 0) {
      throw new AuthenticationException(
          algorithm.ianaName()
              + ": wrapped key is "
              + wrapped.length
              + " bytes, expected a multiple of 8 and at least 24");
    }
    try {
      return initialised(Cipher.DECRYPT_MODE, kek).doFinal(wrapped);
    } catch (GeneralSecurityException e) {
      throw new AuthenticationException(algorithm.ianaName() + ": integrity check failed", e);
    }
  }

  private Cipher initialised(int mode, byte[] kek) throws CoseException {
    Cipher cipher = ciphers.get();
    try {
      if (cipher == null) {
        cipher = Cipher.getInstance("AES/KW/NoPadding");
        ciphers.set(cipher);
      }
      cipher.init(mode, new SecretKeySpec(kek, "AES"));
      return cipher;
    } catch (GeneralSecurityException e) {
      throw new AlgorithmException(algorithm.ianaName() + ": the JDK refused AES/KW: " + e, e);
    }
  }
}
