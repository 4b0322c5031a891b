package io.coseiot.cose.algorithm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.coseiot.cose.exception.CoseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Wycheproof HMAC-SHA-256 vectors through {@link MacFunction}. The 256-bit tags apply to HMAC
 * 256/256. The file has no 64-bit tags, so HMAC 256/64 is checked on the valid 256-bit cases by
 * truncation, which is how RFC 9053 defines it; the invalid ones may differ only past the first 8
 * bytes and say nothing about it. The 128-bit tags match no COSE algorithm.
 */
class MacWycheproofTest {

  @TestFactory
  List<DynamicTest> hmacSha256() throws Exception {
    MacFunction full = MacFunction.of(Algorithm.HMAC_256_256);
    MacFunction truncated = MacFunction.of(Algorithm.HMAC_256_64);
    List<DynamicTest> tests = new ArrayList<>();
    int applicable = 0;
    int truncatedCount = 0;
    for (Wycheproof.Case c : Wycheproof.load("hmac_sha256_test.json")) {
      if (c.group().get("tagSize").asInt() != 256) {
        continue;
      }
      applicable++;
      tests.add(dynamicTest("HMAC 256/256 " + c, () -> check(full, c, c.hex("tag"))));
      if (c.valid()) {
        truncatedCount++;
        byte[] tag = Arrays.copyOf(c.hex("tag"), 8);
        tests.add(dynamicTest("HMAC 256/64 " + c, () -> check(truncated, c, tag)));
      }
    }
    int count = applicable;
    System.out.printf(
        "hmac_sha256_test.json: %d applicable cases (HMAC 256/256), %d truncated to HMAC 256/64%n",
        applicable, truncatedCount);
    tests.add(
        dynamicTest("hmac_sha256_test.json has applicable cases", () -> assertTrue(count > 0)));
    return tests;
  }

  private static void check(MacFunction mac, Wycheproof.Case c, byte[] tag) throws CoseException {
    byte[] key = c.hex("key");
    byte[] msg = c.hex("msg");
    if (c.valid()) {
      assertArrayEquals(tag, mac.compute(key, msg));
      mac.verify(key, msg, tag);
    } else if (c.acceptable()) {
      try {
        mac.verify(key, msg, tag);
      } catch (CoseException e) {
        // Either outcome is allowed, as long as it is a COSE failure.
      }
    } else {
      assertThrows(CoseException.class, () -> mac.verify(key, msg, tag));
    }
  }
}
