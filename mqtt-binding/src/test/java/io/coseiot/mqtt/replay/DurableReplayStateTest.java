package io.coseiot.mqtt.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.mqtt.replay.ReplayStateException.Reason;
import io.coseiot.mqtt.replay.ReplayWindow.Verdict;
import io.coseiot.mqtt.replay.durable.DurableReplayState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableReplayStateTest {
  static final byte[] KID = {1};
  static final byte[] SID = {5};

  @TempDir Path dir;

  /**
   * A superseded version is not kept: 500 forced marks leave a file of a few KiB (MVStore's default
   * retention of 45 s kept every one of them, 4 KiB or more each), and the last mark survives.
   */
  @Test
  void theFileDoesNotGrowWithTheMarksWritten() throws Exception {
    Path f = dir.resolve("small.mv");
    try (DurableReplayState s = DurableReplayState.create(f, 1, 100)) {
      for (long n = 0; n < 1000; n += 2) {
        // Each number is above the last mark, so each is forced to disk before it is accepted.
        assertEquals(Verdict.FRESH, s.acceptSequence(KID, 0, SID, n));
      }
    }
    assertTrue(Files.size(f) < 256 * 1024, Files.size(f) + " bytes after 500 marks");
    try (DurableReplayState s = DurableReplayState.open(f, 1, 100)) {
      assertTrue(s.persistedMark(KID, 0, SID) >= 998);
      assertEquals(Verdict.DUPLICATE, s.acceptSequence(KID, 0, SID, 998));
    }
  }

  @Test
  void marksAreReservedInBlocksAndRestoredAfterAReopen() throws Exception {
    Path f = dir.resolve("state.mv");
    try (DurableReplayState s = DurableReplayState.create(f, 10, 100)) {
      assertEquals(-1, s.persistedMark(KID, 0, SID));
      assertEquals(Verdict.FRESH, s.acceptSequence(KID, 0, SID, 3));
      assertEquals(13, s.persistedMark(KID, 0, SID));
      for (long n = 4; n <= 8; n++) {
        assertEquals(Verdict.FRESH, s.acceptSequence(KID, 0, SID, n));
      }
      assertEquals(13, s.persistedMark(KID, 0, SID), "no write in the first half of the block");
      for (long n = 9; n <= 40; n++) {
        assertEquals(Verdict.FRESH, s.acceptSequence(KID, 0, SID, n));
        long mark = s.persistedMark(KID, 0, SID);
        assertTrue(mark >= n && mark <= n + 10, "mark " + mark + " after " + n);
      }
      assertEquals(Verdict.FRESH, s.acceptSequence(KID, 0, SID, 1));
      assertEquals(Verdict.DUPLICATE, s.acceptSequence(KID, 0, SID, 40));
      assertTrue(s.acceptUnique(KID, new byte[] {9, 9}));
    }
    long mark;
    try (DurableReplayState s = DurableReplayState.open(f, 10, 100)) {
      mark = s.persistedMark(KID, 0, SID);
      assertTrue(mark >= 40 && mark <= 50, "mark " + mark);
      // Everything at or below the mark is refused, fresh or not; above it, fresh.
      for (long n = 20; n <= mark; n++) {
        assertEquals(Verdict.DUPLICATE, s.acceptSequence(KID, 0, SID, n), "number " + n);
      }
      assertEquals(Verdict.FRESH, s.acceptSequence(KID, 0, SID, mark + 1));
      // The refusals above the half block started a background write; the hot path may take
      // that one (it covers mark + 1) rather than force its own: either way h <= M <= h + B.
      long next = s.persistedMark(KID, 0, SID);
      assertTrue(next >= mark + 1 && next <= mark + 11, "mark " + next + " after " + (mark + 1));
      // Another epoch or sender id has a window of its own.
      assertEquals(Verdict.FRESH, s.acceptSequence(KID, 1, SID, 0));
      assertEquals(Verdict.FRESH, s.acceptSequence(KID, 0, new byte[] {6}, 0));
      assertFalse(s.acceptUnique(KID, new byte[] {9, 9}));
      assertTrue(s.acceptUnique(KID, new byte[] {9}));
    }
  }

  @Test
  void concurrentOpenersShareCommitsAndAcceptEachIdOnce() throws Exception {
    Path f = dir.resolve("group.mv");
    int ids = 400;
    int threads = 4;
    AtomicInteger accepted = new AtomicInteger();
    try (DurableReplayState s = DurableReplayState.create(f, 10, 10_000)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> done = new ArrayList<>();
      // Every id is offered by two threads at about the same time: one of them wins.
      for (int t = 0; t < threads; t++) {
        int first = (t / 2) * (ids / 2);
        done.add(
            pool.submit(
                () -> {
                  for (int i = first; i < first + ids / 2; i++) {
                    if (s.acceptUnique(KID, new byte[] {(byte) (i >> 8), (byte) i})) {
                      accepted.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> d : done) {
        d.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();
    }
    assertEquals(ids, accepted.get());
    // Accepted means on disk: after a reopen, each is refused.
    try (DurableReplayState s = DurableReplayState.open(f, 10, 10_000)) {
      for (int i = 0; i < ids; i++) {
        assertFalse(s.acceptUnique(KID, new byte[] {(byte) (i >> 8), (byte) i}), "id " + i);
      }
    }
  }

  @Test
  void recentIdsAreBounded() throws Exception {
    try (DurableReplayState s = DurableReplayState.create(dir.resolve("ids.mv"), 10, 3)) {
      for (int i = 0; i < 5; i++) {
        assertTrue(s.acceptUnique(KID, new byte[] {(byte) i}));
      }
      assertFalse(s.acceptUnique(KID, new byte[] {4}));
      assertFalse(s.acceptUnique(KID, new byte[] {2}));
      // Forgotten, so accepted again: the capacity bounds the memory as in ReplayGuard.
      assertTrue(s.acceptUnique(KID, new byte[] {0}));
    }
  }

  @Test
  void aMissingFileIsAnErrorNotAnEmptyState() throws Exception {
    Path f = dir.resolve("state.mv");
    DurableReplayState.create(f, 10, 10).close();
    Files.delete(f);
    ReplayStateException e =
        assertThrows(ReplayStateException.class, () -> DurableReplayState.open(f, 10, 10));
    assertEquals(Reason.MISSING, e.reason());
  }

  @Test
  void createRefusesAnExistingFile() throws Exception {
    Path f = dir.resolve("state.mv");
    DurableReplayState.create(f, 10, 10).close();
    ReplayStateException e =
        assertThrows(ReplayStateException.class, () -> DurableReplayState.create(f, 10, 10));
    assertEquals(Reason.EXISTS, e.reason());
  }

  @Test
  void aSecondOpenIsRefused() throws Exception {
    Path f = dir.resolve("state.mv");
    try (DurableReplayState s = DurableReplayState.create(f, 10, 10)) {
      ReplayStateException e =
          assertThrows(ReplayStateException.class, () -> DurableReplayState.open(f, 10, 10));
      assertEquals(Reason.IN_USE, e.reason(), e.getMessage());
    }
  }

  @Test
  void aCorruptFileIsTyped() throws Exception {
    Path f = dir.resolve("state.mv");
    Files.write(f, new byte[] {'H', ':', '2', ',', 0, 1, 2, 3, 4, 5});
    ReplayStateException e =
        assertThrows(ReplayStateException.class, () -> DurableReplayState.open(f, 10, 10));
    assertEquals(Reason.CORRUPT, e.reason(), e.getMessage());
  }
}
