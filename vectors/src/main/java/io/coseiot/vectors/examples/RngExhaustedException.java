package io.coseiot.vectors.examples;

/**
 * Thrown by {@link RngStream} when a rebuild asks for more random bytes than the example's {@code
 * rng_stream} holds: the input then cannot determine the message's bytes.
 */
public final class RngExhaustedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was asked for and what was left
   */
  public RngExhaustedException(String message) {
    super(message);
  }
}
