package io.coseiot.bench;

import io.coseiot.interop.ChildFirstClassLoader;
import io.coseiot.interop.CoseJavaPeer;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * COSE-JAVA 1.1.0 doing what {@link AeadBench}, {@link SignBench} and {@link MacBench} time for the
 * library: Encrypt0 A128GCM seal (random IV drawn by COSE-JAVA) and open, Sign1 ES256 sign and
 * verify, Mac0 HMAC 256/64 create and verify, each a new message object encoded or decoded.
 *
 * <p>COSE-JAVA, its CBOR 4.0.1 and Bouncy Castle 1.62 are loaded, together with the small adapter
 * compiled against them (module {@code bench-cose-java}), by a {@link ChildFirstClassLoader} whose
 * parent is the platform loader: the library's own CBOR and Bouncy Castle on the class path are
 * invisible to it, and it is invisible to them. JMH runs every benchmark in a forked JVM, so
 * COSE-JAVA is only ever loaded in the forks of this class. The adapter hands each operation back
 * as a {@link Callable}, a JDK interface both sides share, so the timed call involves no
 * reflection.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CoseJavaBench {
  /** The system property naming the adapter's classes (a folder or jar). */
  public static final String ADAPTER_PROPERTY = "cose.java.adapter";

  /** The payload length in bytes. */
  @Param({"16", "64", "256", "1024", "16384"})
  public int size;

  private ChildFirstClassLoader loader;
  private Callable<byte[]> seal;
  private Callable<byte[]> open;
  private Callable<byte[]> sign;
  private Callable<byte[]> verify;
  private Callable<byte[]> create;
  private Callable<byte[]> verifyMac;

  /**
   * Returns the adapter's classes: {@code $cose.java.adapter}, else {@code
   * bench-cose-java/target/classes} under {@code $cose.tck.root} or the working directory.
   *
   * @return the folder or jar
   */
  public static Path adapterDir() {
    String p = System.getProperty(ADAPTER_PROPERTY);
    if (p != null) {
      return Path.of(p);
    }
    return Path.of(System.getProperty("cose.tck.root", "."))
        .resolve("bench-cose-java/target/classes");
  }

  /**
   * Returns why COSE-JAVA cannot be benchmarked here, or null if it can.
   *
   * @return the reason
   */
  public static String unavailableReason() {
    Path adapter = adapterDir().resolve("io/coseiot/bench/cosejava/CoseJavaOps.class");
    if (!Files.exists(adapter)) {
      return "no COSE-JAVA adapter at " + adapterDir() + "; build with mvn -pl bench -am package";
    }
    Path lib = CoseJavaPeer.libraryDir().resolve("cose-java-1.1.0.jar");
    if (!Files.exists(lib)) {
      return "no COSE-JAVA jars in " + CoseJavaPeer.libraryDir();
    }
    return null;
  }

  /**
   * Loads COSE-JAVA and prepares every operation on this size's payload, with the same key bytes,
   * kid and payload as the library's benchmarks.
   *
   * @throws Exception if COSE-JAVA or the adapter is missing
   */
  @Setup
  public void setUp() throws Exception {
    List<URL> urls = new ArrayList<>();
    urls.add(adapterDir().toUri().toURL());
    try (Stream<Path> s = Files.list(CoseJavaPeer.libraryDir())) {
      for (Path jar : s.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
        urls.add(jar.toUri().toURL());
      }
    }
    loader = new ChildFirstClassLoader(urls.toArray(URL[]::new));
    Class<?> ops = loader.loadClass("io.coseiot.bench.cosejava.CoseJavaOps");
    if (ops.getClassLoader() != loader) {
      throw new IllegalStateException("the COSE-JAVA adapter leaked onto the class path");
    }
    var prepare = ops.getMethod("prepare", String.class, byte[].class, byte[].class, byte[].class);
    byte[] payload = Fixtures.payload(size);
    byte[] aesKey = Fixtures.secretKeyBytes(128);
    byte[] hmacKey = Fixtures.secretKeyBytes(256);
    seal = cast(prepare.invoke(null, "seal", payload, aesKey, Fixtures.KID));
    open = cast(prepare.invoke(null, "open", payload, aesKey, Fixtures.KID));
    sign = cast(prepare.invoke(null, "sign", payload, null, Fixtures.KID));
    verify = cast(prepare.invoke(null, "verify", payload, null, Fixtures.KID));
    create = cast(prepare.invoke(null, "create", payload, hmacKey, Fixtures.KID));
    verifyMac = cast(prepare.invoke(null, "verifyMac", payload, hmacKey, Fixtures.KID));
  }

  @SuppressWarnings("unchecked")
  private static Callable<byte[]> cast(Object o) {
    return (Callable<byte[]>) o;
  }

  /**
   * Closes the class loader.
   *
   * @throws IOException never in practice
   */
  @TearDown
  public void tearDown() throws IOException {
    loader.close();
  }

  /**
   * COSE-JAVA: new Encrypt0Message, A128GCM with its own random IV, encode.
   *
   * @return the message
   * @throws Exception never
   */
  @Benchmark
  public byte[] seal() throws Exception {
    return seal.call();
  }

  /**
   * COSE-JAVA: decode and decrypt.
   *
   * @return the plaintext
   * @throws Exception never
   */
  @Benchmark
  public byte[] open() throws Exception {
    return open.call();
  }

  /**
   * COSE-JAVA: new Sign1Message, ES256, encode.
   *
   * @return the message
   * @throws Exception never
   */
  @Benchmark
  public byte[] sign() throws Exception {
    return sign.call();
  }

  /**
   * COSE-JAVA: decode and validate.
   *
   * @return the payload
   * @throws Exception never
   */
  @Benchmark
  public byte[] verify() throws Exception {
    return verify.call();
  }

  /**
   * COSE-JAVA: new MAC0Message, HMAC 256/64, encode.
   *
   * @return the message
   * @throws Exception never
   */
  @Benchmark
  public byte[] create() throws Exception {
    return create.call();
  }

  /**
   * COSE-JAVA: decode and validate the tag.
   *
   * @return the payload
   * @throws Exception never
   */
  @Benchmark
  public byte[] verifyMac() throws Exception {
    return verifyMac.call();
  }
}
