package io.coseiot.mqtt.replay;

/**
 * A {@link ReplayState} could not check or record a message: its store is unavailable, locked,
 * missing or corrupt. The opener then refuses the message.
 */
public final class ReplayStateException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong. */
  public enum Reason {
    /** The store cannot be reached or failed to write (disk error, Redis down or refusing). */
    UNAVAILABLE,
    /** Another process holds the store. */
    IN_USE,
    /** The store is gone: deleted, or never made with its {@code create}. */
    MISSING,
    /** {@code create} found a store already there. */
    EXISTS,
    /** The store's contents cannot be read back. */
    CORRUPT
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason what went wrong
   * @param message the details
   * @param cause the underlying failure, or null
   */
  public ReplayStateException(Reason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = reason;
  }

  /**
   * Returns what went wrong.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
