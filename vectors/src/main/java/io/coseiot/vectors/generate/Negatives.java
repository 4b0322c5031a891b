package io.coseiot.vectors.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.vectors.examples.ExampleHeaders;
import io.coseiot.vectors.examples.Structure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Negative vectors of the kinds the COSE WG Examples use, each derived from a positive vector by
 * changing its encoding: {@code ChangeCBORTag}, {@code ChangeTag} (the authentication tag or
 * signature), {@code ChangeAttr} (another or an unknown {@code alg}), {@code AddProtected} and
 * {@code RemoveProtected}. The input stays that of the positive vector; {@code failures} names the
 * change.
 */
final class Negatives {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** Another algorithm of the same kind, for ChangeAttr. */
  private static final Map<Algorithm.Kind, Algorithm[]> SWAPS =
      Map.of(
          Algorithm.Kind.AEAD, new Algorithm[] {Algorithm.A128GCM, Algorithm.A256GCM},
          Algorithm.Kind.MAC, new Algorithm[] {Algorithm.HMAC_256_256, Algorithm.HMAC_512_512},
          Algorithm.Kind.SIGNATURE, new Algorithm[] {Algorithm.ES256, Algorithm.ES384});

  private Negatives() {}

  static List<Vector> of(Built b, Algorithm alg) throws CoseException {
    List<Vector> out = new ArrayList<>();
    JsonNode s = b.json().path("input").path(b.structure().jsonKey());
    HeaderMap prot = ExampleHeaders.bucket(s, "protected");
    String base = b.name();
    int other = otherTag(b.structure());
    out.add(
        vector(
            b,
            base + "-fail-cbor-tag",
            "wrong CBOR tag",
            obj("ChangeCBORTag", other),
            retag(b.output(), other)));
    if (b.structure() == Structure.ENCRYPTED
        || b.structure() == Structure.MAC0
        || b.structure() == Structure.SIGN0) {
      byte[] flipped = b.output().clone();
      flipped[flipped.length - 1] ^= 1;
      out.add(
          vector(
              b,
              base + "-fail-auth-tag",
              "changed authentication tag or signature",
              obj("ChangeTag", 1),
              flipped));
    }
    if (prot.get(HeaderLabel.ALG) != null) {
      Algorithm[] swaps = SWAPS.get(alg.kind());
      Algorithm swap = swaps[0] == alg ? swaps[1] : swaps[0];
      out.add(
          changeProtected(
              b,
              "-fail-changed-alg",
              "changed alg",
              "ChangeAttr",
              alg(swap),
              prot.toBuilder().algorithm(swap).build()));
      out.add(
          changeProtected(
              b,
              "-fail-unknown-alg",
              "unknown alg",
              "ChangeAttr",
              alg(-999),
              prot.toBuilder().set(HeaderLabel.ALG, CBORObject.FromObject(-999)).build()));
      out.add(
          changeProtected(
              b,
              "-fail-removed-protected",
              "removed protected alg",
              "RemoveProtected",
              alg(AlgNames.name(alg)),
              prot.toBuilder().remove(HeaderLabel.ALG).build()));
    }
    boolean hasCtyp = prot.get(HeaderLabel.CONTENT_TYPE) != null;
    ObjectNode added = hasCtyp ? F.objectNode().put("kid", "1") : F.objectNode().put("ctyp", 0);
    HeaderMap withAdded =
        hasCtyp
            ? prot.toBuilder().keyId(new byte[] {'1'}).build()
            : prot.toBuilder().set(HeaderLabel.CONTENT_TYPE, CBORObject.FromObject(0)).build();
    out.add(
        changeProtected(
            b,
            "-fail-added-protected",
            "added protected attribute",
            "AddProtected",
            added,
            withAdded));
    return out;
  }

  private static ObjectNode alg(Object v) {
    ObjectNode o = F.objectNode();
    if (v instanceof Integer i) {
      o.put("alg", i);
    } else if (v instanceof Algorithm a) {
      o.put("alg", AlgNames.name(a));
    } else {
      o.put("alg", v.toString());
    }
    return o;
  }

  private static Vector changeProtected(
      Built b, String suffix, String what, String kind, JsonNode detail, HeaderMap changed) {
    byte[] newProt = changed.isEmpty() ? new byte[0] : changed.encode();
    return vector(
        b,
        b.name() + suffix,
        what,
        obj(kind, detail),
        spliceProtected(b.output(), b.protectedBytes(), newProt));
  }

  private static ObjectNode obj(String k, Object v) {
    ObjectNode o = F.objectNode();
    if (v instanceof Integer i) {
      o.put(k, i);
    } else {
      o.set(k, (JsonNode) v);
    }
    return o;
  }

  /** A copy of the positive vector's document, marked as failing, with the changed output. */
  static Vector vector(Built b, String name, String what, ObjectNode failures, byte[] output) {
    ObjectNode pos = b.json();
    ObjectNode root = F.objectNode();
    root.put("title", name + ": " + what);
    root.put("fail", true);
    ObjectNode input = pos.get("input").deepCopy();
    input.set("failures", failures);
    root.set("input", input);
    root.set("intermediates", pos.get("intermediates").deepCopy());
    root.putObject("output").put("cbor", Positives.hex(output));
    ObjectNode ext = pos.get("coseiot").deepCopy();
    ext.putObject("failure")
        .put("kind", failures.fieldNames().next())
        .put("what", what)
        .put("strict", false);
    root.set("coseiot", ext);
    return new Vector(name + ".json", root);
  }

  private static int otherTag(Structure s) {
    return switch (s) {
      case ENCRYPTED -> 17;
      case MAC0 -> 18;
      case SIGN0 -> 16;
      case ENVELOPED -> 97;
      case MAC -> 98;
      case SIGN -> 96;
    };
  }

  /** Replaces the leading tag, or adds one to an untagged message. */
  static byte[] retag(byte[] out, int tag) {
    int skip = 0;
    if ((out[0] & 0xE0) == 0xC0) {
      int ai = out[0] & 0x1F;
      skip = ai < 24 ? 1 : ai == 24 ? 2 : 3;
    }
    byte[] rest = java.util.Arrays.copyOfRange(out, skip, out.length);
    return Cbor.writer().tag(tag).raw(rest).bytes();
  }

  /** Replaces the body's protected bstr, which follows the optional tag and the array head. */
  static byte[] spliceProtected(byte[] out, byte[] oldProt, byte[] newProt) {
    int at = 0;
    if ((out[0] & 0xE0) == 0xC0) {
      int ai = out[0] & 0x1F;
      at = ai < 24 ? 1 : ai == 24 ? 2 : 3;
    }
    at += 1;
    byte[] old = Cbor.writer().bstr(oldProt).bytes();
    for (int i = 0; i < old.length; i++) {
      if (out[at + i] != old[i]) {
        throw new IllegalStateException("protected bucket not where expected");
      }
    }
    return Cbor.writer()
        .raw(java.util.Arrays.copyOfRange(out, 0, at))
        .bstr(newProt)
        .raw(java.util.Arrays.copyOfRange(out, at + old.length, out.length))
        .bytes();
  }
}
