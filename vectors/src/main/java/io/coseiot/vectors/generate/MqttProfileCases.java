package io.coseiot.vectors.generate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.mqtt.codec.CoseMqttProfile;
import io.coseiot.mqtt.codec.SealMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * MQTT vectors for the receiver rules of profile 1.2 that the COSE bytes alone do not decide:
 * content type, Payload Format Indicator, kid property, untagged payloads, the replay window's
 * edge, the (kid, IV) memory and the sid bound. Each is a copy of a positive vector whose standard
 * fields still open under a plain Examples runner (so no {@code fail}); {@code coseiot.mqtt} says
 * what a profile receiver does: {@code expected_rejection} when it refuses, and {@code
 * received_before}, messages to open first on the same topic with the same receiver.
 */
final class MqttProfileCases {
  private MqttProfileCases() {}

  /** The cases built on the first AEAD's random-IV Encrypt0, plus its replay window's edge. */
  static List<Built> of(MqttVectors mv, Algorithm alg, Built random) throws CoseException {
    String ct = CoseMqttProfile.contentType(SealMode.ENCRYPT0);
    byte[] kid = HexFormat.of().parseHex(random.json().at("/coseiot/mqtt/kid_hex").asText());
    List<Built> out = new ArrayList<>();
    out.add(contentType(copy(random, "content-type-absent", "no Content Type", "R4.4"), null));
    out.add(
        refused(
            contentType(
                copy(random, "content-type-unquoted", "cose-type unquoted", "R4.4", "R9.4"),
                ct.replace("\"", "")),
            "MALFORMED"));
    out.add(
        refused(
            contentType(
                copy(random, "content-type-case", "media type in capitals", "R4.4", "R9.4"),
                ct.replace("application/cose", "Application/COSE")),
            "MALFORMED"));
    out.add(
        refused(
            contentType(
                copy(random, "content-type-json", "Content Type application/json", "R4.4"),
                "application/json"),
            "NOT_SEALED"));
    out.add(payloadFormat(copy(random, "pfi-absent", "no Payload Format Indicator", "R4.5"), null));
    out.add(payloadFormat(copy(random, "pfi-1", "Payload Format Indicator 1", "R4.5"), 1));
    out.add(kidProperty(copy(random, "kid-property-absent", "no cose-kid", "R4.6"), null));
    out.add(
        refused(
            kidProperty(
                copy(random, "kid-property-padded", "cose-kid with padding", "R4.6", "R9.4"),
                paddedHint(kid)),
            "KEY_ID_MISMATCH"));
    out.add(
        refused(
            untagged(copy(random, "untagged", "the tag removed", "R1.1", "R9.3", "R9.4")),
            "NOT_SEALED"));
    out.add(
        refused(
            after(copy(random, "replayed", "the same message again", "R7.4", "R7.7"), random),
            "REPLAY"));
    out.addAll(window(mv, alg, false));
    return out;
  }

  /**
   * R7.6 on one sender: after sequence number 320, 257 (= 320 - 63) opens once and 256 (= 320 - 64)
   * is refused.
   */
  static List<Built> window(MqttVectors mv, Algorithm alg, boolean mac) throws CoseException {
    Built top = build(mv, alg, mac, 320);
    Built inside = build(mv, alg, mac, 257);
    Built outside = build(mv, alg, mac, 256);
    return List.of(
        after(copy(inside, "after-320", "320 - 63 after 320: inside the window", "R7.6"), top),
        refused(
            after(
                copy(outside, "after-320", "320 - 64 after 320: below the window", "R7.5", "R7.6"),
                top),
            "REPLAY"),
        refused(
            after(
                copy(inside, "after-320-twice", "320 - 63 a second time", "R7.5", "R7.6"),
                top,
                inside),
            "REPLAY"));
  }

  private static Built build(MqttVectors mv, Algorithm alg, boolean mac, long seq)
      throws CoseException {
    MqttVectors.Counter c = mv.counter(1, seq);
    return mac ? mv.mac0(alg, c) : mv.encrypt0(alg, c, null);
  }

  /** A copy of {@code b} named {@code b.name()-suffix}, for the ids given. */
  static Built copy(Built b, String suffix, String what, String... requirements) {
    ObjectNode json = b.json().deepCopy();
    String name = b.name() + "-" + suffix;
    json.put("title", name + ": " + what);
    ArrayNode ids = mqtt(json).putArray("requirements");
    Arrays.stream(requirements).forEach(ids::add);
    return new Built(name, b.structure(), json, b.output(), b.protectedBytes());
  }

  /** Sets the reason a profile receiver refuses the vector with. */
  static Built refused(Built b, String reason) {
    mqtt(b.json()).put("expected_rejection", reason);
    return b;
  }

  /** Replaces (or with null removes) the MQTT v5 Content Type. */
  static Built contentType(Built b, String contentType) {
    ObjectNode p = (ObjectNode) mqtt(b.json()).get("properties");
    if (contentType == null) {
      p.remove("content_type");
    } else {
      p.put("content_type", contentType);
    }
    return b;
  }

  /** Replaces (or with null removes) the Payload Format Indicator. */
  static Built payloadFormat(Built b, Integer indicator) {
    ObjectNode p = (ObjectNode) mqtt(b.json()).get("properties");
    if (indicator == null) {
      p.remove("payload_format_indicator");
    } else {
      p.put("payload_format_indicator", indicator);
    }
    return b;
  }

  /** Replaces (or with null removes) the cose-kid user property. */
  static Built kidProperty(Built b, String hint) {
    ObjectNode m = mqtt(b.json());
    ((ObjectNode) m.get("properties")).remove("user_properties");
    if (hint != null) {
      MqttExtension.kidProperty(m, hint);
    }
    return b;
  }

  /** The message without its CBOR tag: a plain runner still opens it, the profile does not. */
  static Built untagged(Built b) {
    byte[] out = b.output();
    int headLength = (out[0] & 0x1f) < 24 ? 1 : 2; // tags 16, 17, 18 and 96
    byte[] bare = Arrays.copyOfRange(out, headLength, out.length);
    b.json().with("output").put("cbor", Positives.hex(bare));
    b.json().with("coseiot").put("tagged", false);
    return new Built(b.name(), b.structure(), b.json(), bare, b.protectedBytes());
  }

  /** Messages the receiver opens first, in order, on the vector's topic. */
  static Built after(Built b, Built... before) {
    ArrayNode a = mqtt(b.json()).putArray("received_before");
    for (Built x : before) {
      a.addObject().put("cbor_hex", Positives.hex(x.output())).put("title", x.name());
    }
    return b;
  }

  /** The cose-kid hint with base64 padding, which R4.6 refuses. */
  static String paddedHint(byte[] kid) {
    String hint = CoseMqttProfile.kidHint(kid);
    return hint + "=".repeat((4 - hint.length() % 4) % 4);
  }

  private static ObjectNode mqtt(ObjectNode json) {
    return (ObjectNode) json.at("/coseiot/mqtt");
  }
}
