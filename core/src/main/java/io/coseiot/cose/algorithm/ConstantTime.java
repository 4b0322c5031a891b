package io.coseiot.cose.algorithm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Comparisons of secret bytes whose timing depends only on the length compared, never on where the
 * bytes differ. Eight bytes at a time: keys and tags are compared per message, and {@code
 * MessageDigest.isEqual} goes byte by byte.
 */
final class ConstantTime {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private ConstantTime() {}

  /** Whether two arrays are equal; their lengths, which are public, may show in the timing. */
  static boolean equal(byte[] a, byte[] b) {
    return a.length == b.length && equal(a, b, a.length);
  }

  /** Whether the first {@code n} bytes of two arrays, each at least that long, are equal. */
  static boolean equal(byte[] a, byte[] b, int n) {
    long diff = 0;
    int i = 0;
    for (; i + Long.BYTES <= n; i += Long.BYTES) {
      diff |= (long) LONGS.get(a, i) ^ (long) LONGS.get(b, i);
    }
    for (; i < n; i++) {
      diff |= a[i] ^ b[i];
    }
    return diff == 0;
  }
}
