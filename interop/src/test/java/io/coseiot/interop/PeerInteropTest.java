package io.coseiot.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.coseiot.interop.Outcome.Verdict;
import io.coseiot.vectors.examples.Example;
import io.coseiot.vectors.generate.Profile;
import io.coseiot.vectors.generate.Vector;
import io.coseiot.vectors.generate.VectorGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Replays the device profile against each peer: nothing may fail that is not a listed quirk. A peer
 * that is not installed skips with the reason (CI installs pyCOSE first).
 */
@Tag("interop")
class PeerInteropTest {
  private static List<Outcome> replay(Peer peer) throws Exception {
    Replay replay = new Replay(Quirks.load());
    List<Outcome> out = new ArrayList<>();
    for (Vector v : new VectorGenerator(Profile.DEVICE, 1).generate()) {
      out.addAll(replay.run("device", v.path(), Example.of(Path.of(v.path()), v.json()), peer));
    }
    return out;
  }

  /** The full profile's vectors that need protocol v2: recipients, signers, detached content. */
  private static List<Outcome> replayV2(Peer peer) throws Exception {
    Replay replay = new Replay(Quirks.load());
    List<Outcome> out = new ArrayList<>();
    for (Vector v : new VectorGenerator(Profile.FULL, 1).generate()) {
      Example e = Example.of(Path.of(v.path()), v.json());
      boolean multi = !e.structure().coseName().matches("COSE_(Encrypt0|Mac0|Sign1)");
      if (multi || e.detached()) {
        out.addAll(replay.run("full", v.path(), e, peer));
      }
    }
    return out;
  }

  private static long count(List<Outcome> outcomes, String structure, String direction) {
    return outcomes.stream()
        .filter(o -> o.verdict() == Verdict.PASS && o.direction().equals(direction))
        .filter(o -> o.vector().startsWith(structure + "/"))
        .count();
  }

  private static void check(List<Outcome> outcomes) {
    List<String> failures = new ArrayList<>();
    int pass = 0;
    for (Outcome o : outcomes) {
      if (o.verdict() == Verdict.FAIL) {
        failures.add(o.vector() + " " + o.direction() + ": " + o.detail());
      }
      pass += o.verdict() == Verdict.PASS ? 1 : 0;
    }
    assertEquals(List.of(), failures);
    // The device profile (4 algorithms) gives 114 passes with pyCOSE (v2), 100 with COSE-JAVA, 135
    // with
    // the C peer; a peer that silently answers nothing would give far fewer.
    assertTrue(pass > 80, "passes: " + pass);
  }

  @Test
  void pycoseAgreesButForKnownQuirks() throws Exception {
    PyCoseEnvironment env = PyCoseEnvironment.standard();
    String why = env.unavailableReason();
    assumeTrue(why == null, "pyCOSE unavailable: " + why);
    try (Peer peer = env.start()) {
      assertTrue(peer.hello().ok(), peer.hello().toString());
      check(replay(peer));
    }
  }

  @Test
  void pycoseSpeaksProtocolV2() throws Exception {
    PyCoseEnvironment env = PyCoseEnvironment.standard();
    String why = env.unavailableReason();
    assumeTrue(why == null, "pyCOSE unavailable: " + why);
    try (Peer peer = env.start()) {
      assertEquals(2, peer.hello().body().path("protocol").asInt());
      List<Outcome> outcomes = replayV2(peer);
      List<String> failures = new ArrayList<>();
      outcomes.stream()
          .filter(o -> o.verdict() == Verdict.FAIL)
          .forEach(o -> failures.add(o.vector() + " " + o.direction() + ": " + o.detail()));
      assertEquals(List.of(), failures);
      // Every structure must really be exchanged both ways, not only explained away by quirks.
      for (String structure : List.of("enveloped", "mac", "sign", "sign1", "mac0")) {
        assertTrue(count(outcomes, structure, Replay.PEER_OPENS) > 0, structure + " peer-opens");
      }
      for (String structure : List.of("enveloped", "mac", "sign", "sign1")) {
        assertTrue(count(outcomes, structure, Replay.JVM_OPENS) > 0, structure + " jvm-opens");
      }
      // Direct and key-wrap COSE_Encrypt and EdDSA COSE_Sign are deterministic given the vector's
      // IV and CEK: pyCOSE must then produce our bytes exactly.
      assertTrue(
          outcomes.stream().anyMatch(o -> o.identical() && o.vector().startsWith("enveloped/")));
      assertTrue(outcomes.stream().anyMatch(o -> o.identical() && o.vector().startsWith("sign/")));
    }
  }

  @Test
  void coseJavaAgreesButForKnownQuirks() throws Exception {
    Peer peer;
    try {
      peer = CoseJavaPeer.start();
    } catch (IOException e) {
      assumeTrue(false, "COSE-JAVA unavailable: " + e.getMessage());
      return;
    }
    try (peer) {
      check(replay(peer));
    }
  }

  @Test
  void deviceAgreesButForKnownQuirks() throws Exception {
    DeviceBuild device = new DeviceBuild(Path.of("../device"));
    String why = device.unavailableReason();
    assumeTrue(why == null, "C device peer unavailable: " + why);
    try (Peer peer = device.start()) {
      assertEquals("cose-iot-device-c", peer.hello().body().path("name").asText());
      check(replay(peer));
    }
  }

  @Test
  void coseJavaStaysOutOfTheCoreClassPath() throws Exception {
    assertTrue(
        ClassLoader.getSystemClassLoader().getResource("COSE/Message.class") == null,
        "COSE-JAVA leaked onto the class path");
  }
}
