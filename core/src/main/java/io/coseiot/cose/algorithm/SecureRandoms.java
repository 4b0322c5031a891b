package io.coseiot.cose.algorithm;

import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Random sources for IVs and ephemeral keys that do not become the cost of a message.
 *
 * <p>{@code new SecureRandom()} on Linux is NativePRNG: every call takes one lock shared by the
 * whole JVM, mixes SHA1PRNG output with bytes read from {@code /dev/urandom}, and so costs a few
 * hundred nanoseconds to microseconds per 12-byte IV, more under contention. A bare AES-GCM call on
 * a 64-byte payload takes about as long. {@link #fastDrbg()} instead gives each thread its own NIST
 * SP 800-90A DRBG from the JDK ({@code SecureRandom.getInstance("DRBG")}, Hash_DRBG with SHA-256 by
 * default), instantiated with explicit {@link DrbgParameters}: 256-bit security strength, seeded
 * from the JDK's entropy source on first use in each thread, and a personalization string that
 * differs per thread. Each thread draws {@value #BUFFER_BYTES} bytes from its DRBG at a time and
 * hands them out in order; bytes are zeroed as they are handed out, so the buffer never holds
 * output that was already used.
 *
 * <p>The returned object is thread-safe without a shared lock and may be given to any API that
 * takes a {@code SecureRandom}; {@link SecureRandom#setSeed} adds to the calling thread's DRBG
 * only.
 */
public final class SecureRandoms {
  /**
   * Bytes drawn from a thread's DRBG at a time. Each DRBG call has a fixed cost above that of a
   * whole AES-GCM seal of a short message (RandomBench.drbg: about 0.8 us for one 12-byte IV), so
   * one call here serves about 170 IVs.
   */
  static final int BUFFER_BYTES = 2048;

  private static final SecureRandom FAST = new ThreadLocalDrbg();

  private SecureRandoms() {}

  /**
   * Returns the shared fast source: a JDK DRBG per thread, 256-bit strength, buffered.
   *
   * @return the source, thread-safe
   */
  public static SecureRandom fastDrbg() {
    return FAST;
  }

  /**
   * Returns a new JDK DRBG (Hash_DRBG, SHA-256 unless {@code securerandom.drbg.config} says
   * otherwise) at 256-bit strength, reseedable, seeded from the JDK's entropy source.
   *
   * @param personalization distinguishes this instance from others seeded at the same moment, or
   *     null
   * @return the DRBG; its calls synchronize on it
   */
  public static SecureRandom newDrbg(byte[] personalization) {
    try {
      return SecureRandom.getInstance(
          "DRBG",
          DrbgParameters.instantiation(
              256, DrbgParameters.Capability.RESEED_ONLY, personalization));
    } catch (NoSuchAlgorithmException e) {
      // Every JDK since 9 has DRBG at 256 bits in the SUN provider.
      throw new IllegalStateException("no DRBG in this JDK", e);
    }
  }

  /** One DRBG and its unused output for one thread. */
  private static final class Buffered {
    private static final AtomicLong INSTANCES = new AtomicLong();

    final SecureRandom drbg;
    final byte[] buf = new byte[BUFFER_BYTES];
    int pos = BUFFER_BYTES;

    Buffered() {
      Thread t = Thread.currentThread();
      String p =
          "cose-iot fastDrbg "
              + ProcessHandle.current().pid()
              + " "
              + t.getId()
              + " "
              + INSTANCES.incrementAndGet()
              + " "
              + System.nanoTime();
      drbg = newDrbg(p.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    void next(byte[] out) {
      int off = 0;
      if (out.length > BUFFER_BYTES / 2) {
        // Large requests (keys are 16 to 66 bytes; this is beyond them) go to the DRBG directly.
        drbg.nextBytes(out);
        return;
      }
      while (off < out.length) {
        if (pos == BUFFER_BYTES) {
          drbg.nextBytes(buf);
          pos = 0;
        }
        int n = Math.min(out.length - off, BUFFER_BYTES - pos);
        System.arraycopy(buf, pos, out, off, n);
        Arrays.fill(buf, pos, pos + n, (byte) 0);
        pos += n;
        off += n;
      }
    }
  }

  private static final class Spi extends SecureRandomSpi {
    private static final long serialVersionUID = 1L;
    private static final ThreadLocal<Buffered> LOCAL = ThreadLocal.withInitial(Buffered::new);

    @Override
    protected void engineSetSeed(byte[] seed) {
      LOCAL.get().drbg.setSeed(seed);
    }

    @Override
    protected void engineNextBytes(byte[] bytes) {
      LOCAL.get().next(bytes);
    }

    @Override
    protected byte[] engineGenerateSeed(int numBytes) {
      return LOCAL.get().drbg.generateSeed(numBytes);
    }
  }

  /**
   * The {@code SecureRandom} face of the per-thread DRBGs; it overrides the methods that would
   * otherwise synchronize on this one shared object.
   */
  private static final class ThreadLocalDrbg extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final transient Spi spi;

    ThreadLocalDrbg() {
      this(new Spi());
    }

    private ThreadLocalDrbg(Spi spi) {
      super(spi, null);
      this.spi = spi;
    }

    @Override
    public void nextBytes(byte[] bytes) {
      spi.engineNextBytes(bytes);
    }

    @Override
    public void setSeed(byte[] seed) {
      if (spi != null) {
        // Called with a long by the superclass constructor, before spi is set: nothing to add.
        spi.engineSetSeed(seed);
      }
    }

    @Override
    public void setSeed(long seed) {
      if (spi != null) {
        super.setSeed(seed);
      }
    }

    @Override
    public byte[] generateSeed(int numBytes) {
      return spi.engineGenerateSeed(numBytes);
    }

    @Override
    public String getAlgorithm() {
      return "DRBG (per thread, buffered)";
    }

    @Override
    public String toString() {
      return "SecureRandoms.fastDrbg: a JDK DRBG per thread, 256-bit strength, buffered";
    }
  }
}
