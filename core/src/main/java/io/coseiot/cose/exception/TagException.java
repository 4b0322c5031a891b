package io.coseiot.cose.exception;

/**
 * The CBOR tag does not match the tag policy: a tag for another message type, an unknown tag, a
 * missing tag where one is required, or a tag where none is allowed.
 */
public class TagException extends CoseException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong and where
   */
  public TagException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what was wrong and where
   * @param cause the underlying failure
   */
  public TagException(String message, Throwable cause) {
    super(message, cause);
  }
}
