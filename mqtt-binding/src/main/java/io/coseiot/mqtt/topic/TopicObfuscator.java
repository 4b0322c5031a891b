package io.coseiot.mqtt.topic;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Topic obfuscation of the cose-iot MQTT profile 1: each level of a topic is replaced by {@code
 * base64url(HMAC-SHA-256(topicKey, depth || utf8(level))[0..9])} (12 characters, no padding), where
 * {@code depth} is the 0-based level index as one byte. Wildcard levels {@code +} and {@code #} of
 * a filter are kept, so a filter obfuscated with the same key still matches exactly the obfuscated
 * topics it matched in the clear. Thread-safe.
 */
public final class TopicObfuscator {
  /** Bytes of HMAC output kept per level. */
  public static final int LABEL_BYTES = 9;

  /** Levels deeper than this cannot be obfuscated (the depth is one byte). */
  public static final int MAX_LEVELS = 256;

  private static final int CACHE_LIMIT = 4096;

  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs;
  private final Map<String, String> cache = new ConcurrentHashMap<>();

  /**
   * Creates an obfuscator.
   *
   * @param topicKey the keyring's topic key, at least 16 bytes
   */
  public TopicObfuscator(byte[] topicKey) {
    if (topicKey == null || topicKey.length < 16) {
      throw new IllegalArgumentException("topic key must be at least 16 bytes");
    }
    this.key = new SecretKeySpec(topicKey.clone(), "HmacSHA256");
    this.macs =
        ThreadLocal.withInitial(
            () -> {
              try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(key);
                return m;
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
              }
            });
  }

  /**
   * Obfuscates a topic name level by level.
   *
   * @param topic the real topic name
   * @return the obfuscated topic name
   * @throws IllegalArgumentException if {@code topic} is not a topic name or too deep
   */
  public String obfuscateTopic(String topic) {
    TopicFilter.checkTopicName(topic);
    String cached = cache.get(topic);
    if (cached != null) {
      return cached;
    }
    String out = obfuscate(topic, false);
    if (cache.size() >= CACHE_LIMIT) {
      cache.clear();
    }
    cache.put(topic, out);
    return out;
  }

  /**
   * Obfuscates a topic filter level by level, keeping {@code +} and {@code #}.
   *
   * @param filter the real filter
   * @return the obfuscated filter
   * @throws IllegalArgumentException if {@code filter} is not a valid filter or too deep
   */
  public String obfuscateFilter(String filter) {
    TopicFilter.of(filter);
    return obfuscate(filter, true);
  }

  private String obfuscate(String s, boolean wildcards) {
    String[] levels = s.split("/", -1);
    if (levels.length > MAX_LEVELS) {
      throw new IllegalArgumentException("more than " + MAX_LEVELS + " levels: " + s);
    }
    StringBuilder b = new StringBuilder(levels.length * (LABEL_BYTES * 4 / 3 + 1));
    for (int i = 0; i < levels.length; i++) {
      if (i > 0) {
        b.append('/');
      }
      String l = levels[i];
      b.append(wildcards && (l.equals("+") || l.equals("#")) ? l : label(i, l));
    }
    return b.toString();
  }

  /**
   * Computes the label of one level.
   *
   * @param depth the 0-based level index
   * @param level the level text
   * @return the 12-character base64url label
   */
  public String label(int depth, String level) {
    Mac mac = macs.get();
    mac.update((byte) depth);
    byte[] full = mac.doFinal(level.getBytes(StandardCharsets.UTF_8));
    byte[] cut = new byte[LABEL_BYTES];
    System.arraycopy(full, 0, cut, 0, LABEL_BYTES);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(cut);
  }
}
