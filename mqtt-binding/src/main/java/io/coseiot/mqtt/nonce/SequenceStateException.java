package io.coseiot.mqtt.nonce;

import java.io.IOException;

/**
 * A sender's persisted sequence state cannot be trusted or used: the publisher must stop rather
 * than guess, since a guessed (lower) sequence number would reuse a nonce. An {@link IOException}
 * so that existing callers of {@link SequenceStore} keep compiling.
 */
public final class SequenceStateException extends IOException {
  private static final long serialVersionUID = 1L;

  /** What is wrong with the sequence state. */
  public enum Reason {
    /** The file is gone: it was deleted, or was never created with {@link SequenceStore#create}. */
    MISSING,
    /** {@link SequenceStore#create} found a file already there. */
    EXISTS,
    /** The file does not hold a well-formed value with a matching checksum (corrupt, truncated). */
    CORRUPT,
    /** The file changed under a running store: someone else wrote, replaced or deleted it. */
    CHANGED,
    /** Another store (in this or another process) holds the file's lock. */
    IN_USE,
    /** Another instance holds the lease on this sender id (see {@link SenderLease}). */
    SENDER_ID_IN_USE,
    /** All 2^40 sequence numbers were used: rotate the key or the sender id. */
    EXHAUSTED
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason what is wrong
   * @param message the details, naming the file or sender id
   */
  public SequenceStateException(Reason reason, String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  /**
   * Returns what is wrong.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
