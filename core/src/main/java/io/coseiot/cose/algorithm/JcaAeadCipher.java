package io.coseiot.cose.algorithm;

import io.coseiot.cose.exception.AlgorithmException;
import io.coseiot.cose.exception.AuthenticationException;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.KeyException;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.EnumMap;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM and ChaCha20/Poly1305 on the JDK provider.
 *
 * <p>{@code Cipher.getInstance} costs far more than sealing a small message, so each thread keeps
 * one {@code Cipher} per algorithm and direction and re-initialises it per call. Directions are
 * kept apart because the JDK refuses to re-initialise a ChaCha20 cipher with the key and nonce of
 * its previous initialisation in either direction, which would otherwise hit every decryption that
 * follows an encryption of the same message on one thread.
 */
final class JcaAeadCipher implements AeadCipher {
  private static final int NONCE_LENGTH = 12;
  private static final int TAG_LENGTH = 16;

  private static final Map<Algorithm, JcaAeadCipher> BY_ALGORITHM = new EnumMap<>(Algorithm.class);

  static {
    register(new JcaAeadCipher(Algorithm.A128GCM, 16, true));
    register(new JcaAeadCipher(Algorithm.A192GCM, 24, true));
    register(new JcaAeadCipher(Algorithm.A256GCM, 32, true));
    register(new JcaAeadCipher(Algorithm.CHACHA20_POLY1305, 32, false));
  }

  private static void register(JcaAeadCipher cipher) {
    BY_ALGORITHM.put(cipher.algorithm, cipher);
  }

  /** Returns the cipher for {@code alg}, or null if this class does not implement it. */
  static AeadCipher lookup(Algorithm alg) {
    return BY_ALGORITHM.get(alg);
  }

  private final Algorithm algorithm;
  private final int keyLength;
  private final boolean gcm;
  private final String transformation;
  private final String keyAlgorithm;
  private final ThreadLocal<PerThread> perThread = ThreadLocal.withInitial(PerThread::new);

  private JcaAeadCipher(Algorithm algorithm, int keyLength, boolean gcm) {
    this.algorithm = algorithm;
    this.keyLength = keyLength;
    this.gcm = gcm;
    this.transformation = gcm ? "AES/GCM/NoPadding" : "ChaCha20-Poly1305";
    this.keyAlgorithm = gcm ? "AES" : "ChaCha20";
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
    return NONCE_LENGTH;
  }

  @Override
  public int tagLength() {
    return TAG_LENGTH;
  }

  @Override
  public byte[] encrypt(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext)
      throws CoseException {
    Checks.keyLength(algorithm, key, keyLength);
    Checks.nonceLength(algorithm, nonce, NONCE_LENGTH);
    Cipher cipher = initialised(Cipher.ENCRYPT_MODE, key, nonce);
    try {
      cipher.updateAAD(aad);
      return cipher.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new AlgorithmException(algorithm.ianaName() + ": encryption failed: " + e, e);
    }
  }

  @Override
  public byte[] decrypt(byte[] key, byte[] nonce, byte[] aad, byte[] ciphertextAndTag)
      throws CoseException {
    Checks.keyLength(algorithm, key, keyLength);
    Checks.nonceLength(algorithm, nonce, NONCE_LENGTH);
    if (ciphertextAndTag.length < TAG_LENGTH) {
      throw new AuthenticationException(
          algorithm.ianaName()
              + ": truncated tag, ciphertext is "
              + ciphertextAndTag.length
              + " bytes, shorter than the "
              + TAG_LENGTH
              + "-byte tag");
    }
    Cipher cipher = initialised(Cipher.DECRYPT_MODE, key, nonce);
    try {
      cipher.updateAAD(aad);
      return cipher.doFinal(ciphertextAndTag);
    } catch (AEADBadTagException e) {
      throw new AuthenticationException(algorithm.ianaName() + ": tag does not match", e);
    } catch (GeneralSecurityException e) {
      throw new AuthenticationException(algorithm.ianaName() + ": decryption failed: " + e, e);
    }
  }

  private Cipher initialised(int mode, byte[] key, byte[] nonce) throws CoseException {
    PerThread t = perThread.get();
    SecretKeySpec keySpec = t.keySpec(key, keyAlgorithm);
    AlgorithmParameterSpec params =
        gcm ? new GCMParameterSpec(TAG_LENGTH * 8, nonce) : new IvParameterSpec(nonce);
    boolean encrypt = mode == Cipher.ENCRYPT_MODE;
    Cipher cipher = encrypt ? t.encryptor : t.decryptor;
    if (cipher == null) {
      cipher = newCipher();
      if (encrypt) {
        t.encryptor = cipher;
      } else {
        t.decryptor = cipher;
      }
    }
    try {
      cipher.init(mode, keySpec, params);
      return cipher;
    } catch (InvalidKeyException | InvalidAlgorithmParameterException e) {
      // The lengths are already checked, so the JDK refuses only because this thread's previous
      // call used the same key and nonce (its nonce-reuse guard). That call may belong to an
      // unrelated message, so the guard proves nothing here; a fresh Cipher has no history.
    }
    Cipher fresh = newCipher();
    try {
      fresh.init(mode, keySpec, params);
      return fresh;
    } catch (GeneralSecurityException e) {
      throw new KeyException(algorithm.ianaName() + ": the provider refused the key: " + e, e);
    }
  }

  private Cipher newCipher() throws AlgorithmException {
    try {
      return CryptoProviders.cipher(transformation);
    } catch (GeneralSecurityException e) {
      throw new AlgorithmException(
          algorithm.ianaName() + ": the JDK provides no " + transformation, e);
    }
  }

  /** One thread's ciphers, one per direction, and the key object of its latest call. */
  private static final class PerThread {
    Cipher encryptor;
    Cipher decryptor;
    private byte[] keyBytes;
    private SecretKeySpec keySpec;

    /**
     * Returns the key object for {@code key}, made again only when the bytes differ from the
     * previous call's: a sender or receiver normally uses one key for many messages, and a new JCA
     * key object copies the key each time.
     */
    SecretKeySpec keySpec(byte[] key, String keyAlgorithm) {
      // Constant time: the previous key is secret as well.
      if (keySpec == null || !ConstantTime.equal(keyBytes, key)) {
        keySpec = new SecretKeySpec(key, keyAlgorithm);
        // A copy of our own: the caller's array may change after the call.
        keyBytes = key.clone();
      }
      return keySpec;
    }
  }
}
