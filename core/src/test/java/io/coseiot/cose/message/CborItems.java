package io.coseiot.cose.message;

import java.util.ArrayList;
import java.util.List;

/**
 * A minimal walker over well-formed, definite-length CBOR that lists every item with where its head
 * and its whole encoding start and end, so that mutations can target heads and map entries. Test
 * code only: it trusts its input, which is always an encoding the library produced.
 */
final class CborItems {
  /** One item: its head at [start, start + headLength), the whole item at [start, end). */
  record Item(
      int start, int headLength, int majorType, long argument, int end, List<Item> children) {}

  private final byte[] data;
  private int pos;
  private final List<Item> all = new ArrayList<>();

  private CborItems(byte[] data) {
    this.data = data;
  }

  /** Returns every item in the encoding, outermost first. */
  static List<Item> of(byte[] data) {
    CborItems w = new CborItems(data);
    w.item();
    return w.all;
  }

  private Item item() {
    int start = pos;
    int ib = data[pos++] & 0xFF;
    int mt = ib >>> 5;
    int ai = ib & 0x1F;
    long arg = ai;
    if (ai >= 24 && ai <= 27) {
      int n = 1 << (ai - 24);
      arg = 0;
      for (int i = 0; i < n; i++) {
        arg = (arg << 8) | (data[pos++] & 0xFF);
      }
    }
    if (ai > 27 || arg < 0 || (mt >= 2 && mt <= 5 && arg > data.length)) {
      throw new IllegalArgumentException("not a walkable head at " + start);
    }
    int headLength = pos - start;
    int index = all.size();
    all.add(null);
    List<Item> children = new ArrayList<>();
    switch (mt) {
      case 2, 3 -> pos += (int) arg;
      case 4 -> {
        for (long i = 0; i < arg; i++) {
          children.add(item());
        }
      }
      case 5 -> {
        for (long i = 0; i < 2 * arg; i++) {
          children.add(item());
        }
      }
      case 6 -> children.add(item());
      default -> {}
    }
    Item it = new Item(start, headLength, mt, arg, pos, children);
    all.set(index, it);
    return it;
  }
}
