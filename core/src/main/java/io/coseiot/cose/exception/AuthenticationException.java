package io.coseiot.cose.exception;

/**
 * Authentication failed: an AEAD tag, a MAC or a signature did not verify over the bytes received,
 * or a tag or signature is truncated.
 */
public class AuthenticationException extends CoseException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was wrong and where
   */
  public AuthenticationException(String message) {
    super(message);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what was wrong and where
   * @param cause the underlying failure
   */
  public AuthenticationException(String message, Throwable cause) {
    super(message, cause);
  }
}
