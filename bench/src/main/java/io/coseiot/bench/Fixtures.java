package io.coseiot.bench;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.algorithm.CryptoProviders;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.KeyLabel;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Security;

/** Keys, payloads and headers shared by the benchmarks and the wire-overhead table. */
public final class Fixtures {
  /** The key id every profile uses: 8 bytes, a typical device identifier. */
  public static final byte[] KID = "sensor01".getBytes(StandardCharsets.US_ASCII);

  /** The payload sizes of the benchmarks and the wire table. */
  public static final int[] SIZES = {16, 64, 256, 1024, 16384};

  /** The JMH name of the JDK's own providers. */
  public static final String JDK = "JDK";

  /** The JMH name of Amazon Corretto Crypto Provider. */
  public static final String ACCP = "ACCP";

  private static final String ACCP_CLASS =
      "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

  private Fixtures() {}

  /**
   * Returns a payload of the given size with a fixed pattern.
   *
   * @param size the length
   * @return the bytes
   */
  public static byte[] payload(int size) {
    byte[] p = new byte[size];
    for (int i = 0; i < size; i++) {
      p[i] = (byte) (i * 31 + 7);
    }
    return p;
  }

  /**
   * Returns the symmetric key bytes every implementation is given.
   *
   * @param bits the key size
   * @return the key
   */
  public static byte[] secretKeyBytes(int bits) {
    byte[] k = new byte[bits / 8];
    for (int i = 0; i < k.length; i++) {
      k[i] = (byte) (0x40 + i);
    }
    return k;
  }

  /**
   * Returns a symmetric key that names its algorithm and kid, with a Base IV for Partial IV
   * (counter) mode.
   *
   * @param alg the algorithm
   * @param nonceLength the algorithm's nonce length
   * @return the key
   */
  public static CoseKey secretKey(Algorithm alg, int nonceLength) {
    byte[] k = secretKeyBytes(alg.keyBits());
    byte[] baseIv = new byte[nonceLength];
    for (int i = 0; i < baseIv.length; i++) {
      baseIv[i] = (byte) (0x90 + i);
    }
    return CoseKey.symmetric(k)
        .algorithm(alg)
        .keyId(KID)
        .setBytes(KeyLabel.BASE_IV, baseIv)
        .build();
  }

  /**
   * Returns headers with {@code alg} protected and, if asked, {@code kid} unprotected.
   *
   * @param alg the algorithm
   * @param withKid whether the COSE header names the key
   * @return the headers
   * @throws CoseException never for these inputs
   */
  public static Headers headers(Algorithm alg, boolean withKid) throws CoseException {
    HeaderMap.Builder unprotected = HeaderMap.builder();
    if (withKid) {
      unprotected.keyId(KID);
    }
    return Headers.of(HeaderMap.builder().algorithm(alg).build(), unprotected.build());
  }

  /**
   * Returns the Partial IV for a message counter: its big-endian bytes without leading zeros.
   *
   * @param counter the counter, at least 0
   * @return one or more bytes
   */
  public static byte[] partialIv(long counter) {
    int n = Math.max(1, (Long.SIZE - Long.numberOfLeadingZeros(counter) + 7) / 8);
    byte[] b = new byte[n];
    for (int i = n - 1; i >= 0; i--) {
      b[i] = (byte) counter;
      counter >>>= 8;
    }
    return b;
  }

  /**
   * Returns whether Amazon Corretto Crypto Provider is on the class path and healthy here.
   *
   * @return true if it can be used
   */
  public static boolean accpAvailable() {
    try {
      accp();
      return true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return false;
    }
  }

  /**
   * Selects the provider a benchmark runs on: for ACCP, registers it last in the JDK's list (so
   * nothing else picks it up) and prefers it for the library through {@link CryptoProviders}.
   *
   * @param name {@link #JDK} or {@link #ACCP}
   * @return the provider for the bare primitives, or null for the JDK's order
   * @throws ReflectiveOperationException if ACCP is asked for and missing
   */
  public static Provider useProvider(String name) throws ReflectiveOperationException {
    if (JDK.equals(name)) {
      CryptoProviders.setPreferred(null);
      return null;
    }
    Provider p = accp();
    if (Security.getProvider(p.getName()) == null) {
      Security.addProvider(p);
    }
    CryptoProviders.setPreferred(p);
    return p;
  }

  private static Provider accp() throws ReflectiveOperationException {
    Class<?> c = Class.forName(ACCP_CLASS);
    Provider p = (Provider) c.getField("INSTANCE").get(null);
    c.getMethod("assertHealthy").invoke(p);
    return p;
  }
}
