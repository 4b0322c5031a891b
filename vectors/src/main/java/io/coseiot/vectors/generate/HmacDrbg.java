package io.coseiot.vectors.generate;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A deterministic random source for the vector generator: HMAC_DRBG with HMAC-SHA-256 (the update
 * and generate steps of NIST SP 800-90A §10.1.2, without reseeding), instantiated from the
 * generator version, a numeric seed and a label. Every {@link #nextBytes} call is recorded, so the
 * draws can be written as an example's {@code rng_stream} and replayed. Not for production use.
 */
public final class HmacDrbg extends SecureRandom {
  private static final long serialVersionUID = 1L;

  /** Mixed into every instantiation: changing the vector format changes this, and the bytes. */
  static final String PERSONALIZATION = "cose-iot/vectors/v1";

  private final transient Mac hmac;
  private byte[] k = new byte[32];
  private byte[] v = new byte[32];
  private final transient List<byte[]> draws = new ArrayList<>();

  /**
   * Instantiates a generator.
   *
   * @param seed the run's seed
   * @param label what the stream is for, such as a vector's name; different labels give independent
   *     streams
   */
  public HmacDrbg(long seed, String label) {
    try {
      hmac = Mac.getInstance("HmacSHA256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK 17 provides HmacSHA256", e);
    }
    Arrays.fill(v, (byte) 1);
    byte[] p = PERSONALIZATION.getBytes(StandardCharsets.UTF_8);
    byte[] l = label.getBytes(StandardCharsets.UTF_8);
    update(ByteBuffer.allocate(p.length + 8 + l.length).put(p).putLong(seed).put(l).array());
  }

  private byte[] hmac(byte[] key, byte[]... parts) {
    try {
      hmac.init(new SecretKeySpec(key, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    for (byte[] part : parts) {
      hmac.update(part);
    }
    return hmac.doFinal();
  }

  private void update(byte[] data) {
    k = hmac(k, v, new byte[] {0}, data);
    v = hmac(k, v);
    if (data.length > 0) {
      k = hmac(k, v, new byte[] {1}, data);
      v = hmac(k, v);
    }
  }

  /**
   * Fills {@code bytes} with the next output and records the draw.
   *
   * @param bytes the array to fill
   */
  @Override
  public synchronized void nextBytes(byte[] bytes) {
    int done = 0;
    while (done < bytes.length) {
      v = hmac(k, v);
      int n = Math.min(v.length, bytes.length - done);
      System.arraycopy(v, 0, bytes, done, n);
      done += n;
    }
    update(new byte[0]);
    draws.add(bytes.clone());
  }

  /**
   * Returns {@code n} fresh bytes.
   *
   * @param n how many
   * @return the bytes
   */
  public byte[] bytes(int n) {
    byte[] out = new byte[n];
    nextBytes(out);
    return out;
  }

  @Override
  public byte[] generateSeed(int numBytes) {
    return bytes(numBytes);
  }

  /**
   * Returns every draw so far, in order, and forgets them.
   *
   * @return copies of the draws
   */
  public synchronized List<byte[]> takeDraws() {
    List<byte[]> out = new ArrayList<>(draws);
    draws.clear();
    return out;
  }

  @Override
  public String getAlgorithm() {
    return "HMAC_DRBG/SHA-256 (deterministic, for test vectors)";
  }
}
