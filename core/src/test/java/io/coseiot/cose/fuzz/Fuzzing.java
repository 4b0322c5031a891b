package io.coseiot.cose.fuzz;

import io.coseiot.cose.exception.CoseException;

/**
 * The rule every fuzz target of the library follows (issue 17): an input may fail only with the
 * library's own {@link CoseException}; anything else (a runtime exception, a CBOR library
 * exception, {@link StackOverflowError}, {@link OutOfMemoryError}) escapes to Jazzer as a finding,
 * and so does an input of at most 1 KiB that takes more than 100 ms.
 */
public final class Fuzzing {
  /** The largest input the time budget applies to. */
  public static final int BUDGET_INPUT_BYTES = 1024;

  /** The time budget of one such input. */
  public static final long BUDGET_MILLIS = 100;

  // A slow run is tried again before it counts: a GC pause or a JIT compilation on a loaded
  // 2-core machine is not the input's fault, while a slow input is slow every time.
  private static final int TRIES = 3;

  private Fuzzing() {}

  /** One step of a fuzz target. */
  @FunctionalInterface
  public interface Step {
    /**
     * Runs the step.
     *
     * @throws CoseException the typed refusal, which is an allowed outcome
     */
    void run() throws CoseException;
  }

  /**
   * Runs a step, for which a {@link CoseException} is an allowed outcome; returns whether it
   * completed without one.
   *
   * @param step the step
   * @return true if it completed, false if the library refused with its typed exception
   */
  public static boolean attempt(Step step) {
    try {
      step.run();
      return true;
    } catch (CoseException e) {
      return false;
    }
  }

  /**
   * Runs a whole target body on one input under the time budget. The body must not keep state
   * between runs, since a slow input is run again.
   *
   * @param input the fuzzer's input
   * @param body what the target does with it
   */
  public static void withinBudget(byte[] input, Step body) {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < TRIES; i++) {
      long start = System.nanoTime();
      attempt(body);
      long millis = (System.nanoTime() - start) / 1_000_000;
      if (input.length > BUDGET_INPUT_BYTES || millis <= BUDGET_MILLIS) {
        return;
      }
      best = Math.min(best, millis);
    }
    throw new AssertionError(
        input.length
            + "-byte input took "
            + best
            + " ms at best of "
            + TRIES
            + " runs; the budget is "
            + BUDGET_MILLIS
            + " ms up to "
            + BUDGET_INPUT_BYTES
            + " bytes");
  }
}
