package io.coseiot.mqtt.replay.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Sends the commands of concurrent callers to Redis in pipelines: a caller queues its command, and
 * whichever caller finds no one sending takes every queued command and sends them in one pipeline
 * (one round trip), while the others wait for their replies. A caller alone sends its command
 * directly, so a single-threaded subscriber pays no pipeline overhead.
 */
final class Pipeliner {
  private static final int MAX_BATCH = 512;

  private final UnifiedJedis redis;
  private final ConcurrentLinkedQueue<Call> queue = new ConcurrentLinkedQueue<>();
  private final ReentrantLock sending = new ReentrantLock();

  /** One queued command: its pipelined form, and the direct one (also the retry on NOSCRIPT). */
  static final class Call {
    final Function<AbstractPipeline, Response<?>> pipelined;
    final Supplier<Object> direct;
    final Thread waiter = Thread.currentThread();
    volatile boolean done;
    boolean replied;
    Object result;
    JedisException failure;

    Call(Function<AbstractPipeline, Response<?>> pipelined, Supplier<Object> direct) {
      this.pipelined = pipelined;
      this.direct = direct;
    }
  }

  Pipeliner(UnifiedJedis redis) {
    this.redis = redis;
  }

  /** Runs a command, in a pipeline with those of other callers if there are any. */
  Object run(Call c) {
    queue.add(c);
    while (!c.done) {
      if (sending.tryLock()) {
        try {
          send();
        } finally {
          sending.unlock();
        }
      } else {
        LockSupport.parkNanos(this, 100_000);
      }
    }
    if (c.failure != null) {
      throw c.failure;
    }
    return c.result;
  }

  private void send() {
    List<Call> calls = new ArrayList<>();
    for (Call c; calls.size() < MAX_BATCH && (c = queue.poll()) != null; ) {
      calls.add(c);
    }
    if (calls.size() == 1) {
      Call c = calls.get(0);
      try {
        c.result = c.direct.get();
      } catch (JedisException e) {
        c.failure = e;
      }
      c.done = true;
      return;
    }
    try (AbstractPipeline p = redis.pipelined()) {
      List<Response<?>> replies = new ArrayList<>(calls.size());
      for (Call c : calls) {
        replies.add(c.pipelined.apply(p));
      }
      p.sync();
      for (int i = 0; i < calls.size(); i++) {
        Call c = calls.get(i);
        try {
          c.result = replies.get(i).get();
        } catch (JedisDataException e) {
          boolean noScript = e.getMessage() != null && e.getMessage().startsWith("NOSCRIPT");
          try {
            c.result = noScript ? c.direct.get() : null;
            c.failure = noScript ? null : e;
          } catch (JedisException again) {
            c.failure = again;
          }
        }
        c.replied = true;
      }
    } catch (JedisException e) {
      // The pipeline itself failed (connection lost): whatever has no reply fails with it.
      for (Call c : calls) {
        if (!c.replied) {
          c.failure = e;
        }
      }
    } finally {
      for (Call c : calls) {
        c.done = true;
        LockSupport.unpark(c.waiter);
      }
    }
  }
}
