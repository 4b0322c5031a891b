package io.coseiot.cose.algorithm;

import io.coseiot.cose.exception.AlgorithmException;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.KeyException;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC 256/64, 256/256, 384/384 and 512/512 (RFC 9053 §3.1) on the JDK provider, with one {@code
 * Mac} per thread since {@code Mac.getInstance} costs more than a short message.
 */
final class HmacFunction implements MacFunction {
  private static final Map<Algorithm, HmacFunction> BY_ALGORITHM = new EnumMap<>(Algorithm.class);

  /** The plain HMAC-SHA-256 that HKDF-SHA-256 runs on. */
  static final HmacFunction SHA_256 = new HmacFunction(Algorithm.HMAC_256_256, "HmacSHA256", 32);

  /** The plain HMAC-SHA-512 that HKDF-SHA-512 runs on. */
  static final HmacFunction SHA_512 = new HmacFunction(Algorithm.HMAC_512_512, "HmacSHA512", 64);

  static {
    register(new HmacFunction(Algorithm.HMAC_256_64, "HmacSHA256", 8));
    register(SHA_256);
    register(new HmacFunction(Algorithm.HMAC_384_384, "HmacSHA384", 48));
    register(SHA_512);
  }

  private static void register(HmacFunction mac) {
    BY_ALGORITHM.put(mac.algorithm, mac);
  }

  /** Returns the function for {@code alg}, or null if this class does not implement it. */
  static MacFunction lookup(Algorithm alg) {
    return BY_ALGORITHM.get(alg);
  }

  private final Algorithm algorithm;
  private final String jcaName;
  private final int tagLength;
  private static final byte[] NO_BYTES = {};
  private final ThreadLocal<PerThread> perThread = new ThreadLocal<>();

  private HmacFunction(Algorithm algorithm, String jcaName, int tagLength) {
    this.algorithm = algorithm;
    this.jcaName = jcaName;
    this.tagLength = tagLength;
  }

  @Override
  public Algorithm algorithm() {
    return algorithm;
  }

  @Override
  public int keyLength() {
    return algorithm.keyBits() / 8;
  }

  @Override
  public int tagLength() {
    return tagLength;
  }

  @Override
  public byte[] compute(byte[] key, byte[] data) throws CoseException {
    return compute(key, data, NO_BYTES);
  }

  @Override
  public void verify(byte[] key, byte[] data, byte[] tag) throws CoseException {
    verify(key, data, NO_BYTES, tag);
  }

  @Override
  public byte[] compute(byte[] key, byte[] head, byte[] tail) throws CoseException {
    PerThread t = initialisedState(key);
    t.mac.update(head);
    t.mac.update(tail);
    return Arrays.copyOf(t.mac.doFinal(), tagLength);
  }

  @Override
  public void verify(byte[] key, byte[] head, byte[] tail, byte[] tag) throws CoseException {
    PerThread t = initialisedState(key);
    t.mac.update(head);
    t.mac.update(tail);
    Tags.check(algorithm, t.mac.doFinal(), tagLength, tag);
  }

  /**
   * Returns this thread's {@code Mac}, initialised with {@code key}, for callers that feed it in
   * pieces.
   */
  Mac initialised(byte[] key) throws CoseException {
    return initialisedState(key).mac;
  }

  private PerThread initialisedState(byte[] key) throws CoseException {
    if (key.length == 0) {
      throw new KeyException(algorithm.ianaName() + ": key is empty");
    }
    PerThread t = perThread.get();
    if (t == null) {
      Mac mac;
      try {
        mac = CryptoProviders.mac(jcaName);
      } catch (GeneralSecurityException e) {
        throw new AlgorithmException(algorithm.ianaName() + ": the JDK provides no " + jcaName, e);
      }
      t = new PerThread(mac);
      perThread.set(t);
    }
    // Constant time: the previous key is secret as well.
    if (t.keyBytes != null && ConstantTime.equal(t.keyBytes, key)) {
      // Keyed already; a caller that fed it in pieces may have stopped half-way.
      t.mac.reset();
      return t;
    }
    t.keyBytes = null;
    try {
      t.mac.init(new SecretKeySpec(key, jcaName));
    } catch (InvalidKeyException e) {
      throw new KeyException(algorithm.ianaName() + ": the provider refused the key: " + e, e);
    }
    // A copy of our own: the caller's array may change after the call.
    t.keyBytes = key.clone();
    return t;
  }

  /**
   * One thread's {@code Mac} and the key it holds. A {@code Mac} stays keyed after {@code doFinal},
   * and keying it again hashes the padded key, so a thread that uses one key for many messages keys
   * it once.
   */
  private static final class PerThread {
    final Mac mac;
    byte[] keyBytes;

    PerThread(Mac mac) {
      this.mac = mac;
    }
  }
}
