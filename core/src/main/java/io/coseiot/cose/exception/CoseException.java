package io.coseiot.cose.exception;

/**
 * The one checked exception family of cose-iot: every failure to decode, verify, decrypt or build a
 * COSE object is a subclass of this type, with a message that says what was wrong and where.
 */
public class CoseException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong and where
   */
  public CoseException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what was wrong and where
   * @param cause the underlying failure
   */
  public CoseException(String message, Throwable cause) {
    super(message, cause);
  }
}
