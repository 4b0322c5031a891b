package io.coseiot.mqtt.replay;

import java.util.Arrays;

/**
 * The last {@code capacity} message identifiers, oldest forgotten first: a ring of the identifiers
 * with an open-addressing index (linear probing) over it. Every received message is checked and
 * added here, so this avoids what a {@code LinkedHashMap} costs per message (a node, a key object
 * and links to allocate, and pointer chasing across a large table). Not thread-safe; {@link
 * ReplayGuard} locks around it.
 */
final class RecentIds {
  private final byte[][] ring;
  private final int[] hashes;
  // Each slot holds an identifier's hash (high half) and ring position + 1 (low half), so a probe
  // compares hashes without a second memory access; 0 is an empty slot.
  private final long[] slots;
  private final int mask;
  private int next;
  private int size;

  /**
   * @param capacity how many identifiers to remember, at least 1
   */
  RecentIds(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    ring = new byte[capacity][];
    hashes = new int[capacity];
    // At most half full, so probe runs stay short.
    int tableSize = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) << 1;
    slots = new long[tableSize];
    mask = tableSize - 1;
  }

  /**
   * Adds an identifier unless it is already remembered.
   *
   * @param id the identifier; kept, not copied, so the caller must not change it afterwards
   * @return true if it was new (and is now remembered)
   */
  boolean add(byte[] id) {
    int h = spread(Arrays.hashCode(id));
    int i = h & mask;
    for (long e = slots[i]; e != 0; e = slots[i]) {
      if ((int) (e >>> 32) == h && Arrays.equals(ring[(int) e - 1], id)) {
        return false;
      }
      i = (i + 1) & mask;
    }
    if (size == ring.length) {
      forget(next);
      // Forgetting may shift entries of this probe run back: find the free slot again.
      i = h & mask;
      while (slots[i] != 0) {
        i = (i + 1) & mask;
      }
    } else {
      size++;
    }
    ring[next] = id;
    hashes[next] = h;
    slots[i] = ((long) h << 32) | (next + 1);
    next = next + 1 == ring.length ? 0 : next + 1;
    return true;
  }

  /** How many identifiers are remembered. */
  int size() {
    return size;
  }

  /**
   * Removes the identifier at a ring position from the index, shifting later entries of its probe
   * run back so that lookups still find them (deletion without tombstones).
   */
  private void forget(int position) {
    int i = hashes[position] & mask;
    while ((int) slots[i] != position + 1) {
      i = (i + 1) & mask;
    }
    int hole = i;
    for (int j = (hole + 1) & mask; slots[j] != 0; j = (j + 1) & mask) {
      int home = (int) (slots[j] >>> 32) & mask;
      // Move the entry at j into the hole unless its home lies cyclically in (hole, j].
      boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
      if (!stays) {
        slots[hole] = slots[j];
        hole = j;
      }
    }
    slots[hole] = 0;
    ring[position] = null;
  }

  // Arrays.hashCode of random bytes is fine in its high bits but clusters in its low ones.
  private static int spread(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
