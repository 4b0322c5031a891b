package io.coseiot.bench;

import io.coseiot.cose.algorithm.SecureRandoms;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of one random IV from each source the seal path could use: the JDK default ({@code new
 * SecureRandom()}, NativePRNG on Linux), one JDK DRBG called directly, and {@link
 * SecureRandoms#fastDrbg()} (a DRBG per thread, buffered), which the benchmarks and the MQTT codec
 * use.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RandomBench {
  /** The IV length: 12 for AES-GCM, 13 for AES-CCM-16-64-128. */
  @Param({"12"})
  public int size;

  private byte[] iv;
  private SecureRandom nativePrng;
  private SecureRandom drbg;
  private SecureRandom fast;

  /** Creates the sources. */
  @Setup
  public void setUp() {
    iv = new byte[size];
    nativePrng = new SecureRandom();
    drbg = SecureRandoms.newDrbg(null);
    fast = SecureRandoms.fastDrbg();
  }

  /**
   * One IV from {@code new SecureRandom()}.
   *
   * @return the IV
   */
  @Benchmark
  public byte[] defaultSecureRandom() {
    nativePrng.nextBytes(iv);
    return iv;
  }

  /**
   * One IV from a JDK DRBG called directly.
   *
   * @return the IV
   */
  @Benchmark
  public byte[] drbg() {
    drbg.nextBytes(iv);
    return iv;
  }

  /**
   * One IV from {@link SecureRandoms#fastDrbg()}.
   *
   * @return the IV
   */
  @Benchmark
  public byte[] fastDrbg() {
    fast.nextBytes(iv);
    return iv;
  }
}
