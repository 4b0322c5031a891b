package io.coseiot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WireOverheadTest {
  private static int at64(List<WireOverhead.Row> rows, String profile) {
    return rows.stream()
        .filter(r -> r.profile().equals(profile))
        .findFirst()
        .orElseThrow()
        .overhead()[1];
  }

  @Test
  void deviceProfileStaysWithinItsBudgetAndTheTutorialSchemeSpends32() throws Exception {
    List<WireOverhead.Row> rows = WireOverhead.compute();
    assertTrue(at64(rows, WireOverhead.DEVICE_PROFILE) <= WireOverhead.DEVICE_TARGET_BYTES);
    assertEquals(32, at64(rows, "AES-256-CBC, IV prefix (tutorial scheme, no integrity)"));
  }

  @Test
  void partialIvFitsOneByteUpTo255() {
    assertEquals(1, Fixtures.partialIv(0).length);
    assertEquals(1, Fixtures.partialIv(255).length);
    assertEquals(2, Fixtures.partialIv(256).length);
  }
}
