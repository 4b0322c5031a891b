package io.coseiot.mqtt.keyring;

import io.coseiot.cose.exception.KeyException;
import io.coseiot.mqtt.topic.TopicFilter;
import io.coseiot.mqtt.topic.TopicObfuscator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The symmetric keys of a publisher or subscriber: topic keysets (the first whose filter matches a
 * topic wins), a rotation schedule read against a clock, and optionally a topic obfuscation key.
 * Immutable and thread-safe.
 */
public final class Keyring {
  private final List<TopicKeyset> keysets;
  private final List<TopicFilter> wireFilters;
  private final RotationSchedule schedule;
  private final Clock clock;
  private final TopicObfuscator obfuscator;

  private Keyring(Builder b) {
    this.keysets = List.copyOf(b.keysets);
    this.schedule = b.schedule;
    this.clock = b.clock;
    this.obfuscator = b.topicKey == null ? null : new TopicObfuscator(b.topicKey);
    List<TopicFilter> wf = new ArrayList<>();
    for (TopicKeyset k : keysets) {
      wf.add(
          obfuscator == null
              ? k.filter()
              : TopicFilter.of(obfuscator.obfuscateFilter(k.filter().toString())));
    }
    this.wireFilters = List.copyOf(wf);
  }

  /**
   * Starts a keyring.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the current epoch.
   *
   * @return the schedule's epoch at the clock's instant
   */
  public long currentEpoch() {
    return schedule.epochAt(clock.instant());
  }

  /**
   * Returns the schedule.
   *
   * @return the rotation schedule
   */
  public RotationSchedule schedule() {
    return schedule;
  }

  /**
   * Returns the clock.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Returns the topic obfuscator.
   *
   * @return the obfuscator, or null if this keyring does not obfuscate topics
   */
  public TopicObfuscator obfuscator() {
    return obfuscator;
  }

  /**
   * Returns the topic to publish to for a real topic.
   *
   * @param topic the real topic
   * @return the obfuscated topic, or {@code topic} if this keyring does not obfuscate
   */
  public String wireTopic(String topic) {
    return obfuscator == null ? topic : obfuscator.obfuscateTopic(topic);
  }

  /**
   * Returns the filter to subscribe with for a real filter.
   *
   * @param filter the real filter
   * @return the obfuscated filter, or {@code filter} if this keyring does not obfuscate
   */
  public String wireFilter(String filter) {
    return obfuscator == null
        ? TopicFilter.of(filter).toString()
        : obfuscator.obfuscateFilter(filter);
  }

  /**
   * Returns the filters of all keysets as they appear on the wire, in keyring order.
   *
   * @return the filters to subscribe with
   */
  public List<String> wireFilters() {
    List<String> out = new ArrayList<>();
    for (TopicFilter f : wireFilters) {
      out.add(f.toString());
    }
    return out;
  }

  /**
   * Returns the keyset covering a real topic.
   *
   * @param topic the real topic
   * @return the first keyset whose filter matches, or null
   */
  public TopicKeyset keysetFor(String topic) {
    for (TopicKeyset k : keysets) {
      if (k.filter().matches(topic)) {
        return k;
      }
    }
    return null;
  }

  /**
   * Returns the key a publisher seals with now.
   *
   * @param topic the real topic
   * @return the primary key of the current epoch
   * @throws KeyException if no keyset covers the topic or it has no key for the epoch
   */
  public TopicKey primary(String topic) throws KeyException {
    TopicKeyset k = keysetFor(topic);
    if (k == null) {
      throw new KeyException("no keyset covers topic " + topic);
    }
    return k.primary(currentEpoch());
  }

  /**
   * Looks up the key of a received message.
   *
   * @param wireTopic the topic the message arrived on (obfuscated if this keyring obfuscates)
   * @param kid the message's kid
   * @return the outcome
   */
  public KeyLookup lookup(String wireTopic, byte[] kid) {
    long now = currentEpoch();
    boolean elsewhere = false;
    for (int i = 0; i < keysets.size(); i++) {
      TopicKey k = keysets.get(i).byKid(kid, now);
      if (k == null) {
        continue;
      }
      if (!wireFilters.get(i).matches(wireTopic)) {
        elsewhere = true;
        continue;
      }
      return schedule.accepts(k.epoch(), clock.instant())
          ? new KeyLookup(KeyLookup.Status.ACCEPTED, k)
          : new KeyLookup(KeyLookup.Status.EPOCH_NOT_ACCEPTED, k);
    }
    return new KeyLookup(
        elsewhere ? KeyLookup.Status.OTHER_TOPIC : KeyLookup.Status.UNKNOWN_KEY, null);
  }

  /** Builds a {@link Keyring}. */
  public static final class Builder {
    private final List<TopicKeyset> keysets = new ArrayList<>();
    private RotationSchedule schedule = RotationSchedule.fixed(0);
    private Clock clock = Clock.systemUTC();
    private byte[] topicKey;

    private Builder() {}

    /**
     * Adds a keyset; earlier keysets win when several filters match.
     *
     * @param keyset the keyset
     * @return this builder
     */
    public Builder add(TopicKeyset keyset) {
      keysets.add(Objects.requireNonNull(keyset));
      return this;
    }

    /**
     * Sets the rotation schedule (default: epoch 0 forever).
     *
     * @param schedule the schedule
     * @return this builder
     */
    public Builder schedule(RotationSchedule schedule) {
      this.schedule = Objects.requireNonNull(schedule);
      return this;
    }

    /**
     * Sets the clock (default: the UTC system clock).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /**
     * Turns topic obfuscation on.
     *
     * @param topicKey the topic key, for example {@link KeyDerivation#topicKey}
     * @return this builder
     */
    public Builder obfuscateTopics(byte[] topicKey) {
      this.topicKey = topicKey.clone();
      return this;
    }

    /**
     * Builds the keyring.
     *
     * @return the keyring
     */
    public Keyring build() {
      if (keysets.isEmpty()) {
        throw new IllegalStateException("a keyring needs at least one keyset");
      }
      return new Keyring(this);
    }
  }
}
