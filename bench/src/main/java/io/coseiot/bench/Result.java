package io.coseiot.bench;

/**
 * One benchmark figure, paired with the bare primitive measured in the same run.
 *
 * @param message the COSE message: Encrypt0, Sign1 or Mac0
 * @param op the operation, for example {@code seal} or {@code sealBare}
 * @param alg the algorithm constant name
 * @param provider JDK or ACCP
 * @param size the payload length in bytes
 * @param opsPerSecond the throughput
 * @param error the 99.9% confidence half-width of the throughput, NaN with too few samples
 * @param bytesPerOp bytes allocated per operation (gc.alloc.rate.norm), NaN if not profiled
 * @param bareOpsPerSecond the bare primitive's throughput, NaN for a bare row
 * @param bareBytesPerOp the bare primitive's allocation, NaN for a bare row
 */
public record Result(
    String message,
    String op,
    String alg,
    String provider,
    int size,
    double opsPerSecond,
    double error,
    double bytesPerOp,
    double bareOpsPerSecond,
    double bareBytesPerOp) {

  /**
   * Returns the throughput as a fraction of the bare primitive's.
   *
   * @return the ratio, 1 for a bare row, NaN if the bare figure is missing
   */
  public double ratio() {
    return isBare() ? 1.0 : opsPerSecond / bareOpsPerSecond;
  }

  /**
   * Returns whether this row is the bare primitive itself.
   *
   * @return true for the limit rows
   */
  public boolean isBare() {
    return op.endsWith("Bare");
  }
}
