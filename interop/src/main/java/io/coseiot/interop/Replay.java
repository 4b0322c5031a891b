package io.coseiot.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.message.Encrypt0Message;
import io.coseiot.cose.message.Mac0Message;
import io.coseiot.cose.message.Sign1Message;
import io.coseiot.cose.message.TagPolicy;
import io.coseiot.interop.Outcome.Verdict;
import io.coseiot.vectors.examples.Example;
import io.coseiot.vectors.examples.ExampleAlgorithms;
import io.coseiot.vectors.examples.SingleKeys;
import io.coseiot.vectors.examples.Structure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays one vector against one peer in both directions: {@link #PEER_OPENS} (the peer opens or
 * verifies our message, and must reject a negative vector) and {@link #JVM_OPENS} (the peer creates
 * the message from the same inputs, with the same headers and IV, and the library opens it; the
 * bytes are also compared). Only COSE_Encrypt0, COSE_Mac0 and COSE_Sign1 with attached content are
 * in protocol v1; other vectors are not applicable.
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
    String op = createOp(e.structure());
    if (op == null || e.detached() || e.outputCbor() == null) {
      out.add(
          new Outcome(
              suite,
              vector,
              peer.name(),
              PEER_OPENS,
              Verdict.NOT_APPLICABLE,
              e.fail(),
              "",
              "",
              false,
              op == null
                  ? e.structure().coseName() + " is not in protocol v1"
                  : "detached content is not in protocol v1"));
      return out;
    }
    Map<String, Object> facts = facts(e);
    CoseKey key;
    try {
      key = SingleKeys.key(e);
    } catch (CoseException | RuntimeException ex) {
      out.add(na(suite, vector, peer, e, "key does not convert: " + ex.getMessage()));
      return out;
    }
    out.add(peerOpens(suite, vector, e, peer, op, key, facts));
    if (!e.fail()) {
      out.add(jvmOpens(suite, vector, e, peer, op, key, facts));
    }
    return out;
  }

  private static Outcome na(String suite, String vector, Peer peer, Example e, String why) {
    return new Outcome(
        suite,
        vector,
        peer.name(),
        PEER_OPENS,
        Verdict.NOT_APPLICABLE,
        e.fail(),
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
      String op,
      CoseKey key,
      Map<String, Object> facts) {
    byte[] k = e.structure() == Structure.SIGN0 ? key.publicKey().encode() : key.encode();
    PeerResponse r =
        peer.call(PeerRequests.open(PeerRequests.openOp(op), k, e.outputCbor(), e.externalAad()));
    String answer = r.ok() ? "accepted" : r.kind();
    boolean asExpected;
    String detail;
    if (e.fail()) {
      asExpected = r.kind().equals("rejected");
      detail = r.ok() ? "accepted a negative vector" : r.toString();
    } else {
      byte[] content = r.bytes(op.equals("encrypt0") ? "plaintext" : "payload");
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
      String op,
      CoseKey key,
      Map<String, Object> facts) {
    byte[] ours = e.outputCbor();
    Headers h;
    try {
      h = headersOf(e.structure(), ours);
    } catch (CoseException ex) {
      return new Outcome(
          suite,
          vector,
          peer.name(),
          JVM_OPENS,
          Verdict.NOT_APPLICABLE,
          false,
          "",
          "",
          false,
          "our decoder refuses the output: " + ex.getMessage());
    }
    CBORObject alg = h.rawAlgorithm();
    if (alg == null || !alg.isNumber()) {
      return new Outcome(
          suite,
          vector,
          peer.name(),
          JVM_OPENS,
          Verdict.NOT_APPLICABLE,
          false,
          "",
          "",
          false,
          "alg is not an integer");
    }
    boolean tagged = (ours[0] & 0xE0) == 0xC0;
    PeerResponse r =
        peer.call(
            PeerRequests.create(
                op,
                alg.AsInt64Value(),
                key.encode(),
                h.protectedBytes(),
                h.unprotectedMap().encode(),
                e.plaintext(),
                e.externalAad(),
                tagged));
    if (!r.ok()) {
      return verdict(
          suite, vector, peer, JVM_OPENS, e, facts, false, r.kind(), false, r.toString());
    }
    byte[] theirs = r.bytes("message");
    try {
      byte[] content = open(e.structure(), theirs, key, e.externalAad());
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
          Arrays.equals(theirs, ours),
          same ? "" : "content differs");
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
          "the library refuses the peer's message: " + ex.getMessage());
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
    String quirk = quirks.match(peer.name(), f);
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

  /** What quirks can match on: structure, alg, tagged, nonce, negative, failure (and vector). */
  static Map<String, Object> facts(Example e) {
    Map<String, Object> f = new HashMap<>();
    f.put("structure", e.structure().coseName());
    f.put("negative", e.fail());
    byte[] out = e.outputCbor();
    f.put("tagged", out != null && out.length > 0 && (out[0] & 0xE0) == 0xC0);
    JsonNode si = e.structureInput();
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
    JsonNode ext = e.extension();
    if (ext.has("nonce")) {
      f.put("nonce", ext.get("nonce").asText());
    }
    JsonNode failures = e.failures();
    if (failures.size() > 0) {
      String kind = failures.fieldNames().next();
      JsonNode v = failures.get(kind);
      f.put("failure", v.isTextual() ? kind + ":" + v.asText() : kind);
    }
    return f;
  }

  private static String createOp(Structure s) {
    return switch (s) {
      case ENCRYPTED -> "encrypt0";
      case SIGN0 -> "sign1";
      case MAC0 -> "mac0";
      default -> null;
    };
  }

  private static Headers headersOf(Structure s, byte[] data) throws CoseException {
    return switch (s) {
      case ENCRYPTED -> Encrypt0Message.decode(data, TagPolicy.OPTIONAL).headers();
      case MAC0 -> Mac0Message.decode(data, TagPolicy.OPTIONAL).headers();
      default -> Sign1Message.decode(data, TagPolicy.OPTIONAL).headers();
    };
  }

  private static byte[] open(Structure s, byte[] data, CoseKey key, byte[] aad)
      throws CoseException {
    switch (s) {
      case ENCRYPTED:
        return Encrypt0Message.decode(data, TagPolicy.OPTIONAL).decrypt(key, aad);
      case MAC0:
        {
          Mac0Message m = Mac0Message.decode(data, TagPolicy.OPTIONAL);
          m.verify(key, aad);
          return m.payload();
        }
      default:
        {
          Sign1Message m = Sign1Message.decode(data, TagPolicy.OPTIONAL);
          m.verify(key.publicKey(), aad);
          return m.payload();
        }
    }
  }
}
