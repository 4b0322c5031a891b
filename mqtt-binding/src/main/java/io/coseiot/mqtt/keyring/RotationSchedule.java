package io.coseiot.mqtt.keyring;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * When each key epoch starts, and how long the previous epoch stays accepted. Publishers seal with
 * the epoch current at the time of sealing; subscribers accept the current epoch, the previous one
 * until {@code start(current) + acceptanceWindow}, and the next one from {@code start(next) -
 * clockSkew}. Immutable.
 */
public final class RotationSchedule {
  private final Instant origin;
  private final Duration period;
  private final Instant[] switches;
  private final long fixedEpoch;
  private final Duration acceptanceWindow;
  private final Duration clockSkew;

  private RotationSchedule(
      Instant origin,
      Duration period,
      Instant[] switches,
      long fixedEpoch,
      Duration acceptanceWindow,
      Duration clockSkew) {
    this.origin = origin;
    this.period = period;
    this.switches = switches;
    this.fixedEpoch = fixedEpoch;
    this.acceptanceWindow = acceptanceWindow;
    this.clockSkew = clockSkew;
  }

  /**
   * A schedule that never rotates.
   *
   * @param epoch the one epoch
   * @return the schedule
   */
  public static RotationSchedule fixed(long epoch) {
    if (epoch < 0) {
      throw new IllegalArgumentException("epoch must be >= 0");
    }
    return new RotationSchedule(null, null, null, epoch, Duration.ZERO, Duration.ZERO);
  }

  /**
   * Epoch {@code e >= 1} starts at {@code origin + e * period}; epoch 0 is everything before.
   *
   * @param origin the start of epoch 0's successor minus one period
   * @param period the time between switches, positive
   * @param acceptanceWindow how long after a switch the previous epoch stays accepted
   * @return the schedule
   */
  public static RotationSchedule periodic(
      Instant origin, Duration period, Duration acceptanceWindow) {
    Objects.requireNonNull(origin, "origin");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be positive");
    }
    return new RotationSchedule(origin, period, null, 0, check(acceptanceWindow), Duration.ZERO);
  }

  /**
   * Epoch {@code i + 1} starts at {@code switches[i]}; epoch 0 is everything before the first.
   *
   * @param acceptanceWindow how long after a switch the previous epoch stays accepted
   * @param switches the switch instants, strictly increasing
   * @return the schedule
   */
  public static RotationSchedule switchingAt(Duration acceptanceWindow, Instant... switches) {
    Instant[] s = switches.clone();
    for (int i = 1; i < s.length; i++) {
      if (!s[i].isAfter(s[i - 1])) {
        throw new IllegalArgumentException("switch instants must increase");
      }
    }
    return new RotationSchedule(null, null, s, 0, check(acceptanceWindow), Duration.ZERO);
  }

  private static Duration check(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("negative duration");
    }
    return d;
  }

  /**
   * Returns a copy that also accepts the next epoch this long before it starts.
   *
   * @param skew the tolerated clock skew between publishers and subscribers
   * @return the schedule
   */
  public RotationSchedule withClockSkew(Duration skew) {
    return new RotationSchedule(
        origin, period, switches, fixedEpoch, acceptanceWindow, check(skew));
  }

  /**
   * Returns the epoch current at an instant.
   *
   * @param t the instant
   * @return the epoch
   */
  public long epochAt(Instant t) {
    if (period != null) {
      if (t.isBefore(origin)) {
        return 0;
      }
      Duration since = Duration.between(origin, t);
      return since.dividedBy(period);
    }
    if (switches != null) {
      int i = Arrays.binarySearch(switches, t);
      return i >= 0 ? i + 1 : -i - 1;
    }
    return fixedEpoch;
  }

  /**
   * Returns when an epoch starts.
   *
   * @param epoch the epoch
   * @return the start, or {@link Instant#MIN} for the first epoch and {@link Instant#MAX} for one
   *     that never starts
   */
  public Instant start(long epoch) {
    if (period != null) {
      return epoch <= 0 ? Instant.MIN : origin.plus(period.multipliedBy(epoch));
    }
    if (switches != null) {
      if (epoch <= 0) {
        return Instant.MIN;
      }
      return epoch > switches.length ? Instant.MAX : switches[(int) epoch - 1];
    }
    return epoch <= fixedEpoch ? Instant.MIN : Instant.MAX;
  }

  /**
   * Returns whether a subscriber accepts an epoch at an instant.
   *
   * @param epoch the message's epoch
   * @param t the time of receipt
   * @return true for the current epoch, the previous one within the acceptance window, and the next
   *     one within the clock skew
   */
  public boolean accepts(long epoch, Instant t) {
    long current = epochAt(t);
    if (epoch == current) {
      return true;
    }
    if (epoch == current - 1) {
      Instant s = start(current);
      return s.equals(Instant.MIN) || t.isBefore(s.plus(acceptanceWindow));
    }
    if (epoch == current + 1) {
      Instant s = start(epoch);
      return !s.equals(Instant.MAX) && !t.isBefore(s.minus(clockSkew));
    }
    return false;
  }

  /**
   * Returns how long the previous epoch stays accepted after a switch.
   *
   * @return the window
   */
  public Duration acceptanceWindow() {
    return acceptanceWindow;
  }
}
