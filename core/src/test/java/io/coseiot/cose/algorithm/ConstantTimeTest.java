package io.coseiot.cose.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ConstantTimeTest {
  @Test
  void agreesWithArraysEqualsForADifferenceAtEveryPosition() {
    // Lengths around the 8-byte stride, so both the long loop and the byte tail are covered.
    for (int n = 0; n <= 41; n++) {
      byte[] a = new byte[n];
      for (int i = 0; i < n; i++) {
        a[i] = (byte) (i * 37 + n);
      }
      assertTrue(ConstantTime.equal(a, a.clone()));
      for (int i = 0; i < n; i++) {
        for (int bit = 0; bit < 8; bit++) {
          byte[] b = a.clone();
          b[i] ^= (byte) (1 << bit);
          assertEquals(Arrays.equals(a, b), ConstantTime.equal(a, b));
          assertFalse(ConstantTime.equal(a, b), "length " + n + " byte " + i + " bit " + bit);
        }
      }
    }
  }

  @Test
  void differentLengthsAreNeverEqual() {
    assertFalse(ConstantTime.equal(new byte[16], new byte[17]));
    assertFalse(ConstantTime.equal(new byte[0], new byte[1]));
  }

  @Test
  void aPrefixComparisonIgnoresWhatFollows() {
    byte[] full = new byte[32];
    Arrays.fill(full, (byte) 0x5a);
    byte[] tag = Arrays.copyOf(full, 8);
    full[8] = 1;
    assertTrue(ConstantTime.equal(full, tag, 8));
    tag[7] ^= 0x10;
    assertFalse(ConstantTime.equal(full, tag, 8));
  }
}
