package io.coseiot.cose.algorithm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.coseiot.cose.exception.CoseException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Wycheproof HKDF-SHA-256 vectors through {@link Hkdf}; all of them apply. */
class HkdfWycheproofTest {

  @TestFactory
  List<DynamicTest> hkdfSha256() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (Wycheproof.Case c : Wycheproof.load("hkdf_sha256_test.json")) {
      tests.add(dynamicTest("HKDF-SHA-256 " + c, () -> check(c)));
    }
    int count = tests.size();
    System.out.printf("hkdf_sha256_test.json: %d applicable cases%n", count);
    tests.add(
        dynamicTest("hkdf_sha256_test.json has applicable cases", () -> assertTrue(count > 0)));
    return tests;
  }

  private static void check(Wycheproof.Case c) throws CoseException {
    byte[] ikm = c.hex("ikm");
    byte[] salt = c.hex("salt");
    byte[] info = c.hex("info");
    int size = c.test().get("size").asInt();
    if (c.valid()) {
      assertArrayEquals(c.hex("okm"), Hkdf.derive(Hkdf.HMAC_SHA_256, salt, ikm, info, size));
    } else if (c.acceptable()) {
      try {
        Hkdf.derive(Hkdf.HMAC_SHA_256, salt, ikm, info, size);
      } catch (CoseException e) {
        // Either outcome is allowed, as long as it is a COSE failure.
      }
    } else {
      assertThrows(
          CoseException.class, () -> Hkdf.derive(Hkdf.HMAC_SHA_256, salt, ikm, info, size));
    }
  }
}
