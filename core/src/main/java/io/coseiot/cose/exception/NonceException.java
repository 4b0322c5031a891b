package io.coseiot.cose.exception;

/**
 * The IV or Partial IV is missing, duplicated, or its length is not the one the algorithm requires.
 */
public class NonceException extends CoseException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong and where
   */
  public NonceException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what was wrong and where
   * @param cause the underlying failure
   */
  public NonceException(String message, Throwable cause) {
    super(message, cause);
  }
}
