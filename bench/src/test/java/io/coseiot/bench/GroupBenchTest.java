package io.coseiot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The group benchmark's lanes work end to end through a real redis-server and the embedded broker:
 * each lane's group opens every message exactly once, and the report and the target name every
 * lane. Counts only; the rates are for {@code cose-tck bench}.
 */
@Tag("mqtt")
class GroupBenchTest {
  @Test
  void everyGroupOpensEveryMessageOnce() throws Exception {
    GroupBench.Settings s = new GroupBench.Settings(300, 100, 1, 10, 100, 60);
    List<GroupBench.Row> rows =
        GroupBench.run(s, null, new PrintStream(PrintStream.nullOutputStream()));
    assertEquals(6, rows.size(), rows.toString());
    for (GroupBench.Row r : rows) {
      assertEquals(300, r.sent(), r.toString());
      assertEquals(300, r.delivered(), r.toString());
      assertEquals(0, r.duplicates(), r.toString());
      assertEquals(0, r.refused(), r.toString());
      assertTrue(r.messagesPerSecond() > 0, r.toString());
    }
    assertEquals(List.of(1, 1, 3, 1, 1, 3), rows.stream().map(GroupBench.Row::members).toList());
    List<BenchReport.Target> t = GroupBench.targets(rows);
    assertEquals(2, t.size());
    assertTrue(t.get(0).name().contains("paho group of 3"), t.get(0).name());
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    GroupBench.print(rows, new PrintStream(printed, true, StandardCharsets.UTF_8));
    assertEquals(7, printed.toString(StandardCharsets.UTF_8).lines().count());
    String md = GroupBench.markdown(rows, s);
    assertTrue(md.contains("| hivemq-client | redis | 3 |"), md);
  }
}
