package io.coseiot.vectors.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.upokecenter.cbor.CBORException;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.coseiot.cose.exception.HeaderException;
import io.coseiot.cose.header.HeaderLabel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds why an example's input cannot determine the bytes of its message, so that the byte-for-byte
 * rebuild is "not applicable, because ..." rather than a failure: a header that does not convert,
 * an {@code alg} given outside both buckets, a protected bucket not in preferred encoding, header
 * names the runner has no label for, or labels in an order JSON does not keep.
 */
final class RebuildLimits {
  private static final CBORObject COUNTERSIGNATURE =
      CBORObject.FromObject(HeaderLabel.COUNTER_SIGNATURE_V1);

  /** One sent layer of a message, paired with the input object that describes it. */
  private record Part(
      String where, JsonNode holder, byte[] protectedBytes, CBORObject unprotected) {}

  private RebuildLimits() {}

  /**
   * Returns why no rebuild can start from this input, or null if one can.
   *
   * @param e the example
   * @return the reason, or null
   */
  static String beforeRebuild(Example e) {
    List<Part> parts = new ArrayList<>();
    holders(e, e.structureInput(), "the body", parts);
    for (Part p : parts) {
      for (String bucket : List.of("protected", "unprotected", "unsent")) {
        try {
          ExampleHeaders.bucket(p.holder(), bucket);
        } catch (HeaderException x) {
          return "the "
              + bucket
              + " bucket of "
              + p.where()
              + " does not convert: "
              + x.getMessage();
        }
      }
      JsonNode alg = p.holder().get("alg");
      if (alg != null
          && !p.holder().path("protected").has("alg")
          && !p.holder().path("unprotected").has("alg")) {
        return p.where()
            + " gives alg "
            + alg.asText()
            + " outside its buckets, so the input does not say which bucket sends it";
      }
    }
    return null;
  }

  /** The input objects whose headers are sent, in the order {@link #parts} finds their layers. */
  private static void holders(Example e, JsonNode structure, String where, List<Part> out) {
    out.add(new Part(where, structure, null, null));
    counterHolders(structure, where, out);
    JsonNode signers = structure.path("signers");
    for (int i = 0; i < signers.size(); i++) {
      out.add(new Part("signer " + i, signers.get(i), null, null));
      counterHolders(signers.get(i), "signer " + i, out);
    }
    if (e.structure() == Structure.ENVELOPED || e.structure() == Structure.MAC) {
      recipientHolders(structure.path("recipients"), "recipient ", out);
    }
  }

  private static void recipientHolders(JsonNode recipients, String prefix, List<Part> out) {
    for (int i = 0; i < recipients.size(); i++) {
      JsonNode r = recipients.get(i);
      out.add(new Part(prefix + i, r, null, null));
      counterHolders(r, prefix + i, out);
      recipientHolders(r.path("recipients"), prefix + i + ".", out);
    }
  }

  private static void counterHolders(JsonNode holder, String where, List<Part> out) {
    JsonNode signers = holder.path("countersign").path("signers");
    for (int i = 0; i < signers.size(); i++) {
      out.add(new Part("countersigner " + i + " of " + where, signers.get(i), null, null));
    }
  }

  /**
   * Returns why a rebuilt message that differs from the output could not have equalled it, or null
   * if the difference is the library's.
   *
   * @param e the example
   * @param out the output's bytes
   * @param rebuilt the rebuilt message's bytes
   * @return the reason, or null
   */
  static String afterMismatch(Example e, byte[] out, byte[] rebuilt) {
    List<Part> sent;
    List<Part> built;
    try {
      sent = parts(e, CBORObject.DecodeFromBytes(out));
      built = parts(e, CBORObject.DecodeFromBytes(rebuilt));
    } catch (CBORException | IllegalStateException | IllegalArgumentException x) {
      return null;
    }
    if (sent.size() != built.size()) {
      return null;
    }
    for (int i = 0; i < sent.size(); i++) {
      String why = compare(sent.get(i), built.get(i));
      if (why != null) {
        return why;
      }
    }
    return null;
  }

  private static String compare(Part sent, Part built) {
    List<String> unknown = ExampleHeaders.unknownNames(sent.holder());
    if (!Arrays.equals(sent.protectedBytes(), built.protectedBytes())) {
      String v = PreferredEncoding.violation(sent.protectedBytes());
      if (v != null) {
        return "the protected bucket of "
            + sent.where()
            + " is not in preferred encoding ("
            + v
            + "), which a JSON input cannot give";
      }
      if (!unknown.isEmpty()) {
        return sent.where() + " names headers the runner has no label for: " + unknown;
      }
      if (sameMap(sent.protectedBytes(), built.protectedBytes())) {
        return "the protected bucket of "
            + sent.where()
            + " orders its labels otherwise than the input, and JSON objects keep no order";
      }
    }
    if (!sent.unprotected().equals(built.unprotected()) && !unknown.isEmpty()) {
      return sent.where() + " names headers the runner has no label for: " + unknown;
    }
    return null;
  }

  private static boolean sameMap(byte[] a, byte[] b) {
    return a.length > 0
        && b.length > 0
        && CBORObject.DecodeFromBytes(a).equals(CBORObject.DecodeFromBytes(b));
  }

  /** The sent layers of a message, holders from the input attached, in {@link #holders} order. */
  private static List<Part> parts(Example e, CBORObject message) {
    List<Part> holders = new ArrayList<>();
    holders(e, e.structureInput(), "the body", holders);
    List<CBORObject> layers = new ArrayList<>();
    CBORObject m = message;
    while (m.isTagged()) {
      m = m.UntagOne();
    }
    layers.add(m);
    countersignatures(m, layers);
    if (e.structure() == Structure.SIGN) {
      for (CBORObject s : m.get(3).getValues()) {
        layers.add(s);
        countersignatures(s, layers);
      }
    } else if (e.structure() == Structure.ENVELOPED || e.structure() == Structure.MAC) {
      recipients(m.get(e.structure() == Structure.MAC ? 4 : 3), layers);
    }
    if (layers.size() != holders.size()) {
      return List.of();
    }
    List<Part> out = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      Part h = holders.get(i);
      CBORObject l = layers.get(i);
      out.add(new Part(h.where(), h.holder(), l.get(0).GetByteString(), l.get(1)));
    }
    return out;
  }

  private static void recipients(CBORObject recipients, List<CBORObject> layers) {
    for (CBORObject r : recipients.getValues()) {
      layers.add(r);
      countersignatures(r, layers);
      if (r.size() > 3) {
        recipients(r.get(3), layers);
      }
    }
  }

  /** Full countersignatures (label 7): one COSE_Signature or an array of them. */
  private static void countersignatures(CBORObject layer, List<CBORObject> layers) {
    CBORObject cs = layer.get(1).get(COUNTERSIGNATURE);
    if (cs == null || cs.getType() != CBORType.Array || cs.size() == 0) {
      return;
    }
    if (cs.get(0).getType() == CBORType.ByteString) {
      layers.add(cs);
    } else {
      cs.getValues().forEach(layers::add);
    }
  }
}
