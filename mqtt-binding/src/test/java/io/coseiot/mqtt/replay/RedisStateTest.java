package io.coseiot.mqtt.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.PayloadOpener;
import io.coseiot.mqtt.codec.RejectedMessageException;
import io.coseiot.mqtt.codec.SealedMessage;
import io.coseiot.mqtt.nonce.SenderLease;
import io.coseiot.mqtt.nonce.SequenceStateException;
import io.coseiot.mqtt.nonce.SequenceStore;
import io.coseiot.mqtt.replay.redis.RedisReplayState;
import io.coseiot.mqtt.replay.redis.RedisSenderLeases;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;

/** The Redis replay state and sender id leases against a real redis-server process. */
@Tag("processes")
@Tag("redis")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisStateTest {
  static final byte[] KID = {1, 2, 3};

  @TempDir static Path dir;
  private RedisServer server;
  private JedisPooled redis;

  @BeforeAll
  void startRedis() throws Exception {
    Assumptions.assumeTrue(RedisServer.binary() != null, RedisServer.NOT_INSTALLED);
    server = RedisServer.start(dir.resolve("redis"));
    redis = new JedisPooled("127.0.0.1", server.port);
  }

  @AfterAll
  void stopRedis() {
    if (redis != null) {
      redis.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /**
   * The server-side window gives the in-memory window's verdict on every number of a random walk.
   */
  @Test
  void luaWindowAgreesWithTheInMemoryWindow() throws Exception {
    RedisReplayState state =
        new RedisReplayState(redis, "walk", Duration.ofMinutes(1), ReplayWindow.SIZE);
    Random rnd = new Random(17);
    for (int sender = 0; sender < 20; sender++) {
      ReplayWindow expected = new ReplayWindow();
      long at = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(1 << 20);
      for (int i = 0; i < 400; i++) {
        // Mostly small steps around the top of the window, with jumps and old numbers.
        long seq = Math.max(0, at + rnd.nextInt(140) - 100);
        if (rnd.nextInt(50) == 0) {
          seq = at + 64 + rnd.nextInt(200);
        }
        at = Math.max(at, seq);
        ReplayWindow.Verdict want = expected.accept(seq);
        assertEquals(
            want,
            state.acceptSequence(KID, 0, new byte[] {(byte) sender}, seq),
            "sender " + sender + ", number " + seq + " at step " + i);
      }
    }
  }

  /**
   * The default window tells apart every number within 4096 of the highest, as members of a shared
   * subscription hand them in out of order, and forgets what the window moved past.
   */
  @Test
  void defaultWindowKeepsNumbersFarBehindTheHighest() throws Exception {
    RedisReplayState state = new RedisReplayState(redis, "wide", Duration.ofMinutes(1));
    byte[] sid = {3};
    int w = RedisReplayState.DEFAULT_WINDOW;
    assertEquals(ReplayWindow.Verdict.FRESH, state.acceptSequence(KID, 0, sid, 10_000));
    assertEquals(ReplayWindow.Verdict.FRESH, state.acceptSequence(KID, 0, sid, 10_000 - w + 1));
    assertEquals(ReplayWindow.Verdict.FRESH, state.acceptSequence(KID, 0, sid, 9_000));
    assertEquals(ReplayWindow.Verdict.DUPLICATE, state.acceptSequence(KID, 0, sid, 9_000));
    assertEquals(ReplayWindow.Verdict.TOO_OLD, state.acceptSequence(KID, 0, sid, 10_000 - w));
    // Moving up by 1000 clears the bits of the numbers now out of the window, and only those.
    assertEquals(ReplayWindow.Verdict.FRESH, state.acceptSequence(KID, 0, sid, 11_000));
    assertEquals(ReplayWindow.Verdict.DUPLICATE, state.acceptSequence(KID, 0, sid, 9_000));
    assertEquals(ReplayWindow.Verdict.FRESH, state.acceptSequence(KID, 0, sid, 10_999));
    assertEquals(ReplayWindow.Verdict.TOO_OLD, state.acceptSequence(KID, 0, sid, 11_000 - w));
    assertThrows(
        IllegalArgumentException.class,
        () -> new RedisReplayState(redis, "narrow", Duration.ofMinutes(1), 63));
  }

  @Test
  void largestSequenceNumbersAndEpochsAreKeptApart() throws Exception {
    RedisReplayState state = new RedisReplayState(redis, "edges", Duration.ofMinutes(1));
    long max = (1L << 40) - 1;
    byte[] sid = {9};
    assertEquals(ReplayWindow.Verdict.FRESH, state.acceptSequence(KID, 1, sid, max - 1));
    assertEquals(ReplayWindow.Verdict.FRESH, state.acceptSequence(KID, 1, sid, max));
    assertEquals(ReplayWindow.Verdict.DUPLICATE, state.acceptSequence(KID, 1, sid, max - 1));
    long behind = max - RedisReplayState.DEFAULT_WINDOW;
    assertEquals(ReplayWindow.Verdict.TOO_OLD, state.acceptSequence(KID, 1, sid, behind));
    assertEquals(ReplayWindow.Verdict.FRESH, state.acceptSequence(KID, 2, sid, behind));
    assertEquals(ReplayWindow.Verdict.TOO_OLD, state.acceptSequence(KID, 2, sid, -1));
  }

  @Test
  void messageIdsAreAcceptedOnceAndTheScriptSurvivesAFlush() throws Exception {
    RedisReplayState state = new RedisReplayState(redis, "ids", Duration.ofMinutes(1));
    assertTrue(state.acceptUnique(KID, new byte[] {1, 2}));
    assertFalse(state.acceptUnique(KID, new byte[] {1, 2}));
    assertTrue(state.acceptUnique(new byte[] {1, 2, 3, 4}, new byte[] {}));
    // Different splits of the same bytes are different identifiers.
    assertTrue(state.acceptUnique(new byte[] {1, 2, 3}, new byte[] {4}));
    redis.scriptFlush();
    assertEquals(ReplayWindow.Verdict.FRESH, state.acceptSequence(KID, 0, new byte[] {7}, 3));
    assertEquals(ReplayWindow.Verdict.DUPLICATE, state.acceptSequence(KID, 0, new byte[] {7}, 3));
  }

  /** Eight threads check the same numbers and identifiers at once (so in shared pipelines). */
  @Test
  void concurrentChecksAcceptEachNumberOnce() throws Exception {
    RedisReplayState state = new RedisReplayState(redis, "race", Duration.ofMinutes(1));
    int n = 2000;
    AtomicIntegerArray seqWins = new AtomicIntegerArray(n);
    AtomicIntegerArray idWins = new AtomicIntegerArray(n);
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    for (int t = 0; t < 8; t++) {
      Thread th =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < n; i++) {
                    if (state.acceptSequence(KID, 0, new byte[] {1}, i)
                        == ReplayWindow.Verdict.FRESH) {
                      seqWins.incrementAndGet(i);
                    }
                    if (state.acceptUnique(KID, new byte[] {(byte) (i >> 8), (byte) i})) {
                      idWins.incrementAndGet(i);
                    }
                  }
                } catch (Throwable e) {
                  failures.add(e);
                }
              });
      th.start();
      threads.add(th);
    }
    for (Thread th : threads) {
      th.join();
    }
    assertEquals(List.of(), failures);
    for (int i = 0; i < n; i++) {
      assertEquals(1, idWins.get(i), "identifier " + i);
      // Each thread checks in order, so whoever checks a number first finds it fresh.
      assertEquals(1, seqWins.get(i), "number " + i);
    }
  }

  /** Redis dying under an opener: messages are refused with a typed reason, never let through. */
  @Test
  void anOpenerRefusesWhileRedisIsDown() throws Exception {
    List<ReplayFixtures.Captured> stream = ReplayFixtures.seal(dir.resolve("down.seq"), 0, 4);
    RedisServer own = RedisServer.start(dir.resolve("redis-down"));
    try (JedisPooled conn = new JedisPooled("127.0.0.1", own.port)) {
      PayloadOpener opener =
          CoseMqttCodec.builder()
              .keyring(ReplayFixtures.keyring())
              .replayState(new RedisReplayState(conn, "down", Duration.ofMinutes(1)))
              .build()
              .opener();
      SealedMessage first = stream.get(0).message();
      opener.open(first.topic(), first.payload(), first.contentType(), first.userProperties());
      own.close();
      for (ReplayFixtures.Captured c : stream) {
        SealedMessage m = c.message();
        RejectedMessageException e =
            assertThrows(
                RejectedMessageException.class,
                () -> opener.open(m.topic(), m.payload(), m.contentType(), m.userProperties()));
        assertEquals(RejectedMessageException.Reason.REPLAY_STATE_UNAVAILABLE, e.reason());
      }
    } finally {
      own.close();
    }
  }

  @Test
  void unreachableRedisIsATypedError() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (JedisPooled none = new JedisPooled("127.0.0.1", port)) {
      ReplayStateException e =
          assertThrows(
              ReplayStateException.class,
              () -> new RedisReplayState(none, "x", Duration.ofMinutes(1)));
      assertEquals(ReplayStateException.Reason.UNAVAILABLE, e.reason());
    }
  }

  @Test
  void aSecondInstanceCannotClaimTheSameSenderId() throws Exception {
    try (RedisSenderLeases a = new RedisSenderLeases(redis, "lease1", Duration.ofSeconds(5), "a");
        RedisSenderLeases b = new RedisSenderLeases(redis, "lease1", Duration.ofSeconds(5), "b")) {
      SenderLease held = a.claim(KID, new byte[] {5});
      SequenceStateException e =
          assertThrows(SequenceStateException.class, () -> b.claim(KID, new byte[] {5}));
      assertEquals(SequenceStateException.Reason.SENDER_ID_IN_USE, e.reason());
      assertTrue(e.getMessage().contains("held by a/"), e.getMessage());
      // Another sender id, or the same one under another key, is free.
      b.claim(KID, new byte[] {6}).close();
      b.claim(new byte[] {1, 2, 4}, new byte[] {5}).close();
      held.close();
      b.claim(KID, new byte[] {5}).close();
    }
  }

  @Test
  void aLostLeaseStopsThePublisherAtItsNextBlock() throws Exception {
    try (RedisSenderLeases a = new RedisSenderLeases(redis, "lease2", Duration.ofSeconds(1), "a");
        RedisSenderLeases b = new RedisSenderLeases(redis, "lease2", Duration.ofSeconds(1), "b");
        SequenceStore seq = SequenceStore.create(dir.resolve("lease.seq"), 4)) {
      SenderLease held = a.claim(KID, new byte[] {5});
      seq.withLease(held);
      for (int i = 0; i < 4; i++) {
        seq.next();
      }
      // Instance a stalls past its lease (a stop-the-world pause); instance b takes the id over.
      a.close();
      String key = "lease2:l:{010203.05}";
      redis.del(key);
      b.claim(KID, new byte[] {5});
      Thread.sleep(1200);
      SequenceStateException e = assertThrows(SequenceStateException.class, seq::next);
      assertEquals(SequenceStateException.Reason.SENDER_ID_IN_USE, e.reason());
    }
  }
}
