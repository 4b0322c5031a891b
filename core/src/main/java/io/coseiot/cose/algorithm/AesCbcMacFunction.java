package io.coseiot.cose.algorithm;

import io.coseiot.cose.exception.CoseException;
import java.util.EnumMap;
import java.util.Map;
import org.bouncycastle.crypto.Mac;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CBCBlockCipherMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES-MAC (AES-CBC-MAC) of RFC 9053 §3.2 on Bouncy Castle's lightweight API, since the JDK has no
 * CBC-MAC: a zero IV, the last partial block filled with zero bytes, and the last cipher block
 * truncated to the tag length. This is not CMAC. Each thread keeps its own {@code Mac} because
 * Bouncy Castle's are not thread-safe.
 */
final class AesCbcMacFunction implements MacFunction {
  private static final Map<Algorithm, AesCbcMacFunction> BY_ALGORITHM =
      new EnumMap<>(Algorithm.class);

  /** AES-MAC 128/128, the PRF of HKDF AES-MAC-128. */
  static final AesCbcMacFunction AES_128_FULL =
      new AesCbcMacFunction(Algorithm.AES_MAC_128_128, 16, 16);

  /** AES-MAC 256/128, the PRF of HKDF AES-MAC-256. */
  static final AesCbcMacFunction AES_256_FULL =
      new AesCbcMacFunction(Algorithm.AES_MAC_256_128, 32, 16);

  static {
    register(new AesCbcMacFunction(Algorithm.AES_MAC_128_64, 16, 8));
    register(new AesCbcMacFunction(Algorithm.AES_MAC_256_64, 32, 8));
    register(AES_128_FULL);
    register(AES_256_FULL);
  }

  private static void register(AesCbcMacFunction mac) {
    BY_ALGORITHM.put(mac.algorithm, mac);
  }

  /** Returns the function for {@code alg}, or null if this class does not implement it. */
  static MacFunction lookup(Algorithm alg) {
    return BY_ALGORITHM.get(alg);
  }

  private final Algorithm algorithm;
  private final int keyLength;
  private final int tagLength;
  private final ThreadLocal<Mac> macs;

  private AesCbcMacFunction(Algorithm algorithm, int keyLength, int tagLength) {
    this.algorithm = algorithm;
    this.keyLength = keyLength;
    this.tagLength = tagLength;
    // Without a padding argument CBCBlockCipherMac zero-fills the last block, as RFC 9053 wants.
    this.macs =
        ThreadLocal.withInitial(
            () -> new CBCBlockCipherMac(AESEngine.newInstance(), tagLength * 8));
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
  public int tagLength() {
    return tagLength;
  }

  @Override
  public byte[] compute(byte[] key, byte[] data) throws CoseException {
    Checks.keyLength(algorithm, key, keyLength);
    Mac mac = macs.get();
    mac.init(new KeyParameter(key));
    mac.update(data, 0, data.length);
    byte[] tag = new byte[tagLength];
    mac.doFinal(tag, 0);
    return tag;
  }

  @Override
  public void verify(byte[] key, byte[] data, byte[] tag) throws CoseException {
    Tags.check(algorithm, compute(key, data), tag);
  }
}
