package io.coseiot.mqtt.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Profile R7.7: the (kid, IV) memory forgets the identifier accepted first once full, and a repeat
 * within its capacity is refused.
 */
class RecentIdsTest {

  /**
   * Agrees with the JDK's insertion-ordered map bounded to the same capacity, on sequences drawn
   * from a small alphabet so that repeats, evictions and re-additions after eviction all happen,
   * and with identifiers whose hashes collide (same bytes in another order) to exercise the probe
   * runs and the backward-shift deletion.
   */
  @Property(tries = 300)
  void behavesLikeABoundedInsertionOrderedSet(
      @ForAll @IntRange(min = 1, max = 40) int capacity,
      @ForAll @Size(max = 600) List<@IntRange(min = 0, max = 90) Integer> draws) {
    RecentIds ids = new RecentIds(capacity);
    Map<Integer, Boolean> model =
        new LinkedHashMap<>() {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Integer, Boolean> e) {
            return size() > capacity;
          }
        };
    for (int d : draws) {
      boolean expected = model.put(d, Boolean.TRUE) == null;
      assertEquals(expected, ids.add(id(d)), "adding " + d);
      assertEquals(model.size(), ids.size());
    }
  }

  @Test
  void aRepeatWithinCapacityIsRefusedAndOneBeyondItIsAccepted() {
    RecentIds ids = new RecentIds(3);
    assertTrue(ids.add(id(1)));
    assertTrue(ids.add(id(2)));
    assertFalse(ids.add(id(1)));
    assertTrue(ids.add(id(3)));
    assertTrue(ids.add(id(4)));
    // 1 was the oldest of four: forgotten.
    assertTrue(ids.add(id(1)));
    assertFalse(ids.add(id(4)));
  }

  @Test
  void aCapacityBelowOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new RecentIds(0));
  }

  /** Small numbers become byte strings whose Arrays.hashCode often collides. */
  private static byte[] id(int d) {
    byte a = (byte) (d % 7);
    byte b = (byte) (d / 7);
    // (a, b) and (b', a') with 31a + b == 31b' + a' collide; mixing orders yields such pairs.
    return d % 2 == 0
        ? ByteBuffer.allocate(3).put(a).put(b).put((byte) 1).array()
        : ByteBuffer.allocate(3).put(b).put(a).put((byte) 1).array();
  }
}
