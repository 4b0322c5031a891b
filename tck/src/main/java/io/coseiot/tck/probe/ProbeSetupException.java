package io.coseiot.tck.probe;

/** A setup or usage problem (broker unreachable, bad keys, bad flags): exit status 2. */
public final class ProbeSetupException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message one line saying what is wrong and, where possible, what to do
   */
  public ProbeSetupException(String message) {
    super(message);
  }
}
