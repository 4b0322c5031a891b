package io.coseiot.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.coseiot.interop.Outcome.Verdict;
import io.coseiot.vectors.examples.Example;
import io.coseiot.vectors.generate.Profile;
import io.coseiot.vectors.generate.Vector;
import io.coseiot.vectors.generate.VectorGenerator;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real peer processes that crash, exit, hang, print garbage or answer with the wrong id in the
 * middle of a replay: that one vector gets a verdict naming what happened, with the peer's stderr,
 * the peer is restarted and every other vector is still answered.
 */
class MisbehavingPeerTest {
  @TempDir Path dir;

  static Path script(Path dir) throws Exception {
    Path script = dir.resolve("misfit_peer.py");
    try (InputStream in = MisbehavingPeerTest.class.getResourceAsStream("misfit_peer.py")) {
      Files.write(script, in.readAllBytes());
    }
    return script;
  }

  @ParameterizedTest
  @CsvSource({
    "crash, 'peer crashed: exit 139 (signal 11)'",
    "exit, 'peer crashed: exit 3'",
    "hang, 'peer timed out after 2 s'",
    "garbage, 'peer answered garbage: Traceback (most recent call last): not JSON'",
    "wrong-id, 'peer answered id 7 to request 8'"
  })
  void oneVectorFailsAndTheReplayGoesOn(String mode, String verdict) throws Exception {
    PeerCommand cmd =
        new PeerCommand(
            "misfit",
            List.of("python3", script(dir).toString(), mode, "7", dir.resolve("flag").toString()),
            dir,
            Map.of("PYTHONUNBUFFERED", "1"),
            Duration.ofSeconds(2));
    Replay replay = new Replay(Quirks.load());
    List<Outcome> out = new ArrayList<>();
    int vectors = 0;
    try (LineProtocolPeer peer = PeerRegistry.start(cmd)) {
      for (Vector v : new VectorGenerator(Profile.DEVICE, 1).generate()) {
        out.addAll(replay.run("device", v.path(), Example.of(Path.of(v.path()), v.json()), peer));
        vectors++;
      }
      assertEquals(1, peer.restarts());
      // The restarted process answers again.
      assertEquals(
          "unsupported",
          peer.call(JsonNodeFactory.instance.objectNode().put("op", "decrypt0")).kind());
    }
    List<Outcome> failed = out.stream().filter(o -> o.verdict() == Verdict.FAIL).toList();
    assertEquals(1, failed.size(), failed.toString());
    String detail = failed.get(0).detail();
    assertTrue(detail.startsWith("error: " + verdict), detail);
    assertTrue(detail.contains("stderr: misfit: going to " + mode), detail);
    // Every vector was still asked, and everything else is the peer's honest "unsupported".
    assertTrue(vectors > 100, "vectors: " + vectors);
    assertEquals(
        out.size() - 1, out.stream().filter(o -> o.verdict() == Verdict.NOT_APPLICABLE).count());
    assertTrue(out.size() >= vectors);
  }

  @ParameterizedTest
  @CsvSource({"crash", "hang"})
  void aPeerThatAlwaysFailsIsGivenUp(String mode) throws Exception {
    // With "-" for the flag file every process misbehaves on its first op.
    PeerCommand cmd =
        new PeerCommand(
            "misfit",
            List.of("python3", script(dir).toString(), mode, "1", "-"),
            dir,
            Map.of(),
            Duration.ofMillis(300));
    try (LineProtocolPeer peer = PeerRegistry.start(cmd)) {
      for (int i = 0; i <= LineProtocolPeer.MAX_RESTARTS; i++) {
        PeerResponse r = peer.call(JsonNodeFactory.instance.objectNode().put("op", "decrypt0"));
        assertEquals("error", r.kind());
      }
      assertEquals(LineProtocolPeer.MAX_RESTARTS, peer.restarts());
      PeerResponse last = peer.call(JsonNodeFactory.instance.objectNode().put("op", "decrypt0"));
      assertTrue(last.error().startsWith("peer not restarted"), last.error());
    }
  }
}
