package io.coseiot.mqtt.client;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import io.coseiot.mqtt.nonce.SequenceStateException;
import io.coseiot.mqtt.nonce.SequenceStore;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A counter-mode publisher JVM ({@link CounterPublisherMain}, blocks of 10 numbers) on one sequence
 * file is killed with SIGKILL at a random point 20 times and started again each time. A plain MQTT
 * subscriber with no keys records every payload from Mosquitto, and the test reads kid, sid and
 * Partial IV from those COSE bytes itself: no (kid, sid, Partial IV) ever repeats, and each run's
 * numbers start above every number of the runs before, so none restarted at 0. Then the file is
 * truncated, corrupted or deleted: the publisher exits with the typed {@link
 * SequenceStateException} before it publishes anything.
 */
@Tag("mqtt")
@Tag("processes")
class PublisherKillTest {
  static final int KILLS = 20;
  static final String TOPIC = "kill/meter";

  @TempDir Path dir;

  @Test
  void killedTwentyTimesNoPartialIvRepeatsOnTheWire() throws Exception {
    Assumptions.assumeTrue(MosquittoBroker.binary() != null, BrokerTest.NO_MOSQUITTO);
    long start = System.nanoTime();
    byte[] master = Codecs.secret();
    Path seq = dir.resolve("publisher.seq");
    SequenceStore.create(seq, CounterPublisherMain.BLOCK).close();
    try (PersistentMosquitto broker = PersistentMosquitto.start(dir.resolve("mosquitto"));
        Outsider capture = new Outsider(broker.uri()).watch("kill/#")) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      Set<String> pairs = new HashSet<>();
      long highest = -1;
      int captured = 0;
      for (int run = 0; run < KILLS; run++) {
        Process p =
            CounterPublisherMain.start(broker.uri(), seq, master, TOPIC, "run" + run, 1_000_000);
        int killAfter = 1 + random.nextInt(40);
        List<Outsider.Seen> seen = new ArrayList<>();
        try {
          while (seen.size() < killAfter) {
            seen.add(capture.next());
          }
        } finally {
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Outsider.Seen late;
        while ((late = capture.seen.poll(300, TimeUnit.MILLISECONDS)) != null) {
          seen.add(late);
        }
        long highestBefore = highest;
        long lowestOfRun = Long.MAX_VALUE;
        for (Outsider.Seen s : seen) {
          CBORObject unprotected = CBORObject.DecodeFromBytes(s.payload()).get(1);
          byte[] kid = unprotected.get(4).GetByteString();
          byte[] sid = unprotected.get("sid").GetByteString();
          byte[] piv = unprotected.get(6).GetByteString();
          long n = new BigInteger(1, piv).longValueExact();
          HexFormat hex = HexFormat.of();
          String pair = hex.formatHex(kid) + "/" + hex.formatHex(sid) + "/" + hex.formatHex(piv);
          assertTrue(pairs.add(pair), "run " + run + ": (kid, sid, Partial IV) repeated: " + pair);
          lowestOfRun = Math.min(lowestOfRun, n);
          highest = Math.max(highest, n);
        }
        assertTrue(
            lowestOfRun > highestBefore,
            "run " + run + " went back to " + lowestOfRun + " after " + highestBefore);
        captured += seen.size();
      }

      List<String> faults = new ArrayList<>();
      String good = Files.readString(seq);
      for (String fault : List.of("TRUNCATED", "CORRUPTED", "DELETED")) {
        switch (fault) {
          case "TRUNCATED" -> Files.writeString(seq, good.substring(0, good.length() / 2));
          case "CORRUPTED" -> Files.writeString(seq, good.replace("next=", "next=9"));
          default -> Files.delete(seq);
        }
        Process p = CounterPublisherMain.start(broker.uri(), seq, master, TOPIC, fault, 5);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), fault + ": the publisher did not stop");
        String log = Files.readString(CounterPublisherMain.log(seq, fault).toPath());
        assertNotEquals(0, p.exitValue(), fault + ": exited 0\n" + log);
        String reason = fault.equals("DELETED") ? "MISSING" : "CORRUPT";
        assertTrue(
            log.contains(SequenceStateException.class.getName()) && log.contains(reason),
            fault + ": not a SequenceStateException " + reason + ":\n" + log);
        assertNull(capture.seen.poll(300, TimeUnit.MILLISECONDS), fault + ": it published");
        faults.add(fault + " -> " + reason);
      }
      System.out.printf(
          "publisher kill -9 x%d in counter mode: %d messages captured on the wire, %d distinct"
              + " (kid, sid, Partial IV), 0 repeated, highest %d; sequence file %s: stopped with"
              + " SequenceStateException, nothing published; %.1f s%n",
          KILLS, captured, pairs.size(), highest, faults, (System.nanoTime() - start) / 1e9);
    }
  }
}
