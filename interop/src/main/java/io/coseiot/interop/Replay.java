package io.coseiot.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.interop.Outcome.Verdict;
import io.coseiot.vectors.examples.Example;
import io.coseiot.vectors.examples.ExampleAlgorithms;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays one vector against one peer in both directions: {@link #PEER_OPENS} (the peer opens or
 * verifies our message, and must reject a negative vector) and {@link #JVM_OPENS} (the peer creates
 * the message from the same inputs, with the same headers and IV, and the library opens it; the
 * bytes are also compared). Protocol v2 covers the six structures and detached content; an op the
 * peer's {@code hello} does not list, detached content for a v1 peer, what the protocol cannot
 * express (nested recipients, KDF inputs that are not sent) and what the peer answers {@code
 * unsupported} to (unless a quirk lists it) are not applicable. Quirks match the peer's name in the
 * TCK or, for a peer registered under another name, the {@code name} its hello gives.
 */
public final class Replay {
  /** The peer opens what the JVM made. */
  public static final String PEER_OPENS = "peer-opens";

  /** The JVM opens what the peer made. */
  public static final String JVM_OPENS = "jvm-opens";

  private final Quirks quirks;

  /**
   * Creates a replayer.
   *
   * @param quirks the known quirks
   */
  public Replay(Quirks quirks) {
    this.quirks = quirks;
  }

  /**
   * Replays one vector.
   *
   * @param suite the suite's name
   * @param vector the vector's name within the suite
   * @param e the vector
   * @param peer the peer
   * @return one outcome per direction that applies
   */
  public List<Outcome> run(String suite, String vector, Example e, Peer peer) {
    List<Outcome> out = new ArrayList<>();
    VectorExchange x;
    try {
      x = VectorExchange.of(e);
    } catch (VectorExchange.NotApplicable na) {
      out.add(na(suite, vector, peer, e, PEER_OPENS, na.getMessage()));
      return out;
    }
    String unspoken = unspoken(peer, x.openOp(), e);
    if (unspoken != null) {
      out.add(na(suite, vector, peer, e, PEER_OPENS, unspoken));
      return out;
    }
    Map<String, Object> facts = facts(e);
    ObjectNode open;
    try {
      open = x.openRequest();
    } catch (CoseException | RuntimeException ex) {
      out.add(na(suite, vector, peer, e, PEER_OPENS, "key does not convert: " + ex.getMessage()));
      return out;
    } catch (VectorExchange.NotApplicable na) {
      out.add(na(suite, vector, peer, e, PEER_OPENS, na.getMessage()));
      return out;
    }
    out.add(peerOpens(suite, vector, e, peer, x, open, facts));
    if (!e.fail()) {
      String cannot = unspoken(peer, x.createOp(), e);
      out.add(
          cannot != null
              ? na(suite, vector, peer, e, JVM_OPENS, cannot)
              : jvmOpens(suite, vector, e, peer, x, facts));
    }
    return out;
  }

  /** Why the peer cannot be asked an op for this vector (from its hello), or null if it can. */
  private static String unspoken(Peer peer, String op, Example e) {
    JsonNode hello = peer.hello().body();
    boolean listed = false;
    for (JsonNode o : hello.path("ops")) {
      listed |= o.asText().equals(op);
    }
    if (!listed) {
      return peer.name() + " does not implement " + op;
    }
    if (e.detached() && hello.path("protocol").asInt(1) < 2) {
      return "detached content needs protocol v2; " + peer.name() + " speaks v1";
    }
    return null;
  }

  private static Outcome na(
      String suite, String vector, Peer peer, Example e, String direction, String why) {
    return new Outcome(
        suite,
        vector,
        peer.name(),
        direction,
        Verdict.NOT_APPLICABLE,
        direction.equals(PEER_OPENS) && e.fail(),
        "",
        "",
        false,
        why);
  }

  private Outcome peerOpens(
      String suite,
      String vector,
      Example e,
      Peer peer,
      VectorExchange x,
      ObjectNode request,
      Map<String, Object> facts) {
    PeerResponse r = peer.call(request);
    String answer = r.ok() ? "accepted" : r.kind();
    boolean asExpected;
    String detail;
    if (e.fail()) {
      asExpected = r.kind().equals("rejected");
      detail = r.ok() ? "accepted a negative vector" : r.toString();
    } else {
      byte[] content = r.bytes(PeerRequests.contentField(x.openOp()));
      asExpected = r.ok() && Arrays.equals(content, e.plaintext());
      detail = r.ok() ? (asExpected ? "" : "content differs") : r.toString();
    }
    return verdict(suite, vector, peer, PEER_OPENS, e, facts, asExpected, answer, false, detail);
  }

  private Outcome jvmOpens(
      String suite,
      String vector,
      Example e,
      Peer peer,
      VectorExchange x,
      Map<String, Object> facts) {
    ObjectNode request;
    try {
      request = x.createRequest();
    } catch (VectorExchange.NotApplicable na) {
      return na(suite, vector, peer, e, JVM_OPENS, na.getMessage());
    } catch (CoseException | RuntimeException ex) {
      return na(suite, vector, peer, e, JVM_OPENS, "key does not convert: " + ex.getMessage());
    }
    PeerResponse r = peer.call(request);
    if (!r.ok()) {
      return verdict(
          suite, vector, peer, JVM_OPENS, e, facts, false, r.kind(), false, r.toString());
    }
    byte[] theirs = r.bytes("message");
    try {
      byte[] content = x.openTheirs(theirs, r.bytes("detached_content"));
      boolean same = Arrays.equals(content, e.plaintext());
      return verdict(
              suite,
              vector,
              peer,
              JVM_OPENS,
              e,
              facts,
              same,
              "accepted",
              Arrays.equals(theirs, e.outputCbor()),
              same ? "" : "content differs")
          .withPeerMessage(theirs);
    } catch (CoseException | RuntimeException ex) {
      return verdict(
              suite,
              vector,
              peer,
              JVM_OPENS,
              e,
              facts,
              false,
              "accepted",
              false,
              "the library refuses the peer's message: " + ex.getMessage())
          .withPeerMessage(theirs);
    }
  }

  private Outcome verdict(
      String suite,
      String vector,
      Peer peer,
      String direction,
      Example e,
      Map<String, Object> facts,
      boolean asExpected,
      String answer,
      boolean identical,
      String detail) {
    if (asExpected) {
      return new Outcome(
          suite,
          vector,
          peer.name(),
          direction,
          Verdict.PASS,
          e.fail(),
          answer,
          "",
          identical,
          detail);
    }
    Map<String, Object> f = new HashMap<>(facts);
    f.put("direction", direction);
    f.put("answer", answer);
    f.put("vector", vector);
    String said = peer.hello().body().path("name").asText("");
    String quirk = quirks.match(peer.name(), f);
    if (quirk == null && !said.isEmpty() && !said.equals(peer.name())) {
      // A peer registered under another name keeps the quirks of the implementation it is.
      quirk = quirks.match(said, f);
    }
    if (quirk == null && answer.equals("unsupported")) {
      // The peer says it cannot do this: not applicable to it, never a failure.
      return new Outcome(
          suite,
          vector,
          peer.name(),
          direction,
          Verdict.NOT_APPLICABLE,
          e.fail(),
          answer,
          "",
          false,
          detail);
    }
    return new Outcome(
        suite,
        vector,
        peer.name(),
        direction,
        quirk != null ? Verdict.DEVIATION : Verdict.FAIL,
        e.fail(),
        answer,
        quirk == null ? "" : quirk,
        identical,
        detail);
  }

  /**
   * What quirks can match on: structure, alg (a COSE_Sign's is its first signer's), tagged, nonce,
   * negative, failure, detached, recipient_alg, recipient_curve and recipient_protected (of the
   * first recipient), curve (of the key used: the first recipient's or signer's, else the
   * message's), protected_labels (labels in the message's protected bucket) and vector.
   */
  static Map<String, Object> facts(Example e) {
    Map<String, Object> f = new HashMap<>();
    f.put("structure", e.structure().coseName());
    f.put("negative", e.fail());
    f.put("detached", e.detached());
    JsonNode r = e.structureInput().path("recipients").path(0);
    if (r.isObject() && e.structure().coseName().matches("COSE_(Encrypt|Mac)")) {
      JsonNode ra =
          r.path("protected").has("alg")
              ? r.path("protected").path("alg")
              : r.path("unprotected").path("alg");
      if (ra.isTextual() && ExampleAlgorithms.id(ra.asText()) != null) {
        f.put("recipient_alg", ExampleAlgorithms.id(ra.asText()));
      }
      f.put("recipient_protected", r.path("protected").size() > 0);
      if (r.path("key").has("crv")) {
        f.put("recipient_curve", r.path("key").path("crv").asText());
      }
    }
    byte[] out = e.outputCbor();
    f.put("tagged", out != null && out.length > 0 && (out[0] & 0xE0) == 0xC0);
    JsonNode si = e.structureInput();
    JsonNode party = r.isObject() ? r : si.path("signers").path(0);
    JsonNode key = party.isObject() ? party.path("key") : si.path("key");
    if (key.has("crv")) {
      f.put("curve", key.path("crv").asText());
    }
    f.put("protected_labels", si.path("protected").size());
    JsonNode ext = e.extension();
    if (ext.has("nonce")) {
      f.put("nonce", ext.get("nonce").asText());
    } else if (si.path("unprotected").has("partialIV_hex")
        || si.path("protected").has("partialIV_hex")) {
      f.put("nonce", "partial_iv");
    }
    if (e.structure().coseName().equals("COSE_Sign") && party.isObject()) {
      si = party;
    }
    JsonNode alg = si.path("alg");
    if (alg.isMissingNode()) {
      alg =
          si.path("protected").has("alg")
              ? si.path("protected").path("alg")
              : si.path("unprotected").path("alg");
    }
    if (alg.isTextual() && ExampleAlgorithms.id(alg.asText()) != null) {
      f.put("alg", ExampleAlgorithms.id(alg.asText()));
    } else if (alg.isIntegralNumber()) {
      f.put("alg", alg.asLong());
    }
    JsonNode failures = e.failures();
    if (failures.size() > 0) {
      String kind = failures.fieldNames().next();
      JsonNode v = failures.get(kind);
      f.put("failure", v.isTextual() ? kind + ":" + v.asText() : kind);
    }
    return f;
  }
}
