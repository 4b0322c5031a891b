package io.coseiot.cose.exception;

/**
 * The algorithm is missing, unknown, not implemented, or not allowed in this place (for example a
 * signature algorithm on a COSE_Encrypt0).
 */
public class AlgorithmException extends CoseException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong and where
   */
  public AlgorithmException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what was wrong and where
   * @param cause the underlying failure
   */
  public AlgorithmException(String message, Throwable cause) {
    super(message, cause);
  }
}
