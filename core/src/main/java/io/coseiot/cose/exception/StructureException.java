package io.coseiot.cose.exception;

/**
 * Well-formed CBOR that is not the expected COSE structure: wrong array arity or element type, for
 * example a payload that is neither a byte string nor nil.
 */
public class StructureException extends CoseException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong and where
   */
  public StructureException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what was wrong and where
   * @param cause the underlying failure
   */
  public StructureException(String message, Throwable cause) {
    super(message, cause);
  }
}
