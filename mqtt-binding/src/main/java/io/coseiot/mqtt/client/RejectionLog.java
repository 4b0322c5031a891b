package io.coseiot.mqtt.client;

import io.coseiot.mqtt.codec.CoseMqttProfile;
import io.coseiot.mqtt.codec.RejectedMessageException;
import io.coseiot.mqtt.codec.RejectedMessageException.Reason;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Logs rejected messages at WARNING on the logger {@value #LOGGER}, naming topic, kid and reason,
 * at most {@code limit} lines per reason per interval: a flood of forgeries or replays must not
 * drown the log, yet the first of each kind must reach an operator. A line logged after a quiet
 * spell says how many of that reason were left out before it. Thread-safe.
 */
final class RejectionLog {
  /** The logger's name; turn it off (or down to ERROR) to silence these lines. */
  static final String LOGGER = "io.coseiot.mqtt.rejections";

  static final int DEFAULT_LIMIT = 10;
  static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);

  private final System.Logger log;
  private final int limit;
  private final long intervalNanos;
  private final Duration interval;
  private final LongSupplier nanoTime;
  private final Map<Reason, Window> windows = new EnumMap<>(Reason.class);

  /** The default: {@value #DEFAULT_LIMIT} lines per reason per minute on {@value #LOGGER}. */
  RejectionLog() {
    this(System.getLogger(LOGGER), DEFAULT_LIMIT, DEFAULT_INTERVAL, System::nanoTime);
  }

  RejectionLog(System.Logger log, int limit, Duration interval, LongSupplier nanoTime) {
    if (limit < 1 || interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("limit " + limit + " per " + interval);
    }
    this.log = log;
    this.limit = limit;
    this.interval = interval;
    this.intervalNanos = interval.toNanos();
    this.nanoTime = nanoTime;
  }

  /**
   * Logs one rejection unless its reason already used up this interval's lines.
   *
   * @param wireTopic the topic the message arrived on
   * @param e the rejection
   */
  void rejected(String wireTopic, RejectedMessageException e) {
    if (!log.isLoggable(Level.WARNING)) {
      return;
    }
    long suppressedBefore;
    synchronized (windows) {
      Window w = windows.computeIfAbsent(e.reason(), r -> new Window());
      long now = nanoTime.getAsLong();
      if (w.logged == 0 || now - w.start >= intervalNanos) {
        w.carried = w.suppressed;
        w.start = now;
        w.logged = 0;
        w.suppressed = 0;
      }
      if (w.logged == limit) {
        w.suppressed++;
        return;
      }
      w.logged++;
      suppressedBefore = w.carried;
      w.carried = 0;
    }
    byte[] kid = e.keyId();
    String line =
        "rejected a message on topic "
            + wireTopic
            + ", kid "
            + (kid == null ? "(none read)" : CoseMqttProfile.kidHint(kid))
            + ": "
            + e.getMessage()
            + (suppressedBefore == 0
                ? ""
                : " ("
                    + suppressedBefore
                    + " more "
                    + e.reason()
                    + " rejections were not logged in the "
                    + interval
                    + " before)");
    log.log(Level.WARNING, line);
  }

  /** One reason's current interval. */
  private static final class Window {
    long start;
    int logged;
    long suppressed;
    // Suppressed in the previous interval, told with the next line.
    long carried;
  }
}
