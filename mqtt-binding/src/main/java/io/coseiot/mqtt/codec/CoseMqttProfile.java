package io.coseiot.mqtt.codec;

import io.coseiot.cose.cbor.CborWriter;
import io.coseiot.mqtt.keyring.KeyDerivation;
import java.util.Base64;

/**
 * Constants and encodings of the cose-iot MQTT profile 1.2 ({@code docs/mqtt-cose-profile.md}).
 *
 * <pre>
 * external_aad = [ "cose-iot-mqtt/1", topic : tstr, epoch : uint ]
 * </pre>
 *
 * where {@code topic} is the topic the message is published to (the obfuscated one when the keyring
 * obfuscates topics) and {@code epoch} the key epoch (0 for COSE_Sign1 and COSE_Encrypt).
 */
public final class CoseMqttProfile {
  /** The profile identifier, on the wire: the same for every 1.x version. */
  public static final String PROFILE = KeyDerivation.PROFILE;

  /** The version of the profile text this library follows (its requirement ids). */
  public static final String VERSION = "1.2";

  /** The largest payload a receiver accepts unless configured otherwise (profile R9.1). */
  public static final int DEFAULT_MAX_PAYLOAD = 256 * 1024;

  /** The smallest maximum a receiver may be configured with (profile R9.1). */
  public static final int MIN_MAX_PAYLOAD = 1024;

  /** The MQTT v5 user property carrying base64url (no padding) of the COSE kid. */
  public static final String KID_PROPERTY = "cose-kid";

  /** The unprotected header label of the sender id in counter mode. */
  public static final String SENDER_ID_LABEL = "sid";

  /** The MQTT v5 payload format indicator: 0, unspecified bytes. */
  public static final int PAYLOAD_FORMAT_INDICATOR = 0;

  private CoseMqttProfile() {}

  /**
   * Encodes the {@code external_aad}.
   *
   * @param topic the topic as published
   * @param epoch the key epoch
   * @return the deterministic CBOR encoding
   */
  public static byte[] externalAad(String topic, long epoch) {
    CborWriter w = new CborWriter(24 + topic.length() * 3);
    w.writeArrayHeader(3);
    w.writeText(PROFILE);
    w.writeText(topic);
    w.writeInt(epoch);
    return w.toByteArray();
  }

  /**
   * Returns the MQTT v5 content type of a mode, per RFC 9052 §9.
   *
   * @param mode the mode
   * @return for example {@code application/cose; cose-type="cose-encrypt0"}
   */
  public static String contentType(SealMode mode) {
    return mode.outerType().mediaType();
  }

  /**
   * Encodes a kid for the {@value #KID_PROPERTY} user property.
   *
   * @param kid the COSE kid
   * @return base64url without padding
   */
  public static String kidHint(byte[] kid) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(kid);
  }
}
