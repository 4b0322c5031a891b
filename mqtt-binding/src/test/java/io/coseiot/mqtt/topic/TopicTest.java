package io.coseiot.mqtt.topic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Profile R8.1 and the keyring's filter matching: topic and filter obfuscation. */
class TopicTest {
  @Test
  void filterMatching() {
    assertTrue(TopicFilter.of("a/+/c").matches("a/b/c"));
    assertFalse(TopicFilter.of("a/+/c").matches("a/b/d"));
    assertFalse(TopicFilter.of("a/+/c").matches("a/b/c/d"));
    assertTrue(TopicFilter.of("a/#").matches("a"));
    assertTrue(TopicFilter.of("a/#").matches("a/b/c"));
    assertTrue(TopicFilter.of("#").matches("x/y"));
    assertFalse(TopicFilter.of("#").matches("$SYS/x"));
    assertFalse(TopicFilter.of("+/x").matches("$SYS/x"));
    assertTrue(TopicFilter.of("+/+").matches("/x"));
    assertFalse(TopicFilter.of("a/+").matches("a/b+"));
    assertThrows(IllegalArgumentException.class, () -> TopicFilter.of("a/#/b"));
    assertThrows(IllegalArgumentException.class, () -> TopicFilter.of("a/b#"));
    assertThrows(IllegalArgumentException.class, () -> TopicFilter.of("a+/b"));
  }

  @Test
  void obfuscatedLabels() {
    TopicObfuscator o = new TopicObfuscator(new byte[32]);
    String t = o.obfuscateTopic("sensors/kitchen/temperature");
    String[] levels = t.split("/");
    assertEquals(3, levels.length);
    for (String l : levels) {
      assertEquals(12, l.length());
      assertTrue(l.matches("[A-Za-z0-9_-]+"));
    }
    // The same text at another depth gets another label.
    assertNotEquals(o.label(0, "a"), o.label(1, "a"));
    assertNotEquals(
        t,
        new TopicObfuscator(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
            .obfuscateTopic("sensors/kitchen/temperature"));
  }

  @Test
  void obfuscatedFiltersMatchObfuscatedTopics() {
    TopicObfuscator o = new TopicObfuscator(new byte[32]);
    String[] filters = {"sensors/+/temperature", "sensors/#", "#", "+/kitchen/+", "a/b"};
    String[] topics = {
      "sensors/kitchen/temperature", "sensors/hall/humidity", "a/b", "x/kitchen/y"
    };
    for (String f : filters) {
      for (String t : topics) {
        assertEquals(
            TopicFilter.of(f).matches(t),
            TopicFilter.of(o.obfuscateFilter(f)).matches(o.obfuscateTopic(t)),
            f + " vs " + t);
      }
    }
  }

  @Property(tries = 300)
  void obfuscationPreservesMatching(
      @ForAll @IntRange(min = 0, max = 3) int a,
      @ForAll @IntRange(min = 0, max = 3) int b,
      @ForAll @IntRange(min = 0, max = 3) int c,
      @ForAll @IntRange(min = 0, max = 15) int shape) {
    String[] words = {"a", "b", "kitchen", ""};
    String topic = words[a] + "/" + words[b] + "/" + words[c];
    String[] fl = {words[a], words[b], words[c]};
    if ((shape & 1) != 0) {
      fl[0] = "+";
    }
    if ((shape & 2) != 0) {
      fl[1] = "+";
    }
    if ((shape & 4) != 0) {
      fl[2] = "#";
    }
    String filter = String.join("/", fl);
    if ((shape & 8) != 0) {
      filter = fl[0] + "/#";
    }
    TopicObfuscator o = new TopicObfuscator(new byte[16]);
    String other = "b/" + words[c];
    for (String t : new String[] {topic, other}) {
      assertEquals(
          TopicFilter.of(filter).matches(t),
          TopicFilter.of(o.obfuscateFilter(filter)).matches(o.obfuscateTopic(t)));
    }
  }

  /**
   * The in-place matcher agrees with the MQTT v5 §4.7 rules written out level by level, on every
   * filter and topic of up to 3 levels built from a few words, empty levels and wildcards.
   */
  @Test
  void matchingFollowsTheLevelRules() {
    String[] topicWords = {"a", "b", "", "$s"};
    String[] filterWords = {"a", "b", "", "+", "#", "$s"};
    List<String> topics = new ArrayList<>();
    List<String> filters = new ArrayList<>();
    for (int n = 1; n <= 3; n++) {
      addJoined(topics, topicWords, n, "");
      addJoined(filters, filterWords, n, "");
    }
    int checked = 0;
    for (String f : filters) {
      TopicFilter parsed;
      try {
        parsed = TopicFilter.of(f);
      } catch (IllegalArgumentException e) {
        continue;
      }
      for (String t : topics) {
        assertEquals(byTheRules(f, t), parsed.matches(t), f + " " + t);
        checked++;
      }
    }
    assertTrue(checked > 1000, "checked " + checked);
  }

  /**
   * Two filters overlap exactly when some topic matches both, on every pair of filters of up to 3
   * levels and every topic of up to 3 levels ("c" standing for any other word).
   */
  @Test
  void overlapMeansATopicMatchesBoth() {
    List<String> topics = new ArrayList<>();
    List<TopicFilter> filters = new ArrayList<>();
    List<String> written = new ArrayList<>();
    for (int n = 1; n <= 3; n++) {
      addJoined(topics, new String[] {"a", "b", "c"}, n, "");
      addJoined(written, new String[] {"a", "b", "+", "#"}, n, "");
    }
    for (String f : written) {
      try {
        filters.add(TopicFilter.of(f));
      } catch (IllegalArgumentException e) {
        // '#' not last: not a filter.
      }
    }
    int overlapping = 0;
    for (TopicFilter x : filters) {
      for (TopicFilter y : filters) {
        boolean shared = topics.stream().anyMatch(t -> x.matches(t) && y.matches(t));
        assertEquals(shared, x.overlaps(y), x + " " + y);
        overlapping += shared ? 1 : 0;
      }
    }
    assertTrue(overlapping > 100 && overlapping < filters.size() * filters.size());
    assertFalse(TopicFilter.of("sensor/#").overlaps(TopicFilter.of("sensors/#")));
    assertTrue(TopicFilter.of("plant/+/telemetry").overlaps(TopicFilter.of("plant/#")));
  }

  /** Adds every join with '/' of n words, each level any of the words. */
  private static void addJoined(List<String> out, String[] words, int n, String prefix) {
    for (String w : words) {
      if (n == 1) {
        out.add(prefix + w);
      } else {
        addJoined(out, words, n - 1, prefix + w + "/");
      }
    }
  }

  private static boolean byTheRules(String f, String t) {
    if (t.isEmpty()) {
      return false; // not a topic name
    }
    String[] filter = f.split("/", -1);
    String[] topic = t.split("/", -1);
    if (topic[0].startsWith("$") && (filter[0].equals("+") || filter[0].equals("#"))) {
      return false;
    }
    for (int i = 0; i < filter.length; i++) {
      if (filter[i].equals("#")) {
        return true;
      }
      if (i == topic.length || !(filter[i].equals("+") || filter[i].equals(topic[i]))) {
        return false;
      }
    }
    return filter.length == topic.length;
  }
}
