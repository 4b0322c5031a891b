package io.coseiot.mqtt.replay;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory {@link ReplayState}, lost with the process: one {@link ReplayWindow} per (kid,
 * epoch, sender id) for counter mode, and a bounded memory of recent message identifiers (the IV,
 * or the signature of a bare Sign1) per kid for messages without a sequence number, which catches
 * QoS 1 redeliveries and prompt replays. Thread-safe.
 */
public final class ReplayGuard implements ReplayState {
  /** How many recent message identifiers are remembered by default. */
  public static final int DEFAULT_RECENT = 8192;

  /** The fewest recent identifiers a receiver may remember (profile R7.7). */
  public static final int MIN_RECENT = 64;

  private final Map<ByteBuffer, ReplayWindow> windows = new ConcurrentHashMap<>();
  private final RecentIds recent;
  private final int recentCapacity;
  private final Runnable onEviction;

  /** Creates a guard remembering {@link #DEFAULT_RECENT} identifiers. */
  public ReplayGuard() {
    this(DEFAULT_RECENT);
  }

  /**
   * Creates a guard remembering {@link #DEFAULT_RECENT} identifiers.
   *
   * @param recentCapacity how many recent message identifiers to remember, at least {@link
   *     #MIN_RECENT}; when full, the one accepted first is forgotten first
   */
  public ReplayGuard(int recentCapacity) {
    this(recentCapacity, () -> {});
  }

  /**
   * Creates a guard that tells each time it forgets an identifier to make room, e.g. {@code
   * MessageMetrics::replayEvicted}.
   *
   * @param recentCapacity how many recent message identifiers to remember, at least {@link
   *     #MIN_RECENT}; when full, the one accepted first is forgotten first
   * @param onEviction run (outside the guard's lock) after each identifier forgotten
   */
  public ReplayGuard(int recentCapacity, Runnable onEviction) {
    if (recentCapacity < MIN_RECENT) {
      throw new IllegalArgumentException(
          "remember at least " + MIN_RECENT + " identifiers, got " + recentCapacity);
    }
    this.recent = new RecentIds(recentCapacity);
    this.recentCapacity = recentCapacity;
    this.onEviction = Objects.requireNonNull(onEviction, "onEviction");
  }

  /**
   * Checks and records a counter-mode sequence number.
   *
   * @param kid the key id
   * @param epoch the key epoch
   * @param senderId the sender id
   * @param seq the sequence number
   * @return the verdict of that sender's window
   */
  @Override
  public ReplayWindow.Verdict acceptSequence(byte[] kid, long epoch, byte[] senderId, long seq) {
    return windows
        .computeIfAbsent(ReplayKeys.sender(kid, epoch, senderId), k -> new ReplayWindow())
        .accept(seq);
  }

  /**
   * Checks and records a message identifier.
   *
   * @param kid the key id
   * @param messageId the IV or signature
   * @return true if it was not seen recently
   */
  @Override
  public boolean acceptUnique(byte[] kid, byte[] messageId) {
    byte[] id = ReplayKeys.message(kid, messageId);
    boolean added;
    boolean evicted;
    synchronized (recent) {
      evicted = recent.size() == recentCapacity;
      added = recent.add(id);
    }
    if (added && evicted) {
      onEviction.run();
    }
    return added;
  }
}
