package io.coseiot.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coseiot.interop.Outcome.Verdict;
import io.coseiot.vectors.examples.Example;
import io.coseiot.vectors.generate.Profile;
import io.coseiot.vectors.generate.Vector;
import io.coseiot.vectors.generate.VectorGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A peer is only asked what its hello says it speaks: the rest is not applicable, not failed. */
class ReplayApplicabilityTest {
  /** A version-1 peer, like the C device peer, that records what it is asked. */
  private static final class V1Peer implements Peer {
    final List<String> asked = new ArrayList<>();

    @Override
    public String name() {
      return "v1";
    }

    @Override
    public PeerResponse hello() {
      ObjectNode o = JsonNodeFactory.instance.objectNode().put("ok", true).put("protocol", 1);
      List.of("encrypt0", "decrypt0", "sign1", "verify1", "mac0", "verify_mac0")
          .forEach(o.putArray("ops")::add);
      return new PeerResponse(o);
    }

    @Override
    public PeerResponse call(ObjectNode request) {
      asked.add(request.path("op").asText());
      return PeerResponse.error("not expected in this test");
    }

    @Override
    public void close() {}
  }

  @Test
  void recipientsSignersAndDetachedContentAreNotApplicableForV1Peers() throws Exception {
    V1Peer peer = new V1Peer();
    Replay replay = new Replay(Quirks.load());
    int vectors = 0;
    for (Vector v : new VectorGenerator(Profile.FULL, 1).generate()) {
      Example e = Example.of(Path.of(v.path()), v.json());
      boolean multi = !e.structure().coseName().matches("COSE_(Encrypt0|Mac0|Sign1)");
      if (!multi && !e.detached()) {
        continue;
      }
      vectors++;
      List<Outcome> out = replay.run("full", v.path(), e, peer);
      assertEquals(1, out.size(), v.path());
      assertEquals(Verdict.NOT_APPLICABLE, out.get(0).verdict(), v.path());
    }
    assertEquals(List.of(), peer.asked);
    // The full profile has COSE_Encrypt, COSE_Mac, COSE_Sign and detached Sign1/Mac0 vectors.
    assertTrue(vectors > 100, "vectors: " + vectors);
  }
}
