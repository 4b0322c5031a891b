package io.coseiot.mqtt.replay;

import static io.coseiot.mqtt.replay.ReplayWindow.Verdict.DUPLICATE;
import static io.coseiot.mqtt.replay.ReplayWindow.Verdict.FRESH;
import static io.coseiot.mqtt.replay.ReplayWindow.Verdict.TOO_OLD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReplayWindowTest {
  @Test
  void inOrderThenDuplicate() {
    ReplayWindow w = new ReplayWindow();
    assertEquals(FRESH, w.accept(0));
    assertEquals(FRESH, w.accept(1));
    assertEquals(DUPLICATE, w.accept(1));
    assertEquals(DUPLICATE, w.accept(0));
  }

  @Test
  void outOfOrderWithinWindow() {
    ReplayWindow w = new ReplayWindow();
    assertEquals(FRESH, w.accept(100));
    assertEquals(FRESH, w.accept(40)); // 60 below: inside the 64-wide window
    assertEquals(FRESH, w.accept(99));
    assertEquals(DUPLICATE, w.accept(40));
    assertEquals(FRESH, w.accept(37));
    assertEquals(100, w.highest());
  }

  @Test
  void tooOld() {
    ReplayWindow w = new ReplayWindow();
    assertEquals(FRESH, w.accept(200));
    assertEquals(TOO_OLD, w.accept(136)); // exactly 64 below
    assertEquals(FRESH, w.accept(137));
    assertEquals(TOO_OLD, w.accept(-1));
  }

  @Test
  void bigJumpClearsWindow() {
    ReplayWindow w = new ReplayWindow();
    w.accept(1);
    assertEquals(FRESH, w.accept(1_000_000));
    assertEquals(FRESH, w.accept(999_999));
    assertEquals(TOO_OLD, w.accept(1));
  }

  @Test
  void guardKeepsSendersAndEpochsApart() {
    assertThrows(IllegalArgumentException.class, () -> new ReplayGuard(ReplayGuard.MIN_RECENT - 1));
    ReplayGuard g = new ReplayGuard(ReplayGuard.MIN_RECENT);
    byte[] kid = {1};
    assertEquals(FRESH, g.acceptSequence(kid, 0, new byte[] {1}, 5));
    assertEquals(FRESH, g.acceptSequence(kid, 0, new byte[] {2}, 5));
    assertEquals(FRESH, g.acceptSequence(kid, 1, new byte[] {1}, 5));
    assertEquals(DUPLICATE, g.acceptSequence(kid, 0, new byte[] {1}, 5));
    assertTrue(g.acceptUnique(kid, new byte[] {9}));
    assertFalse(g.acceptUnique(kid, new byte[] {9}));
    // R7.7: 63 more fill the memory; the 64th after 9 forgets 9, the one accepted first.
    for (int i = 1; i < ReplayGuard.MIN_RECENT; i++) {
      assertTrue(g.acceptUnique(kid, new byte[] {9, (byte) i}));
    }
    assertFalse(g.acceptUnique(kid, new byte[] {9}), "still remembered when the memory is full");
    assertTrue(g.acceptUnique(kid, new byte[] {10}));
    assertTrue(g.acceptUnique(kid, new byte[] {9}), "evicted from the bounded memory");
    assertFalse(g.acceptUnique(kid, new byte[] {9, 2}), "the second accepted is still there");
  }
}
