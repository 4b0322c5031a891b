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
 * <p>Each sender's window is one hash, checked and updated by one server-side Lua script ({@code
 * EVALSHA}), so two members checking the same number at once cannot both see it fresh. Its key
 * carries the sender (kid, epoch, sender id) as a hash tag, so in Redis Cluster a sender's window
 * lives on one shard and different senders spread over all of them. A message identifier (random
 * mode) is one key set with {@code SET NX PX}, remembered for the retention given; its hash tag is
 * the identifier, so identifiers spread too. Checks made at once by several threads go to Redis in
 * one pipeline.
 *
 * <p>What this state survives is what the Redis deployment survives: a member's crash loses nothing
 * (every accepted message was recorded before the member saw it accepted); a Redis restart loses
 * what its persistence settings lose (none with {@code appendfsync always}). While Redis is
 * unreachable every message is refused with {@code REPLAY_STATE_UNAVAILABLE}. Thread-safe, as
 * {@link UnifiedJedis} ({@code JedisPooled}, {@code JedisCluster}) is.
 */
public final class RedisReplayState implements ReplayState {
  /**
   * The window of RFC 4303 in a ring of 64 bits (two 32-bit words, as Lua's numbers hold 53 bits):
   * bit {@code n % 64} stands for number n, for n in (h - 64, h]. Returns 0 fresh, 1 duplicate, 2
   * too old.
   */
  static final String WINDOW_SCRIPT =
      String.join(
          "\n",
          "local seq = tonumber(ARGV[1])",
          "local v = redis.call('HMGET', KEYS[1], 'h', 'lo', 'hi')",
          "local h = tonumber(v[1] or '-1')",
          "local lo = tonumber(v[2] or '0')",
          "local hi = tonumber(v[3] or '0')",
          "local function bitof(n) return bit.lshift(1, n % 32) end",
          "if seq > h then",
          "  if seq - h >= 64 then lo = 0; hi = 0 else",
          "    for n = h + 1, seq do",
          "      if n % 64 < 32 then lo = bit.band(lo, bit.bnot(bitof(n)))",
          "      else hi = bit.band(hi, bit.bnot(bitof(n))) end",
          "    end",
          "  end",
          "  h = seq",
          "elseif h - seq >= 64 then return 2",
          "else",
          "  local w = (seq % 64 < 32) and lo or hi",
          "  if bit.band(w, bitof(seq)) ~= 0 then return 1 end",
          "end",
          "if seq % 64 < 32 then lo = bit.bor(lo, bitof(seq)) else hi = bit.bor(hi, bitof(seq)) end",
          "redis.call('HSET', KEYS[1], 'h', h, 'lo', lo, 'hi', hi)",
          "return 0");

  private static final ReplayWindow.Verdict[] VERDICTS = {
    ReplayWindow.Verdict.FRESH, ReplayWindow.Verdict.DUPLICATE, ReplayWindow.Verdict.TOO_OLD
  };

  private final UnifiedJedis redis;
  private final String prefix;
  private final SetParams idParams;
  private final String windowSha;
  private final Pipeliner pipeliner;

  /**
   * Creates the state on a Redis connection.
   *
   * @param redis a thread-safe connection: {@code JedisPooled} or {@code JedisCluster}
   * @param prefix the prefix of every key, such as the subscription group's name
   * @param idRetention how long a message identifier is remembered (random mode); a replay older
   *     than that is accepted, so choose it longer than any message may be held back
   * @throws ReplayStateException if Redis cannot be reached
   */
  public RedisReplayState(UnifiedJedis redis, String prefix, Duration idRetention)
      throws ReplayStateException {
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
    List<String> keys =
        List.of(prefix + ":w:{" + ReplayKeys.senderText(kid, epoch, senderId) + "}");
    List<String> args = List.of(Long.toString(seq));
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
