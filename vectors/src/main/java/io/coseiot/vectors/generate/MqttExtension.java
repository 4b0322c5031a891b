package io.coseiot.vectors.generate;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.mqtt.codec.CoseMqttProfile;
import io.coseiot.mqtt.codec.SealMode;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code coseiot.mqtt}, what a receiver of the MQTT profile needs beyond the standard
 * fields: mode, topic, keyring parameters, sender id and sequence number, how external_aad was
 * derived and the MQTT v5 properties (docs/vectors.md).
 */
final class MqttExtension {
  /** The profile's header requirement of each mode's outer message. */
  private static final Map<SealMode, String> HEADERS =
      Map.of(
          SealMode.ENCRYPT0, "R3.1",
          SealMode.SIGN1_IN_ENCRYPT0, "R3.1",
          SealMode.MAC0, "R3.2",
          SealMode.SIGN1, "R3.3",
          SealMode.ENCRYPT_ECDH, "R3.4");

  private MqttExtension() {}

  /** Replaces the requirement ids a vector checks. */
  static void requirements(ObjectNode m, String... ids) {
    ArrayNode a = m.putArray("requirements");
    for (String id : ids) {
      a.add(id);
    }
  }

  /** Adds the fields every mode has; {@code kid} (null for COSE_Encrypt) is the cose-kid hint. */
  static ObjectNode add(
      Built b, Profile profile, SealMode mode, long epoch, byte[] aad, byte[] kid) {
    ObjectNode m = ((ObjectNode) b.json().get("coseiot")).putObject("mqtt");
    m.put("profile", CoseMqttProfile.PROFILE);
    m.put("profile_version", CoseMqttProfile.VERSION);
    ArrayNode ids = m.putArray("requirements");
    List.of("R1.1", "R2.1", HEADERS.get(mode), "R4.1", "R4.2", "R4.3", "R6.1").forEach(ids::add);
    m.put("mode", mode.name());
    m.put("algorithm_profile", profile.name());
    m.put("topic", MqttVectors.TOPIC);
    m.put("epoch", epoch);
    ObjectNode x = m.putObject("external_aad");
    x.put("derivation", "[\"" + CoseMqttProfile.PROFILE + "\", topic, epoch]");
    x.put("cbor_hex", Positives.hex(aad));
    ObjectNode props = m.putObject("properties");
    props.put("content_type", CoseMqttProfile.contentType(mode));
    props.put("payload_format_indicator", CoseMqttProfile.PAYLOAD_FORMAT_INDICATOR);
    if (kid != null) {
      kidProperty(m, CoseMqttProfile.kidHint(kid));
    }
    m.put("mqtt_3_1_1", "no properties: the kid travels only in the COSE header");
    return m;
  }

  /** Sets the {@code cose-kid} user property. */
  static void kidProperty(ObjectNode m, String hint) {
    ((ObjectNode) m.get("properties"))
        .putArray("user_properties")
        .addArray()
        .add(CoseMqttProfile.KID_PROPERTY)
        .add(hint);
  }

  /**
   * Adds the keyring fields of ENCRYPT0, SIGN1_IN_ENCRYPT0 and MAC0: the derivation inputs and, in
   * counter mode ({@code c} not null), sender id, sequence number and (for an AEAD) common IV and
   * the Base IV given in the key.
   */
  static void keyring(
      ObjectNode m,
      Algorithm alg,
      byte[] master,
      byte[] kid,
      MqttVectors.Counter c,
      byte[] commonIv,
      byte[] baseIv) {
    ((ArrayNode) m.get("requirements")).add("R6.2").add("R7.2");
    m.put("nonce_mode", c == null ? "random" : "counter");
    m.put("key_alg", alg.id());
    m.put("filter", MqttVectors.FILTER);
    m.put("master_secret_hex", Positives.hex(master));
    m.put("master_salt_hex", "");
    m.put("kid_hex", Positives.hex(kid));
    if (c == null) {
      m.putNull("sender_id_hex");
      m.putNull("sequence_number");
    } else {
      m.put("sender_id_hex", Positives.hex(c.sid()));
      m.put("sequence_number", c.seq());
    }
    if (c != null && commonIv != null) {
      m.put("common_iv_hex", Positives.hex(commonIv));
      m.put("base_iv_hex", Positives.hex(baseIv));
    }
  }
}
