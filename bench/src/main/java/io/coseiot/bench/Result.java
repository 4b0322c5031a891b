package io.coseiot.bench;

/**
 * One benchmark figure, paired with the bare primitive measured in the same run and, for another
 * implementation, with this library's figure for the same operation.
 *
 * @param impl the implementation: {@link #LIBRARY}, {@link #COSE_JAVA}, {@link #PYCOSE} or {@link
 *     #DEVICE}
 * @param message the COSE message: Encrypt0, Sign1 or Mac0
 * @param op the operation, for example {@code seal} or {@code sealBare}
 * @param alg the algorithm constant name
 * @param provider JDK or ACCP for JVM figures; for pyCOSE and the device, what they compute with
 * @param size the payload length in bytes
 * @param opsPerSecond the throughput (wall clock)
 * @param error the 99.9% confidence half-width of a JMH throughput; for a process timed by itself,
 *     half the spread between its fastest and slowest run; NaN with too few samples
 * @param bytesPerOp bytes allocated per operation (gc.alloc.rate.norm), NaN if not profiled
 * @param cpuOpsPerSecond for a process timed by itself, operations per second of its own CPU time;
 *     NaN for JMH figures
 * @param bareOpsPerSecond the JVM's bare primitive's throughput in the same run, NaN for a bare row
 * @param bareBytesPerOp the bare primitive's allocation, NaN for a bare row
 * @param libraryOpsPerSecond for another implementation, this library's throughput on the same
 *     operation, algorithm and size (JDK provider) in the same run; NaN otherwise
 */
public record Result(
    String impl,
    String message,
    String op,
    String alg,
    String provider,
    int size,
    double opsPerSecond,
    double error,
    double bytesPerOp,
    double cpuOpsPerSecond,
    double bareOpsPerSecond,
    double bareBytesPerOp,
    double libraryOpsPerSecond) {

  /** This library. */
  public static final String LIBRARY = "cose-iot";

  /** COSE-JAVA 1.1.0 in the same JMH run. */
  public static final String COSE_JAVA = "COSE-JAVA 1.1.0";

  /** pyCOSE 1.1.0, timed in its own Python process. */
  public static final String PYCOSE = "pyCOSE 1.1.0";

  /** The C device library on its default mbedTLS 3.6 (PSA), timed in its own process. */
  public static final String DEVICE = "device C";

  /** The C device library on Debian's mbedTLS 2.28 (legacy API), timed in its own process. */
  public static final String DEVICE_MBEDTLS2 = "device C 2.28";

  /**
   * Returns the throughput as a fraction of the bare primitive's.
   *
   * @return the ratio, 1 for a bare row, NaN if the bare figure is missing
   */
  public double ratio() {
    return isBare() ? 1.0 : opsPerSecond / bareOpsPerSecond;
  }

  /**
   * Returns how many times faster this library is than this implementation.
   *
   * @return library ops/s over these ops/s, NaN for the library's own rows
   */
  public double libraryRatio() {
    return libraryOpsPerSecond / opsPerSecond;
  }

  /**
   * Returns whether this row is the bare primitive itself.
   *
   * @return true for the limit rows
   */
  public boolean isBare() {
    return op.endsWith("Bare");
  }

  /**
   * Returns whether this row is this library's.
   *
   * @return true for cose-iot rows, bare rows included
   */
  public boolean isLibrary() {
    return LIBRARY.equals(impl);
  }

  /**
   * Returns the row with its bare and library figures set.
   *
   * @param bareOps the bare throughput
   * @param bareBytes the bare allocation
   * @param libraryOps the library's throughput
   * @return the new row
   */
  public Result paired(double bareOps, double bareBytes, double libraryOps) {
    return new Result(
        impl,
        message,
        op,
        alg,
        provider,
        size,
        opsPerSecond,
        error,
        bytesPerOp,
        cpuOpsPerSecond,
        bareOps,
        bareBytes,
        libraryOps);
  }

  /**
   * Returns the bare operation a library operation is compared with.
   *
   * @param message the message
   * @param op the library operation
   * @return the bare method name
   */
  public static String bareOp(String message, String op) {
    if (message.equals("Encrypt0")) {
      return op.startsWith("seal") ? "sealBare" : "openBare";
    }
    if (message.equals("Sign1")) {
      return op.equals("sign") ? "signBare" : "verifyBare";
    }
    return op.equals("create") ? "createBare" : "verifyBare";
  }
}
