package io.coseiot.mqtt.replay;

/**
 * A 64-number sliding replay window (as in RFC 4303 §3.4.3 and RFC 8613 §7.4) for one sender's
 * sequence numbers: numbers above the highest seen are fresh, numbers within 64 below it are fresh
 * once, and older numbers are refused. Thread-safe.
 */
public final class ReplayWindow {
  /** How many numbers below the highest seen the window tracks. */
  public static final int SIZE = 64;

  /** The verdict on one sequence number. */
  public enum Verdict {
    /** Not seen before and inside (or above) the window; now recorded. */
    FRESH,
    /** Already seen. */
    DUPLICATE,
    /** Below the window, so it cannot be told apart from a replay. */
    TOO_OLD
  }

  private long highest = -1;
  // Bit i set means highest - i was seen.
  private long seen;

  /** Creates the window of a sender not seen before. */
  public ReplayWindow() {}

  /**
   * Creates the window of a sender after a restart: every number up to {@code mark} counts as seen,
   * so none of them is accepted again, and numbers above it are fresh.
   *
   * @param mark a value at or above the highest number accepted before the restart, or -1
   * @return the window
   */
  public static ReplayWindow restoredAt(long mark) {
    ReplayWindow w = new ReplayWindow();
    w.highest = mark;
    w.seen = mark < 0 ? 0 : -1L;
    return w;
  }

  /**
   * Checks a sequence number and records it if fresh. Call only after the message authenticated.
   *
   * @param seq the sequence number, at least 0
   * @return the verdict
   */
  public synchronized Verdict accept(long seq) {
    if (seq < 0) {
      return Verdict.TOO_OLD;
    }
    if (seq > highest) {
      long shift = seq - highest;
      seen = shift >= SIZE ? 0 : seen << shift;
      seen |= 1;
      highest = seq;
      return Verdict.FRESH;
    }
    long offset = highest - seq;
    if (offset >= SIZE) {
      return Verdict.TOO_OLD;
    }
    long bit = 1L << offset;
    if ((seen & bit) != 0) {
      return Verdict.DUPLICATE;
    }
    seen |= bit;
    return Verdict.FRESH;
  }

  /**
   * Returns the highest sequence number seen.
   *
   * @return the highest, or -1 if none
   */
  public synchronized long highest() {
    return highest;
  }
}
