package io.coseiot.vectors.generate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.KeyLabel;
import io.coseiot.mqtt.codec.CoseMqttProfile;
import io.coseiot.mqtt.nonce.OscoreNonce;
import io.coseiot.vectors.examples.Structure;
import java.util.HexFormat;

/**
 * Negative MQTT-profile vectors: what can happen to a message between publisher and subscriber. The
 * standard fields describe the receiver's view of the bytes as received (the external_aad of the
 * topic it arrived on, the nonce the received sid and Partial IV give), so a plain Examples runner
 * refuses them too; {@code coseiot.mqtt.expected_rejection} names the codec's typed reason. {@code
 * intermediates} stay those of the sender.
 */
final class MqttNegatives {
  /** A topic under the same filter: the key fits, the external_aad does not. */
  static final String OTHER_TOPIC = "sensors/garage/temperature";

  /** A topic outside the filter: the kid names a key of other topics. */
  static final String OUTSIDE_FILTER = "actuators/kitchen/door";

  private static final String AUTHENTICATION_FAILED = "AUTHENTICATION_FAILED";
  private static final HexFormat HEX = HexFormat.of();

  private MqttNegatives() {}

  /** The unchanged message delivered on {@link #OTHER_TOPIC} or {@link #OUTSIDE_FILTER}. */
  static Vector moved(Built b, String topic) {
    boolean inside = topic.equals(OTHER_TOPIC);
    Vector v =
        vector(
            b,
            inside ? "moved-topic" : "outside-filter",
            "delivered on " + topic + ", so with that topic's external_aad",
            b.output(),
            inside ? AUTHENTICATION_FAILED : "WRONG_TOPIC");
    ObjectNode m = mqtt(v);
    if (inside) {
      MqttExtension.requirements(m, "R2.1", "R2.2", "R9.2");
    } else {
      MqttExtension.requirements(m, "R2.2", "R6.4");
    }
    byte[] aad = CoseMqttProfile.externalAad(topic, m.get("epoch").asLong());
    structure(v, b).put("external", Positives.hex(aad));
    m.put("topic", topic);
    ((ObjectNode) m.get("external_aad")).put("cbor_hex", Positives.hex(aad));
    return v;
  }

  /** The last byte of a counter-mode sid flipped: another sender's nonce (or MAC input). */
  static Vector wrongSid(Built b) throws CoseException {
    ObjectNode m0 = (ObjectNode) b.json().at("/coseiot/mqtt");
    byte[] sid = HEX.parseHex(m0.get("sender_id_hex").asText());
    byte[] changed = sid.clone();
    changed[changed.length - 1] ^= 1;
    byte[] out = DeterministicEcdsa.replace(b.output(), sidField(sid), sidField(changed));
    Vector v = vector(b, "wrong-sid", "sid changed in transit", out, AUTHENTICATION_FAILED);
    MqttExtension.requirements(mqtt(v), headers(b), "R9.2");
    mqtt(v).put("sender_id_hex", Positives.hex(changed));
    bucket(v, b).put(CoseMqttProfile.SENDER_ID_LABEL + "_hex", Positives.hex(changed));
    resync(v, b, changed, OscoreNonce.partialIv(m0.get("sequence_number").asLong()));
    return v;
  }

  /** The Partial IV raised by one (same length): a renumbered message. */
  static Vector changedPartialIv(Built b) throws CoseException {
    ObjectNode m0 = (ObjectNode) b.json().at("/coseiot/mqtt");
    long seq = m0.get("sequence_number").asLong();
    byte[] piv = OscoreNonce.partialIv(seq);
    byte[] changed = OscoreNonce.partialIv(seq + 1);
    if (changed.length != piv.length) {
      throw new IllegalArgumentException("sequence number " + seq + " changes length when raised");
    }
    byte[] out = DeterministicEcdsa.replace(b.output(), pivField(piv), pivField(changed));
    Vector v =
        vector(b, "changed-piv", "Partial IV changed in transit", out, AUTHENTICATION_FAILED);
    MqttExtension.requirements(mqtt(v), headers(b), "R9.2");
    mqtt(v).put("sequence_number", seq + 1);
    bucket(v, b).put("partialIV_hex", Positives.hex(changed));
    resync(v, b, HEX.parseHex(m0.get("sender_id_hex").asText()), changed);
    return v;
  }

  private static Vector vector(Built b, String kind, String what, byte[] out, String reason) {
    ObjectNode failures = JsonNodeFactory.instance.objectNode().put("coseiot-mqtt", kind);
    Vector v = Negatives.vector(b, b.name() + "-fail-" + kind, what, failures, out);
    mqtt(v).put("expected_rejection", reason);
    return v;
  }

  /** Encrypt0's sid and Partial IV are R3.1's, Mac0's protected ones R3.2's. */
  private static String headers(Built b) {
    return b.structure() == Structure.MAC0 ? "R3.2" : "R3.1";
  }

  private static ObjectNode mqtt(Vector v) {
    return (ObjectNode) v.json().at("/coseiot/mqtt");
  }

  private static ObjectNode structure(Vector v, Built b) {
    return (ObjectNode) v.json().get("input").get(b.structure().jsonKey());
  }

  /** Where the sid and Partial IV are: unprotected in Encrypt0, protected in Mac0. */
  private static ObjectNode bucket(Vector v, Built b) {
    return (ObjectNode)
        structure(v, b).get(b.structure() == Structure.MAC0 ? "protected" : "unprotected");
  }

  /**
   * Brings the derived standard fields to the receiver's view: for Encrypt0 the full nonce, the
   * key's Base IV and the nonce fact; for Mac0 the protected bytes.
   */
  private static void resync(Vector v, Built b, byte[] sid, byte[] piv) throws CoseException {
    ObjectNode ext = (ObjectNode) v.json().get("coseiot");
    ObjectNode s = structure(v, b);
    if (b.structure() == Structure.MAC0) {
      ext.put("protected_hex", Positives.hex(Positives.headers(s).protectedBytes()));
      return;
    }
    ObjectNode m = mqtt(v);
    byte[] nonce = OscoreNonce.nonce(HEX.parseHex(m.get("common_iv_hex").asText()), sid, piv);
    byte[] base = MqttVectors.baseIv(nonce, piv);
    ((ObjectNode) s.get("unsent")).put("IV_hex", Positives.hex(nonce));
    m.put("base_iv_hex", Positives.hex(base));
    CBORObject key = CBORObject.DecodeFromBytes(HEX.parseHex(ext.get("key_cbor").asText()));
    key.set(CBORObject.FromObject(KeyLabel.BASE_IV), CBORObject.FromObject(base));
    ext.put("key_cbor", Positives.hex(CoseKey.fromCbor(key).encode()));
    ext.put("nonce", nonce[0] == 0 ? "partial_iv_leading_zero" : "partial_iv");
  }

  private static byte[] sidField(byte[] sid) {
    return Cbor.writer().tstr(CoseMqttProfile.SENDER_ID_LABEL).bstr(sid).bytes();
  }

  private static byte[] pivField(byte[] piv) {
    return Cbor.writer().integer(6).bstr(piv).bytes();
  }
}
