package io.coseiot.mqtt.replay.redis;

import io.coseiot.mqtt.replay.ReplayKeys;
import io.coseiot.mqtt.replay.ReplayState;
import io.coseiot.mqtt.replay.ReplayStateException;
import io.coseiot.mqtt.replay.ReplayStateException.Reason;
import io.coseiot.mqtt.replay.ReplayWindow;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.params.SetParams;

/**
 * A {@link ReplayState} in Redis, shared by every member of an MQTT v5 shared subscription ({@code
 * $share/group/filter}): whichever member a message or its replay is handed to, it is accepted once
 * overall.
 *
 * <p>Each sender's window is a bitmap {@value #DEFAULT_WINDOW} numbers wide (by default) and its
 * highest number, checked and updated by one server-side Lua script ({@code EVALSHA}), so two
 * members checking the same number at once cannot both see it fresh; it is wide because members are
 * handed a sender's messages out of order. Its keys carry the sender (kid, epoch, sender id) as a
 * hash tag, so in Redis Cluster a sender's window lives on one shard and different senders spread
 * over all of them. A message identifier (random mode) is one key set with {@code SET NX PX},
 * remembered for the retention given; its hash tag is the identifier, so identifiers spread too.
 * Checks made at once by several threads go to Redis in one pipeline.
 *
 * <p>What this state survives is what the Redis deployment survives: a member's crash loses nothing
 * (every accepted message was recorded before the member saw it accepted); a Redis restart loses
 * what its persistence settings lose (none with {@code appendfsync always}). While Redis is
 * unreachable every message is refused with {@code REPLAY_STATE_UNAVAILABLE}. Thread-safe, as
 * {@link UnifiedJedis} ({@code JedisPooled}, {@code JedisCluster}) is.
 */
public final class RedisReplayState implements ReplayState {
  /**
   * How many numbers below a sender's highest one are still told apart, unless given: members of a
   * shared subscription are handed a sender's messages in turn and each runs at its own pace, so a
   * number often arrives hundreds behind one another member already accepted (600 measured with
   * three members on two cores). 512 bytes of Redis per sender.
   */
  public static final int DEFAULT_WINDOW = 4096;

  /**
   * The window of RFC 4303 as a bitmap of {@code ARGV[2]} bits ({@code KEYS[2]}, bit {@code n %
   * width} for number n in (h - width, h]) and the highest number h ({@code KEYS[1]}). Moving up
   * clears the bits it passes over. Returns 0 fresh, 1 duplicate, 2 too old.
   */
  static final String WINDOW_SCRIPT =
      String.join(
          "\n",
          "local seq = tonumber(ARGV[1])",
          "local w = tonumber(ARGV[2])",
          "local h = tonumber(redis.call('GET', KEYS[1]) or '-1')",
          "if seq > h then",
          "  if seq - h >= w then redis.call('DEL', KEYS[2]) else",
          "    for n = h + 1, seq - 1 do redis.call('SETBIT', KEYS[2], n % w, 0) end",
          "  end",
          "  redis.call('SET', KEYS[1], seq)",
          "elseif h - seq >= w then return 2",
          "elseif redis.call('GETBIT', KEYS[2], seq % w) == 1 then return 1",
          "end",
          "redis.call('SETBIT', KEYS[2], seq % w, 1)",
          "return 0");

  private static final ReplayWindow.Verdict[] VERDICTS = {
    ReplayWindow.Verdict.FRESH, ReplayWindow.Verdict.DUPLICATE, ReplayWindow.Verdict.TOO_OLD
  };

  private final UnifiedJedis redis;
  private final String prefix;
  private final SetParams idParams;
  private final String windowSha;
  private final String window;
  private final Pipeliner pipeliner;

  /**
   * Creates the state on a Redis connection, each sender's window {@value #DEFAULT_WINDOW} wide.
   *
   * @param redis a thread-safe connection: {@code JedisPooled} or {@code JedisCluster}
   * @param prefix the prefix of every key, such as the subscription group's name
   * @param idRetention how long a message identifier is remembered (random mode); a replay older
   *     than that is accepted, so choose it longer than any message may be held back
   * @throws ReplayStateException if Redis cannot be reached
   */
  public RedisReplayState(UnifiedJedis redis, String prefix, Duration idRetention)
      throws ReplayStateException {
    this(redis, prefix, idRetention, DEFAULT_WINDOW);
  }

  /**
   * Creates the state on a Redis connection.
   *
   * @param redis a thread-safe connection: {@code JedisPooled} or {@code JedisCluster}
   * @param prefix the prefix of every key, such as the subscription group's name
   * @param idRetention how long a message identifier is remembered (random mode); a replay older
   *     than that is accepted, so choose it longer than any message may be held back
   * @param window how many numbers below a sender's highest are told apart (64 to 2^20): choose it
   *     above the most messages one member may lag behind another; older ones are refused
   * @throws ReplayStateException if Redis cannot be reached
   */
  public RedisReplayState(UnifiedJedis redis, String prefix, Duration idRetention, int window)
      throws ReplayStateException {
    if (window < ReplayWindow.SIZE || window > 1 << 20) {
      throw new IllegalArgumentException("window of " + window + " numbers, not 64 to 2^20");
    }
    this.window = Integer.toString(window);
    this.redis = Objects.requireNonNull(redis);
    this.prefix = Objects.requireNonNull(prefix);
    this.idParams = SetParams.setParams().nx().px(idRetention.toMillis());
    this.pipeliner = new Pipeliner(redis);
    try {
      this.windowSha = redis.scriptLoad(WINDOW_SCRIPT);
    } catch (JedisException e) {
      throw new ReplayStateException(Reason.UNAVAILABLE, "Redis: " + e.getMessage(), e);
    }
  }

  @Override
  public ReplayWindow.Verdict acceptSequence(byte[] kid, long epoch, byte[] senderId, long seq)
      throws ReplayStateException {
    if (seq < 0) {
      return ReplayWindow.Verdict.TOO_OLD;
    }
    String tag = "{" + ReplayKeys.senderText(kid, epoch, senderId) + "}";
    List<String> keys = List.of(prefix + ":h:" + tag, prefix + ":b:" + tag);
    List<String> args = List.of(Long.toString(seq), window);
    Object r;
    try {
      r =
          pipeliner.run(
              new Pipeliner.Call(
                  p -> p.evalsha(windowSha, keys, args), () -> evalWindow(keys, args)));
    } catch (JedisException e) {
      throw new ReplayStateException(Reason.UNAVAILABLE, "Redis: " + e.getMessage(), e);
    }
    if (!(r instanceof Long) || (Long) r < 0 || (Long) r > 2) {
      throw new ReplayStateException(Reason.CORRUPT, "window script returned " + r, null);
    }
    return VERDICTS[((Long) r).intValue()];
  }

  private Object evalWindow(List<String> keys, List<String> args) {
    try {
      return redis.evalsha(windowSha, keys, args);
    } catch (JedisNoScriptException e) {
      // Redis restarted (or flushed its scripts): EVAL runs the script and caches it again.
      return redis.eval(WINDOW_SCRIPT, keys, args);
    }
  }

  @Override
  public boolean acceptUnique(byte[] kid, byte[] messageId) throws ReplayStateException {
    String key = prefix + ":i:{" + ReplayKeys.messageText(kid, messageId) + "}";
    try {
      Object r =
          pipeliner.run(
              new Pipeliner.Call(
                  p -> p.set(key, "1", idParams), () -> redis.set(key, "1", idParams)));
      return "OK".equals(r);
    } catch (JedisException e) {
      throw new ReplayStateException(Reason.UNAVAILABLE, "Redis: " + e.getMessage(), e);
    }
  }
}
