package io.coseiot.cose.exception;

/**
 * A key does not fit its use: wrong key type, curve or size for the algorithm, missing private or
 * public material, or an invalid point.
 */
public class KeyException extends CoseException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong and where
   */
  public KeyException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what was wrong and where
   * @param cause the underlying failure
   */
  public KeyException(String message, Throwable cause) {
    super(message, cause);
  }
}
