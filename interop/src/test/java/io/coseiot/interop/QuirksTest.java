package io.coseiot.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class QuirksTest {
  @Test
  void matchesOnEveryCondition() {
    Quirks q = Quirks.load();
    assertEquals(
        "pycose-refuses-untagged",
        q.match("pycose", Map.of("direction", "peer-opens", "tagged", false, "negative", false)));
    assertNull(q.match("pycose", Map.of("direction", "peer-opens", "tagged", true)));
    assertEquals("pycose-symmetric-key-length", q.match("pycose", Map.of("alg", 7L)));
    assertNull(q.match("cose-java", Map.of("tagged", false)));
  }
}
