package io.coseiot.cose.cbor;

/** Conversions between IEEE 754 binary16 and binary32, for preferred float encoding. */
final class HalfFloat {
  private HalfFloat() {}

  /**
   * Returns the binary16 bits of {@code f} if the conversion is exact, or -1 if it is not.
   *
   * @param f the value
   * @return 16 bits, or -1
   */
  static int fromFloat(float f) {
    int bits = Float.floatToIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    int exp = (bits >>> 23) & 0xFF;
    int mant = bits & 0x7FFFFF;
    if (exp == 0xFF) {
      return mant == 0 ? sign | 0x7C00 : -1;
    }
    if (exp == 0 && mant == 0) {
      return sign;
    }
    int e = exp - 127 + 15;
    if (e >= 31) {
      return -1;
    }
    if (e <= 0) {
      // Subnormal half: the value must be a multiple of 2^-24.
      int shift = 14 - e;
      int full = mant | 0x800000;
      if (shift > 24 || (full & ((1 << shift) - 1)) != 0) {
        return -1;
      }
      return sign | (full >>> shift);
    }
    if ((mant & 0x1FFF) != 0) {
      return -1;
    }
    return sign | (e << 10) | (mant >>> 13);
  }

  /**
   * Returns the float value of binary16 bits.
   *
   * @param half 16 bits
   * @return the value
   */
  static float toFloat(int half) {
    int sign = (half & 0x8000) << 16;
    int exp = (half >>> 10) & 0x1F;
    int mant = half & 0x3FF;
    if (exp == 0) {
      float v = mant * 0x1p-24f;
      return sign != 0 ? -v : v;
    }
    if (exp == 31) {
      return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
    }
    return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
  }
}
