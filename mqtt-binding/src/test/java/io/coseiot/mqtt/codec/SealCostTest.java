package io.coseiot.mqtt.codec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.cose.algorithm.Algorithm;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** A coarse guard on the Encrypt0 hot path: bytes allocated per 64-byte seal. */
class SealCostTest {
  @Test
  void sealAllocatesLittle() throws Exception {
    PayloadSealer s =
        CoseMqttCodec.builder().keyring(Fixtures.keyring(Algorithm.A128GCM)).build().sealer();
    byte[] pt = new byte[64];
    for (int i = 0; i < 20_000; i++) {
      s.seal(Fixtures.TOPIC, pt);
    }
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    int n = 20_000;
    long before = mx.getThreadAllocatedBytes(id);
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      s.seal(Fixtures.TOPIC, pt);
    }
    long ns = (System.nanoTime() - t0) / n;
    long perSeal = (mx.getThreadAllocatedBytes(id) - before) / n;
    System.out.println("Encrypt0 seal of 64 bytes: " + perSeal + " B allocated, " + ns + " ns");
    assertTrue(perSeal <= 1536, perSeal + " bytes per seal");
  }
}
