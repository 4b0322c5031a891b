package io.coseiot.mqtt.metrics;

import io.coseiot.mqtt.codec.RejectedMessageException.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * {@link MessageMetrics} as Micrometer meters. The only class of cose-iot that refers to
 * Micrometer, an optional dependency: it is loaded only when an application calls {@link #of}, so
 * without Micrometer on the class path nothing else fails to load.
 *
 * <ul>
 *   <li>{@value #SEALED}, {@value #OPENED}: counters;
 *   <li>{@value #REJECTED}: a counter per {@code reason} tag (every reason registered at once, so a
 *       dashboard shows zeros before the first rejection);
 *   <li>{@value #EVICTIONS}: a counter;
 *   <li>{@value #EPOCH}: a gauge of the keyring's current epoch (NaN until a codec with a keyring
 *       reports it; with several codecs on one instance, the last one's).
 * </ul>
 */
public final class MicrometerMetrics implements MessageMetrics {
  /** Payloads sealed. */
  public static final String SEALED = "coseiot.mqtt.messages.sealed";

  /** Received messages that opened. */
  public static final String OPENED = "coseiot.mqtt.messages.opened";

  /** Received messages rejected, tagged {@code reason}. */
  public static final String REJECTED = "coseiot.mqtt.messages.rejected";

  /** Message ids the in-memory replay state forgot to make room. */
  public static final String EVICTIONS = "coseiot.mqtt.replay.evictions";

  /** The key epoch in use. */
  public static final String EPOCH = "coseiot.mqtt.key.epoch";

  private final Counter sealed;
  private final Counter opened;
  private final Map<Reason, Counter> rejected = new EnumMap<>(Reason.class);
  private final Counter evictions;
  private volatile LongSupplier epoch;

  private MicrometerMetrics(MeterRegistry registry, Tags tags) {
    sealed = Counter.builder(SEALED).tags(tags).description("payloads sealed").register(registry);
    opened =
        Counter.builder(OPENED).tags(tags).description("messages that opened").register(registry);
    for (Reason r : Reason.values()) {
      rejected.put(
          r,
          Counter.builder(REJECTED)
              .tags(tags)
              .tag("reason", r.name())
              .description("messages rejected, by reason")
              .register(registry));
    }
    evictions =
        Counter.builder(EVICTIONS)
            .tags(tags)
            .description("message ids the in-memory replay state forgot to make room")
            .register(registry);
    Gauge.builder(EPOCH, this, MicrometerMetrics::epochNow)
        .tags(tags)
        .description("the key epoch in use")
        .strongReference(true)
        .register(registry);
  }

  /**
   * Registers the meters.
   *
   * @param registry where they go
   * @param tags extra tags as key, value pairs (e.g. {@code "codec", "telemetry"}) to tell several
   *     codecs apart
   * @return the metrics, for {@code CoseMqttCodec.Builder.metrics}
   */
  public static MessageMetrics of(MeterRegistry registry, String... tags) {
    return new MicrometerMetrics(Objects.requireNonNull(registry, "registry"), Tags.of(tags));
  }

  private double epochNow() {
    LongSupplier e = epoch;
    return e == null ? Double.NaN : e.getAsLong();
  }

  @Override
  public void sealed() {
    sealed.increment();
  }

  @Override
  public void opened() {
    opened.increment();
  }

  @Override
  public void rejected(Reason reason) {
    rejected.get(reason).increment();
  }

  @Override
  public void replayEvicted() {
    evictions.increment();
  }

  @Override
  public void keyEpoch(LongSupplier currentEpoch) {
    this.epoch = Objects.requireNonNull(currentEpoch, "currentEpoch");
  }
}
