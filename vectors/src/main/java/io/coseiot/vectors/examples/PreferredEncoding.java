package io.coseiot.vectors.examples;

/**
 * Checks that a CBOR item is in preferred serialization (RFC 8949 §4.1): every argument in its
 * shortest form, definite lengths, and floats in the shortest width that keeps their value. A
 * protected bucket sent otherwise cannot be rebuilt from the JSON input, which holds only values.
 */
final class PreferredEncoding {
  private final byte[] data;
  private int pos;

  private PreferredEncoding(byte[] data) {
    this.data = data;
  }

  /**
   * Returns why {@code data} is not one item in preferred serialization, or null if it is.
   *
   * @param data the encoded item, such as a protected bucket's bytes
   * @return the first departure, naming its offset, or null
   */
  static String violation(byte[] data) {
    PreferredEncoding p = new PreferredEncoding(data);
    try {
      String v = p.item();
      if (v == null && p.pos != data.length) {
        v = (data.length - p.pos) + " bytes follow the item";
      }
      return v;
    } catch (ArrayIndexOutOfBoundsException | ArithmeticException e) {
      return "the item is truncated";
    }
  }

  private String item() {
    int at = pos;
    int head = data[pos++] & 0xFF;
    int major = head >>> 5;
    int info = head & 0x1F;
    if (info == 31) {
      return major >= 2 && major <= 5
          ? "indefinite length at offset " + at
          : "reserved or misplaced head 0x" + Integer.toHexString(head) + " at offset " + at;
    }
    if (info >= 28) {
      return "reserved additional information " + info + " at offset " + at;
    }
    if (major == 7) {
      return simpleOrFloat(info, at);
    }
    long n = argument(info);
    if (info >= 24 && Long.compareUnsigned(n, minimum(info)) < 0) {
      return "argument " + n + " at offset " + at + " takes " + (1 << (info - 24)) + " bytes";
    }
    switch (major) {
      case 2, 3 -> pos = Math.addExact(pos, Math.toIntExact(n));
      case 4 -> {
        return items(n);
      }
      case 5 -> {
        return items(2 * n);
      }
      case 6 -> {
        return item();
      }
      default -> {}
    }
    if (pos > data.length) {
      throw new ArrayIndexOutOfBoundsException(pos);
    }
    return null;
  }

  private String items(long count) {
    for (long i = 0; i < count; i++) {
      String v = item();
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private String simpleOrFloat(int info, int at) {
    long n = argument(info);
    return switch (info) {
      case 24 -> n < 32 ? "simple value " + n + " at offset " + at + " takes 2 bytes" : null;
      case 26 ->
          fitsHalf(Float.intBitsToFloat((int) n))
              ? "single-precision float at offset " + at + " fits half precision"
              : null;
      case 27 -> {
        double d = Double.longBitsToDouble(n);
        yield !Double.isNaN(d) && (double) (float) d == d
            ? "double-precision float at offset " + at + " fits a shorter width"
            : null;
      }
      default -> null;
    };
  }

  private static boolean fitsHalf(float f) {
    float a = Math.abs(f);
    if (Float.isNaN(f) || Float.isInfinite(f) || a == 0) {
      return true;
    }
    if (a > 65504f) {
      return false;
    }
    if (a < 0x1p-14f) {
      float m = a * 0x1p24f;
      return m == (float) Math.rint(m);
    }
    // A normal half keeps 10 of a float's 23 mantissa bits.
    return (Float.floatToRawIntBits(a) & 0x1FFF) == 0;
  }

  private long argument(int info) {
    if (info < 24) {
      return info;
    }
    int bytes = 1 << (info - 24);
    long n = 0;
    for (int i = 0; i < bytes; i++) {
      n = (n << 8) | (data[pos++] & 0xFF);
    }
    return n;
  }

  private static long minimum(int info) {
    return switch (info) {
      case 24 -> 24;
      case 25 -> 0x100;
      case 26 -> 0x10000;
      default -> 0x100000000L;
    };
  }
}
