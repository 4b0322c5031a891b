package io.coseiot.vectors.examples;

/**
 * What running one example gave: one status for decoding {@code output.cbor} (verify, decrypt, or
 * reject a failure test) and one for encoding the message again from {@code input}.
 *
 * @param file the example's file
 * @param title the example's title
 * @param decode the decode status
 * @param encode the encode status
 * @param reason why it failed or was skipped; empty when both passed
 */
public record ExampleResult(
    String file, String title, Status decode, Status encode, String reason) {

  /** The outcome of one check. */
  public enum Status {
    /** The check ran and agreed with the example. */
    PASS,
    /** The check ran and disagreed, or crashed. */
    FAIL,
    /** The check could not run here, for example for an algorithm that is not implemented. */
    SKIP,
    /** The check does not apply, such as encoding a failure test. */
    NOT_APPLICABLE
  }

  /**
   * Returns the example's overall outcome: FAIL if either check failed, else PASS if either passed,
   * else SKIP.
   *
   * @return PASS, FAIL or SKIP
   */
  public Status outcome() {
    if (decode == Status.FAIL || encode == Status.FAIL) {
      return Status.FAIL;
    }
    return decode == Status.PASS || encode == Status.PASS ? Status.PASS : Status.SKIP;
  }
}
