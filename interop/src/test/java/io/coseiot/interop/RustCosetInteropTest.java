package io.coseiot.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.coseiot.interop.Outcome.Verdict;
import io.coseiot.vectors.examples.Example;
import io.coseiot.vectors.examples.ExampleLoader;
import io.coseiot.vectors.generate.Profile;
import io.coseiot.vectors.generate.Vector;
import io.coseiot.vectors.generate.VectorGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Replays the COSE WG Examples folder and the device profile against the Rust adapter on coset,
 * when {@code ./cose-tck peers install} has built it (CI does): nothing may fail that is not one of
 * its listed quirks, and the deterministic structures must come out byte for byte.
 */
@Tag("interop")
class RustCosetInteropTest {
  private static final RustCosetBuild RUST = new RustCosetBuild(Path.of("adapters/rust-coset"));

  private static LineProtocolPeer start() throws Exception {
    assumeTrue(RUST.isCurrent(), "Rust adapter not built: run ./cose-tck peers install");
    return PeerRegistry.start(RUST.peerCommand());
  }

  private static List<String> failures(List<Outcome> outcomes) {
    List<String> out = new ArrayList<>();
    outcomes.stream()
        .filter(o -> o.verdict() == Verdict.FAIL)
        .forEach(o -> out.add(o.vector() + " " + o.direction() + ": " + o.detail()));
    return out;
  }

  @Test
  void wgExamplesFolderAgreesButForKnownQuirks() throws Exception {
    Path wg =
        Path.of(System.getProperty("cose.shared.dir", "../../shared"), "vectors/cose-wg-examples");
    assumeTrue(Files.isDirectory(wg), "no shared vectors at " + wg);
    Replay replay = new Replay(Quirks.load());
    List<Outcome> out = new ArrayList<>();
    try (LineProtocolPeer peer = start()) {
      assertEquals("rust-coset", peer.hello().body().path("name").asText());
      assertEquals(2, peer.hello().body().path("protocol").asInt());
      for (ExampleLoader.Entry e : new ExampleLoader().loadAll(List.of(wg))) {
        if (!e.isError()) {
          out.addAll(replay.run("wg", wg.relativize(e.path()).toString(), e.example(), peer));
        }
      }
      assertEquals(0, peer.restarts(), peer.stderr());
    }
    assertEquals(List.of(), failures(out));
    long pass = out.stream().filter(o -> o.verdict() == Verdict.PASS).count();
    long same = out.stream().filter(Outcome::identical).count();
    // 208 passes and 62 identical messages when this was written; a peer that answered nothing
    // or only "unsupported" would have none.
    assertTrue(pass > 150, "passes: " + pass);
    assertTrue(same > 50, "same bytes: " + same);
    // Each of the coset quirks is really seen, so none of them is stale.
    for (String q :
        List.of(
            "rust-coset-protected-as-sent",
            "rust-coset-kid-must-be-bstr",
            "rust-coset-adapter-refuses-unknown-crit")) {
      assertTrue(out.stream().anyMatch(o -> q.equals(o.quirk())), q);
    }
  }

  @Test
  void deviceProfileHasNoFailure() throws Exception {
    Replay replay = new Replay(Quirks.load());
    List<Outcome> out = new ArrayList<>();
    try (LineProtocolPeer peer = start()) {
      for (Vector v : new VectorGenerator(Profile.DEVICE, 1).generate()) {
        out.addAll(replay.run("device", v.path(), Example.of(Path.of(v.path()), v.json()), peer));
      }
    }
    assertEquals(List.of(), failures(out));
    long pass = out.stream().filter(o -> o.verdict() == Verdict.PASS).count();
    assertTrue(pass > 200, "passes: " + pass);
  }
}
