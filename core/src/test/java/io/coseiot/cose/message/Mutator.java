package io.coseiot.cose.message;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;

/** Random structural and byte-level mutations of a valid CBOR encoding. */
final class Mutator {
  private Mutator() {}

  /** Applies {@code count} random mutations in turn; later ones may see malformed input. */
  static byte[] mutate(byte[] original, Random r, int count, StringBuilder log) {
    byte[] b = original;
    for (int i = 0; i < count; i++) {
      b = once(b, original, r, log);
    }
    return b;
  }

  private static byte[] once(byte[] b, byte[] original, Random r, StringBuilder log) {
    if (b.length == 0) {
      log.append("empty; ");
      return b;
    }
    // Structural mutations need a well-formed input; they fall back to bit flips otherwise.
    List<CborItems.Item> items = original == null ? null : walk(b);
    int op = r.nextInt(items == null ? 5 : 10);
    switch (op) {
      case 0 -> {
        int bit = r.nextInt(b.length * 8);
        log.append("flip bit ").append(bit).append("; ");
        byte[] out = b.clone();
        out[bit / 8] ^= (byte) (1 << (bit % 8));
        return out;
      }
      case 1 -> {
        int at = r.nextInt(b.length);
        log.append("truncate at ").append(at).append("; ");
        return java.util.Arrays.copyOf(b, at);
      }
      case 2 -> {
        int at = r.nextInt(b.length + 1);
        byte[] ins = new byte[1 + r.nextInt(3)];
        r.nextBytes(ins);
        log.append("insert ").append(ins.length).append(" at ").append(at).append("; ");
        return splice(b, at, 0, ins);
      }
      case 3 -> {
        int at = r.nextInt(b.length);
        int n = Math.min(1 + r.nextInt(3), b.length - at);
        log.append("delete ").append(n).append(" at ").append(at).append("; ");
        return splice(b, at, n, new byte[0]);
      }
      case 4 -> {
        // Wrap in one more tag: a COSE tag (maybe of another type) or any other.
        long[] tags = {16, 17, 18, 96, 97, 98, 55799, 24, r.nextInt(1 << 20)};
        long tag = tags[r.nextInt(tags.length)];
        log.append("wrap in tag ").append(tag).append("; ");
        return splice(b, 0, 0, head(6, tag));
      }
      case 5 -> {
        // Deep nesting prefix: at the start of an item, many one-element arrays or tags.
        CborItems.Item it = items.get(r.nextInt(items.size()));
        int depth = 1 + r.nextInt(r.nextBoolean() ? 40 : 300);
        byte unit = r.nextBoolean() ? (byte) 0x81 : (byte) 0xc6;
        byte[] prefix = new byte[depth];
        java.util.Arrays.fill(prefix, unit);
        log.append("nest ").append(depth).append(" at ").append(it.start()).append("; ");
        return splice(b, it.start(), 0, prefix);
      }
      case 6 -> {
        // Change an item's head: major type, argument, indefinite length or a longer form.
        CborItems.Item it = items.get(r.nextInt(items.size()));
        byte[] newHead;
        int kind = r.nextInt(5);
        switch (kind) {
          case 0 -> newHead = head(r.nextInt(8), it.argument());
          case 1 -> newHead = head(it.majorType(), it.argument() + (r.nextBoolean() ? 1 : -1));
          case 2 -> newHead = new byte[] {(byte) (it.majorType() << 5 | 31)};
          case 3 -> {
            // A length or count far beyond the input: 2^31, 2^32 - 1, or 2^63 - 1.
            long[] huge = {1L << 31, 0xFFFFFFFFL, Long.MAX_VALUE, 1L << 40};
            newHead = head(it.majorType(), huge[r.nextInt(huge.length)]);
          }
          default -> newHead = longHead(it.majorType(), it.argument(), 1 + r.nextInt(4));
        }
        log.append("head at ").append(it.start()).append(" kind ").append(kind).append("; ");
        return splice(b, it.start(), it.headLength(), newHead);
      }
      case 7 -> {
        // Duplicate the first entry of a non-empty map, adding one to its count.
        List<CborItems.Item> maps =
            items.stream().filter(i -> i.majorType() == 5 && i.argument() > 0).toList();
        if (maps.isEmpty()) {
          return once(b, null, r, log);
        }
        CborItems.Item m = maps.get(r.nextInt(maps.size()));
        int from = m.children().get(0).start();
        int to = m.children().get(1).end();
        byte[] entry = java.util.Arrays.copyOfRange(b, from, to);
        log.append("duplicate entry of map at ").append(m.start()).append("; ");
        byte[] withEntry = splice(b, to, 0, entry);
        return splice(withEntry, m.start(), m.headLength(), head(5, m.argument() + 1));
      }
      case 8 -> {
        // Replace an item by another kind of item of the same size class.
        CborItems.Item it = items.get(r.nextInt(items.size()));
        byte[][] others = {
          {(byte) 0xf6},
          {(byte) 0xf7},
          {0x00},
          {0x40},
          {0x60},
          {(byte) 0x80},
          {(byte) 0xa0},
          {(byte) 0xf4},
          {(byte) 0xf9, 0x7e, 0x00},
          {0x3b, -1, -1, -1, -1, -1, -1, -1, -1},
          {0x1b, -1, -1, -1, -1, -1, -1, -1, -1},
          {(byte) 0xc2, 0x41, 0x01}
        };
        byte[] with = others[r.nextInt(others.length)];
        log.append("replace item at ").append(it.start()).append("; ");
        return splice(b, it.start(), it.end() - it.start(), with);
      }
      default -> {
        // Drop one element of an array (keeping its count) or shorten its count by one.
        List<CborItems.Item> arrays =
            items.stream().filter(i -> i.majorType() == 4 && i.argument() > 0).toList();
        if (arrays.isEmpty()) {
          return once(b, null, r, log);
        }
        CborItems.Item a = arrays.get(r.nextInt(arrays.size()));
        CborItems.Item child = a.children().get(r.nextInt(a.children().size()));
        log.append("remove element at ").append(child.start()).append("; ");
        byte[] without = splice(b, child.start(), child.end() - child.start(), new byte[0]);
        return r.nextBoolean()
            ? without
            : splice(without, a.start(), a.headLength(), head(4, a.argument() - 1));
      }
    }
  }

  /** The items of a well-formed encoding, or null if an earlier mutation broke it. */
  private static List<CborItems.Item> walk(byte[] b) {
    try {
      List<CborItems.Item> items = CborItems.of(b);
      return items.get(0).end() == b.length ? items : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
    byte[] out = new byte[b.length - remove + insert.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
    return out;
  }

  /** A shortest-form head; a negative argument is written as the 8-byte form of its bits. */
  static byte[] head(int majorType, long arg) {
    int mt = majorType << 5;
    if (arg >= 0 && arg < 24) {
      return new byte[] {(byte) (mt | arg)};
    }
    if (arg >= 0 && arg <= 0xFF) {
      return new byte[] {(byte) (mt | 24), (byte) arg};
    }
    if (arg >= 0 && arg <= 0xFFFF) {
      return new byte[] {(byte) (mt | 25), (byte) (arg >> 8), (byte) arg};
    }
    if (arg >= 0 && arg <= 0xFFFFFFFFL) {
      return longHead(majorType, arg, 3);
    }
    return longHead(majorType, arg, 4);
  }

  /** A head with the argument in 1, 2, 4 or 8 bytes (form 1..4), shortest or not. */
  static byte[] longHead(int majorType, long arg, int form) {
    int n = 1 << (form - 1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write((majorType << 5) | (23 + form));
    for (int i = n - 1; i >= 0; i--) {
      out.write((int) (arg >>> (8 * i)));
    }
    return out.toByteArray();
  }
}
