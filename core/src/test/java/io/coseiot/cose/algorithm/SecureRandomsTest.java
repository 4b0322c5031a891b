package io.coseiot.cose.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class SecureRandomsTest {
  @Test
  void oneSharedSourceThatNeverRepeatsAnIv() {
    SecureRandom r = SecureRandoms.fastDrbg();
    assertSame(r, SecureRandoms.fastDrbg());
    Set<String> seen = new HashSet<>();
    byte[] iv = new byte[12];
    // Several buffer refills, and sizes that straddle the buffer's end.
    for (int i = 0; i < 2000; i++) {
      r.nextBytes(iv);
      assertTrue(seen.add(HexFormat.of().formatHex(iv)));
    }
    byte[] odd = new byte[13];
    for (int i = 0; i < 100; i++) {
      r.nextBytes(odd);
      assertTrue(seen.add(HexFormat.of().formatHex(odd)));
    }
  }

  @Test
  void largeRequestsAndIntsWork() {
    SecureRandom r = SecureRandoms.fastDrbg();
    byte[] big = new byte[SecureRandoms.BUFFER_BYTES * 3 + 5];
    r.nextBytes(big);
    int zeros = 0;
    for (byte b : big) {
      zeros += b == 0 ? 1 : 0;
    }
    assertTrue(zeros < big.length / 16, "output looks random");
    r.nextInt();
    r.setSeed(new byte[] {1, 2, 3});
    r.setSeed(42L);
    assertEquals(8, r.generateSeed(8).length);
    assertFalse(r.getAlgorithm().isEmpty());
  }

  @Test
  void threadsDrawIndependentStreams() throws InterruptedException {
    SecureRandom r = SecureRandoms.fastDrbg();
    Set<String> all = ConcurrentHashMap.newKeySet();
    List<Thread> threads = new ArrayList<>();
    int perThread = 3000;
    for (int t = 0; t < 4; t++) {
      threads.add(
          new Thread(
              () -> {
                byte[] iv = new byte[12];
                for (int i = 0; i < perThread; i++) {
                  r.nextBytes(iv);
                  all.add(HexFormat.of().formatHex(iv));
                }
              }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(4 * perThread, all.size());
  }
}
