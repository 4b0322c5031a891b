package io.coseiot.cose.algorithm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.coseiot.cose.exception.CoseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Wycheproof AES key wrap vectors through {@link KeyWrap}; every key size maps to an algorithm. */
class KeyWrapWycheproofTest {

  @TestFactory
  List<DynamicTest> aesWrap() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (Wycheproof.Case c : Wycheproof.load("aes_wrap_test.json")) {
      Algorithm alg =
          switch (c.group().get("keySize").asInt()) {
            case 128 -> Algorithm.A128KW;
            case 192 -> Algorithm.A192KW;
            case 256 -> Algorithm.A256KW;
            default -> throw new IllegalStateException("unexpected key size in " + c);
          };
      KeyWrap wrap = KeyWrap.of(alg);
      tests.add(dynamicTest(alg.ianaName() + " " + c, () -> check(wrap, c)));
    }
    int count = tests.size();
    System.out.printf("aes_wrap_test.json: %d applicable cases%n", count);
    tests.add(dynamicTest("aes_wrap_test.json has applicable cases", () -> assertTrue(count > 0)));
    return tests;
  }

  private static void check(KeyWrap wrap, Wycheproof.Case c) throws CoseException {
    byte[] kek = c.hex("key");
    byte[] msg = c.hex("msg");
    byte[] ct = c.hex("ct");
    if (c.valid()) {
      assertArrayEquals(ct, wrap.wrap(kek, msg), "wrap");
      assertArrayEquals(msg, wrap.unwrap(kek, ct), "unwrap");
    } else if (c.acceptable()) {
      try {
        assertArrayEquals(msg, wrap.unwrap(kek, ct), "unwrap");
      } catch (CoseException e) {
        // Either outcome is allowed, as long as it is a COSE failure.
      }
    } else {
      assertThrows(CoseException.class, () -> wrap.unwrap(kek, ct), "unwrap");
      // Wrapping may succeed (the message can be fine), but never to the bad ciphertext.
      try {
        assertFalse(Arrays.equals(ct, wrap.wrap(kek, msg)), "wrap produced the invalid ct");
      } catch (CoseException e) {
        // Refusing to wrap an unusable key is right too.
      }
    }
  }
}
