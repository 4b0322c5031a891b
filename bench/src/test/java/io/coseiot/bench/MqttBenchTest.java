package io.coseiot.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The MQTT benchmark's lanes work end to end: each library's plaintext baselines over its bare
 * transport and its sealed lane through a SecureMqttClient deliver every message. Counts only; the
 * rates are for {@code cose-tck bench}.
 */
@Tag("mqtt")
class MqttBenchTest {
  @Test
  void everyLaneDeliversEveryMessage() throws Exception {
    MqttBench.Settings s =
        new MqttBench.Settings(new int[] {64}, new int[][] {{1, 1}}, 200, 50, 1, 10, 100, 30);
    List<MqttResult> results =
        MqttBench.run(s, null, new PrintStream(OutputStream.nullOutputStream()));
    assertEquals(
        Set.of("paho", "hivemq-client"),
        results.stream().map(MqttResult::client).collect(Collectors.toSet()));
    assertEquals(6, results.size());
    for (MqttResult r : results) {
      assertEquals(200, r.received(), r.toString());
      boolean sealed = r.payload().equals("sealed");
      assertTrue(sealed ? r.wireBytes() > 64 : r.wireBytes() == 64, r.toString());
    }
  }
}
