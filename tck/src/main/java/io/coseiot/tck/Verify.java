package io.coseiot.tck;

import io.coseiot.interop.Outcome;
import io.coseiot.interop.Outcome.Verdict;
import io.coseiot.vectors.examples.ExampleResult.Status;

/** The closing line shared by {@code run} and {@code verify}. */
final class Verify {
  private Verify() {}

  /** "N passed, N failed, N skipped": deviations and not-applicable results count as skipped. */
  static String closingLine(Matrix m) {
    int pass = 0;
    int fail = 0;
    int skip = 0;
    for (Matrix.JvmResult r : m.jvm) {
      if (r.status() == Status.PASS) {
        pass++;
      } else if (r.status() == Status.FAIL) {
        fail++;
      } else {
        skip++;
      }
    }
    for (Outcome o : m.outcomes) {
      if (o.verdict() == Verdict.PASS) {
        pass++;
      } else if (o.verdict() == Verdict.FAIL) {
        fail++;
      } else {
        skip++;
      }
    }
    return pass + " passed, " + fail + " failed, " + skip + " skipped";
  }
}
