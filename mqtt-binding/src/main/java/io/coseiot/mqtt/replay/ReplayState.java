package io.coseiot.mqtt.replay;

/**
 * Where a subscriber keeps what it has seen: the replay window of each (kid, epoch, sender id) in
 * counter mode, and the recent message identifiers (IV, signature or MAC tag) of messages without a
 * sequence number. An opener calls it once per authenticated message, so implementations keep that
 * call cheap. Implementations: {@link ReplayGuard} (in memory, the default), {@code
 * io.coseiot.mqtt.replay.durable.DurableReplayState} (survives a crash of the process) and {@code
 * io.coseiot.mqtt.replay.redis.RedisReplayState} (shared by the members of a shared subscription).
 * Thread-safe.
 */
public interface ReplayState extends AutoCloseable {
  /**
   * Checks and records a counter-mode sequence number.
   *
   * @param kid the key id
   * @param epoch the key epoch
   * @param senderId the sender id
   * @param seq the sequence number
   * @return the verdict of that sender's window; only {@code FRESH} records it
   * @throws ReplayStateException if the state cannot be read or updated; the message is then
   *     refused, never accepted unchecked
   */
  ReplayWindow.Verdict acceptSequence(byte[] kid, long epoch, byte[] senderId, long seq)
      throws ReplayStateException;

  /**
   * Checks and records a message identifier.
   *
   * @param kid the key id
   * @param messageId the IV, signature or MAC tag
   * @return true if it was not seen within the remembered ones (and is now remembered)
   * @throws ReplayStateException if the state cannot be read or updated
   */
  boolean acceptUnique(byte[] kid, byte[] messageId) throws ReplayStateException;

  /** Releases what the state holds (files, connections); the in-memory state holds nothing. */
  @Override
  default void close() {}
}
