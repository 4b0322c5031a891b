package io.coseiot.mqtt.replay.redis;

import io.coseiot.mqtt.nonce.SenderLease;
import io.coseiot.mqtt.nonce.SequenceStateException;
import io.coseiot.mqtt.nonce.SequenceStateException.Reason;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * Sender id leases in Redis, so that counter-mode publisher instances sharing a key cannot seal
 * with the same sender id: the first instance to claim (kid, sender id) holds it while it renews
 * the lease; a second claim gets {@link SequenceStateException} with {@code SENDER_ID_IN_USE}. A
 * holder renews every third of the lease time; one that cannot (Redis unreachable, or the lease
 * taken over after it expired) fails its next {@link SenderLease#check}, which its {@link
 * io.coseiot.mqtt.nonce.SequenceStore} calls before each block, so it stops within one block.
 * Thread-safe.
 */
public final class RedisSenderLeases implements AutoCloseable {
  // Renew or release only what this holder owns.
  private static final String RENEW =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then"
          + " return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end";
  private static final String RELEASE =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1])"
          + " else return 0 end";

  private final UnifiedJedis redis;
  private final String prefix;
  private final Duration ttl;
  private final String holder;
  private final ScheduledExecutorService renewer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "cose-iot-sender-lease");
            t.setDaemon(true);
            return t;
          });

  /**
   * Creates the leases of one publisher instance.
   *
   * @param redis a thread-safe connection: {@code JedisPooled} or {@code JedisCluster}
   * @param prefix the prefix of every key
   * @param ttl how long a lease outlives its holder's last renewal, at least 1 second
   * @param instanceName a name shown to an instance whose claim is refused, such as host and pid
   */
  public RedisSenderLeases(UnifiedJedis redis, String prefix, Duration ttl, String instanceName) {
    if (ttl.toMillis() < 1000) {
      throw new IllegalArgumentException("lease time must be at least 1 s");
    }
    this.redis = Objects.requireNonNull(redis);
    this.prefix = Objects.requireNonNull(prefix);
    this.ttl = ttl;
    byte[] nonce = new byte[8];
    new SecureRandom().nextBytes(nonce);
    this.holder = instanceName + "/" + HexFormat.of().formatHex(nonce);
  }

  /**
   * Claims a sender id for a key.
   *
   * @param kid the key id (or any bytes naming the key that the instances share)
   * @param senderId the sender id
   * @return the lease, renewed until closed
   * @throws SequenceStateException with {@code SENDER_ID_IN_USE} if another instance holds it or
   *     Redis cannot be reached
   */
  public SenderLease claim(byte[] kid, byte[] senderId) throws SequenceStateException {
    String key =
        prefix
            + ":l:{"
            + HexFormat.of().formatHex(kid)
            + "."
            + HexFormat.of().formatHex(senderId)
            + "}";
    String who;
    try {
      if ("OK".equals(redis.set(key, holder, SetParams.setParams().nx().px(ttl.toMillis())))) {
        return new Lease(key);
      }
      who = redis.get(key);
    } catch (JedisException e) {
      throw new SequenceStateException(
          Reason.SENDER_ID_IN_USE, "cannot claim " + key + " in Redis: " + e.getMessage());
    }
    throw new SequenceStateException(
        Reason.SENDER_ID_IN_USE,
        key + " is held by " + who + "; give each instance its own sender id");
  }

  /** Stops renewing; leases not closed expire after their lease time. */
  @Override
  public void close() {
    renewer.shutdownNow();
  }

  /** One held lease. */
  private final class Lease implements SenderLease {
    private final String key;
    private final ScheduledFuture<?> renewal;
    private volatile long validUntil;
    private volatile String lost;

    Lease(String key) {
      this.key = key;
      this.validUntil = System.nanoTime() + ttl.toNanos();
      long every = ttl.toMillis() / 3;
      this.renewal =
          renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    private void renew() {
      long start = System.nanoTime();
      try {
        Object r = redis.eval(RENEW, List.of(key), List.of(holder, Long.toString(ttl.toMillis())));
        if (Long.valueOf(1).equals(r)) {
          validUntil = start + ttl.toNanos();
        } else {
          lost = "the lease on " + key + " expired and is held by " + redis.get(key);
          renewal.cancel(false);
        }
      } catch (JedisException e) {
        // Retried at the next renewal; check() fails once the lease time has passed.
      }
    }

    @Override
    public void check() throws SequenceStateException {
      if (lost != null) {
        throw new SequenceStateException(Reason.SENDER_ID_IN_USE, lost);
      }
      if (System.nanoTime() - validUntil > 0) {
        throw new SequenceStateException(
            Reason.SENDER_ID_IN_USE, "the lease on " + key + " could not be renewed in time");
      }
    }

    @Override
    public void close() {
      renewal.cancel(false);
      try {
        redis.eval(RELEASE, List.of(key), List.of(holder));
      } catch (JedisException e) {
        // It expires on its own.
      }
    }
  }
}
