package io.coseiot.mqtt.nonce;

/**
 * A claim on a sender id for one key, held by one publisher instance at a time, so that two
 * instances sharing a key cannot both seal with the same sender id (which would reuse nonces). A
 * {@link SequenceStore} checks its lease before each block reservation, so a lease lost to another
 * instance stops the publisher within one block. Implemented by {@code
 * io.coseiot.mqtt.replay.redis.RedisSenderLeases}.
 */
public interface SenderLease extends AutoCloseable {
  /**
   * Checks that this instance still holds the lease.
   *
   * @throws SequenceStateException with {@link SequenceStateException.Reason#SENDER_ID_IN_USE} if
   *     another instance holds it now, or if it can no longer be confirmed
   */
  void check() throws SequenceStateException;

  /** Gives the lease up. */
  @Override
  void close();
}
