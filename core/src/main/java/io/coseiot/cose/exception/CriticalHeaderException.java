package io.coseiot.cose.exception;

/**
 * The crit header (label 2) is invalid: outside the protected bucket, empty, or naming a label that
 * is absent or that the receiver does not understand.
 */
public class CriticalHeaderException extends HeaderException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong and where
   */
  public CriticalHeaderException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what was wrong and where
   * @param cause the underlying failure
   */
  public CriticalHeaderException(String message, Throwable cause) {
    super(message, cause);
  }
}
