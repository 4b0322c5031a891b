package io.coseiot.mqtt.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.mqtt.replay.ReplayFixtures.Captured;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subscriber JVM on the durable replay state is killed with SIGKILL mid-stream and restarted on
 * the same file; then every message it had accepted is replayed into it, and the rest of the stream
 * and new messages follow. Nothing accepted before the kill is accepted again, and the window after
 * the crash is exactly the profile's: every counter number at or below the persisted mark is
 * refused, every one above it accepted, the mark at most one block above the last number accepted.
 */
@Tag("processes")
class DurableRestartTest {
  static final int BLOCK = 64;

  @TempDir Path dir;

  @Test
  void killedSubscriberAcceptsNoReplayAfterRestart() throws Exception {
    Path store = dir.resolve("replay.mv");
    Path seq = dir.resolve("publisher.seq");
    List<Captured> stream = ReplayFixtures.seal(seq, 0, 600);

    ChildSubscriber first =
        ChildSubscriber.start(dir, "first", "durable-create", store.toString(), "" + BLOCK);
    Thread writer =
        new Thread(
            () -> {
              for (Captured c : stream) {
                if (!first.send(c)) {
                  return;
                }
              }
            });
    writer.start();
    first.awaitAnswers(200 + ThreadLocalRandom.current().nextInt(200));
    first.kill();
    writer.join();
    Map<Integer, String> before = new HashMap<>(first.outcomes);
    assertTrue(before.values().stream().allMatch("OK"::equals), "before the kill: " + before);
    List<Captured> answered = new ArrayList<>();
    List<Captured> rest = new ArrayList<>();
    for (Captured c : stream) {
      (before.containsKey(c.index()) ? answered : rest).add(c);
    }
    long highest = answered.stream().mapToLong(Captured::seq).max().orElseThrow();

    ChildSubscriber second =
        ChildSubscriber.start(dir, "second", "durable-open", store.toString(), "" + BLOCK);
    long mark = second.mark();
    assertTrue(mark >= highest, "mark " + mark + " below an accepted number " + highest);
    // At most one message was opened but not yet answered when the kill came.
    assertTrue(mark <= highest + 1 + BLOCK, "mark " + mark + " > " + highest + " + 1 + " + BLOCK);

    for (Captured c : answered) {
      second.send(c);
    }
    second.awaitAnswers(answered.size());
    assertEquals(List.of(), second.accepted(), "replays accepted after the restart");
    assertTrue(second.outcomes.values().stream().allMatch("REPLAY"::equals), "" + second.outcomes);

    List<Captured> fresh = ReplayFixtures.seal(seq, stream.size(), 200);
    rest.addAll(fresh);
    for (Captured c : rest) {
      second.send(c);
    }
    second.awaitAnswers(answered.size() + rest.size());
    second.finish();
    int refusedFresh = 0;
    List<String> deviations = new ArrayList<>();
    List<Integer> refusedInFlight = new ArrayList<>();
    for (Captured c : rest) {
      String got = second.outcomes.get(c.index());
      boolean counter = c.seq() >= 0;
      String expected = counter && c.seq() <= mark ? "REPLAY" : "OK";
      if (expected.equals("REPLAY") && got.equals("REPLAY")) {
        refusedFresh++;
      }
      if (expected.equals("OK") && got.equals("REPLAY")) {
        // Accepted by the first process but killed before it answered: refusing it is right.
        refusedInFlight.add(c.index());
      } else if (!expected.equals(got)) {
        deviations.add(c.index() + " (seq " + c.seq() + "): " + got + ", expected " + expected);
      }
    }
    assertEquals(List.of(), deviations, "outside the window-after-crash rule, mark " + mark);
    // The child answers each message before it reads the next, so at most one was in flight.
    assertTrue(
        refusedInFlight.size() <= 1,
        "unanswered messages refused as replays: "
            + refusedInFlight
            + ", first unanswered "
            + rest.get(0).index());
    assertTrue(refusedFresh <= BLOCK + 1, refusedFresh + " fresh numbers refused");
    System.out.printf(
        "durable restart: %d accepted before kill -9, highest %d, mark %d; %d replays, 0 accepted;"
            + " %d never-accepted counter messages refused (at or below the mark), %d later"
            + " messages accepted, in flight at the kill and refused: %s%n",
        answered.size(),
        highest,
        mark,
        answered.size(),
        refusedFresh,
        rest.size() - refusedFresh - refusedInFlight.size(),
        refusedInFlight);
  }
}
