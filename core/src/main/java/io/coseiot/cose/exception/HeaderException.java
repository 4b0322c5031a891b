package io.coseiot.cose.exception;

/**
 * A header bucket is invalid: duplicate labels, a label present in both the protected and
 * unprotected bucket, a header value of the wrong type, or a protected bucket that is not a map.
 */
public class HeaderException extends CoseException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong and where
   */
  public HeaderException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what was wrong and where
   * @param cause the underlying failure
   */
  public HeaderException(String message, Throwable cause) {
    super(message, cause);
  }
}
