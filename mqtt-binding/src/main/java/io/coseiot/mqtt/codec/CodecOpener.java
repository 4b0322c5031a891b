package io.coseiot.mqtt.codec;

import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.MALFORMED;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.NOT_SEALED;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.OVERSIZED;

import io.coseiot.cose.message.MessageType;
import io.coseiot.mqtt.topic.TopicFilter;
import java.util.Map;

/**
 * The opener of a {@link CoseMqttCodec}. Checks in this order: size, content type and tag, then its
 * mode's {@link ModeStrategy.Opening}: COSE structure, kid hint, key lookup (topic, epoch),
 * algorithm, authentication, real topic, replay. Any failure, including unexpected runtime
 * exceptions, becomes a {@link RejectedMessageException}. Thread-safe.
 */
final class CodecOpener implements PayloadOpener {
  /** How the catch-all's message starts, after the reason: the fuzz tests look for it. */
  static final String UNEXPECTED = "unexpected failure: ";

  private final CoseMqttCodec c;
  private final MessageType outer;
  private final ModeStrategy.Opening mode;

  CodecOpener(CoseMqttCodec c, ModeStrategy.Opening mode) {
    this.c = c;
    this.outer = c.mode.outerType();
    this.mode = mode;
  }

  @Override
  public OpenedMessage open(
      String wireTopic, byte[] payload, String contentType, Map<String, String> userProperties)
      throws RejectedMessageException {
    try {
      return doOpen(
          wireTopic, payload, contentType, userProperties == null ? Map.of() : userProperties);
    } catch (RejectedMessageException e) {
      throw e;
    } catch (Exception | StackOverflowError e) {
      throw new RejectedMessageException(MALFORMED, UNEXPECTED + e, e);
    }
  }

  private OpenedMessage doOpen(
      String wireTopic, byte[] payload, String contentType, Map<String, String> props)
      throws RejectedMessageException {
    if (payload == null || payload.length == 0) {
      throw OpenChecks.reject(NOT_SEALED, "empty payload");
    }
    if (payload.length > c.maxPayloadSize) {
      throw OpenChecks.reject(
          OVERSIZED, payload.length + " bytes, above the maximum of " + c.maxPayloadSize);
    }
    if (!TopicFilter.isTopicName(wireTopic)) {
      throw OpenChecks.reject(MALFORMED, "not a topic name: " + wireTopic);
    }
    boolean v5 = c.version == MqttVersion.V5;
    // R4.4: absent, or exactly the outer type's string; a near miss is MALFORMED.
    if (v5 && contentType != null && !contentType.equals(outer.mediaType())) {
      if (!isCoseMediaType(contentType)) {
        throw OpenChecks.reject(NOT_SEALED, "content type " + contentType);
      }
      throw OpenChecks.reject(
          MALFORMED, "content type " + contentType + ", expected " + outer.mediaType());
    }
    if ((payload[0] & 0xe0) != 0xc0) {
      throw OpenChecks.reject(NOT_SEALED, "payload does not start with a CBOR tag");
    }
    return mode.open(wireTopic, payload, v5 ? props.get(CoseMqttProfile.KID_PROPERTY) : null);
  }

  /** Whether a content type names application/cose: after spaces and tabs, any ASCII case. */
  private static boolean isCoseMediaType(String contentType) {
    int i = 0;
    while (i < contentType.length()
        && (contentType.charAt(i) == ' ' || contentType.charAt(i) == '\t')) {
      i++;
    }
    String cose = "application/cose";
    return contentType.regionMatches(true, i, cose, 0, cose.length());
  }
}
