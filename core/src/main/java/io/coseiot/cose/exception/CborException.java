package io.coseiot.cose.exception;

/**
 * The input is not well-formed CBOR, or breaks a decoding limit: truncated data, a length larger
 * than the remaining input, indefinite lengths, nesting deeper than the bound, or trailing bytes.
 */
public class CborException extends CoseException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong and where
   */
  public CborException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what was wrong and where
   * @param cause the underlying failure
   */
  public CborException(String message, Throwable cause) {
    super(message, cause);
  }
}
