package io.coseiot.mqtt.topic;

import java.util.Objects;

/**
 * An MQTT topic filter (MQTT v5 §4.7): levels separated by {@code /}, {@code +} matching exactly
 * one level, {@code #} (last level only) matching the parent and any number of levels below it.
 * Filters that start with a wildcard do not match topics that start with {@code $}. Immutable.
 */
public final class TopicFilter {
  private final String filter;
  private final String[] levels;

  private TopicFilter(String filter) {
    this.filter = filter;
    this.levels = filter.split("/", -1);
  }

  /**
   * Parses and validates a filter.
   *
   * @param filter the filter, for example {@code sensors/+/temperature} or {@code sensors/#}
   * @return the filter
   * @throws IllegalArgumentException if the filter is empty or uses a wildcard wrongly
   */
  public static TopicFilter of(String filter) {
    Objects.requireNonNull(filter, "filter");
    if (filter.isEmpty() || filter.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("empty topic filter or NUL in it");
    }
    String[] levels = filter.split("/", -1);
    for (int i = 0; i < levels.length; i++) {
      String l = levels[i];
      boolean hash = l.indexOf('#') >= 0;
      boolean plus = l.indexOf('+') >= 0;
      if (hash && (!l.equals("#") || i != levels.length - 1)) {
        throw new IllegalArgumentException("'#' must be a whole last level: " + filter);
      }
      if (plus && !l.equals("+")) {
        throw new IllegalArgumentException("'+' must be a whole level: " + filter);
      }
    }
    return new TopicFilter(filter);
  }

  /**
   * Checks that a string is a valid topic name: non-empty, no wildcard, no NUL.
   *
   * @param topic the topic name
   * @throws IllegalArgumentException if it is not
   */
  public static void checkTopicName(String topic) {
    if (topic == null
        || topic.isEmpty()
        || topic.indexOf('+') >= 0
        || topic.indexOf('#') >= 0
        || topic.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("not a valid MQTT topic name: " + topic);
    }
  }

  /**
   * Returns whether a string is a valid topic name.
   *
   * @param topic the candidate
   * @return true if {@link #checkTopicName} accepts it
   */
  public static boolean isTopicName(String topic) {
    try {
      checkTopicName(topic);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Returns whether this filter matches a topic name.
   *
   * @param topic the topic name
   * @return true if a subscription with this filter receives messages published to {@code topic}
   */
  public boolean matches(String topic) {
    if (!isTopicName(topic)) {
      return false;
    }
    if (topic.startsWith("$") && (levels[0].equals("+") || levels[0].equals("#"))) {
      return false;
    }
    // Walks the topic's levels in place: publishers and subscribers match every message, so no
    // split arrays.
    int start = 0;
    for (String f : levels) {
      if (f.equals("#")) {
        return true;
      }
      if (start > topic.length()) {
        return false;
      }
      int end = topic.indexOf('/', start);
      if (end < 0) {
        end = topic.length();
      }
      if (!f.equals("+") && (f.length() != end - start || !topic.startsWith(f, start))) {
        return false;
      }
      start = end + 1;
    }
    return start == topic.length() + 1;
  }

  /**
   * Returns whether some topic name matches both this filter and another: if none does, a
   * subscription with one never receives a message the other is meant for.
   *
   * @param other the other filter
   * @return true if they share at least one topic
   */
  public boolean overlaps(TopicFilter other) {
    String[] a = levels;
    String[] b = other.levels;
    int n = Math.min(a.length, b.length);
    for (int i = 0; i < n; i++) {
      if (a[i].equals("#") || b[i].equals("#")) {
        return true;
      }
      if (!a[i].equals("+") && !b[i].equals("+") && !a[i].equals(b[i])) {
        return false;
      }
    }
    // Equal lengths match alike; "a/#" also matches its parent "a".
    return a.length == b.length
        || (a.length == n + 1 && a[n].equals("#"))
        || (b.length == n + 1 && b[n].equals("#"));
  }

  /**
   * Returns the levels of this filter.
   *
   * @return a copy of the levels
   */
  public String[] levels() {
    return levels.clone();
  }

  /**
   * Returns the filter as written.
   *
   * @return the filter string
   */
  @Override
  public String toString() {
    return filter;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TopicFilter && ((TopicFilter) o).filter.equals(filter);
  }

  @Override
  public int hashCode() {
    return filter.hashCode();
  }
}
