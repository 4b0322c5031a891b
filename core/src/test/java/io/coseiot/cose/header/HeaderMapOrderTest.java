package io.coseiot.cose.header;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.cbor.CborWriter;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The direct map writer must order entries exactly as the generic deterministic writer does. */
class HeaderMapOrderTest {
  private static final Object[] LABELS = {
    0L,
    1L,
    4L,
    5L,
    6L,
    23L,
    24L,
    33L,
    255L,
    256L,
    65536L,
    -1L,
    -2L,
    -20L,
    -24L,
    -25L,
    -26L,
    -300L,
    "a",
    "b",
    "z",
    "aa",
    "ab",
    "kid",
    "a-label-longer-than-twenty-three-bytes",
    "\u00e9"
  };

  @Test
  void matchesTheGenericDeterministicEncoding() {
    Random random = new Random(42);
    for (int round = 0; round < 2000; round++) {
      HeaderMap.Builder b = HeaderMap.builder();
      CBORObject map = CBORObject.NewOrderedMap();
      int n = 1 + random.nextInt(8);
      for (int i = 0; i < n; i++) {
        Object label = LABELS[random.nextInt(LABELS.length)];
        CBORObject value = CBORObject.FromObject(round * 10 + i);
        if (label instanceof Long) {
          b.set((Long) label, value);
          map.set(CBORObject.FromObject((long) (Long) label), value);
        } else {
          b.set((String) label, value);
          map.set(CBORObject.FromObject((String) label), value);
        }
      }
      byte[] expected = new CborWriter().writeValue(map).toByteArray();
      assertArrayEquals(expected, b.build().encode(), "round " + round);
    }
  }
}
