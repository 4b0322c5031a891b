package io.coseiot.tck;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.algorithm.Hkdf;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.message.Encrypt0Message;
import io.coseiot.cose.message.TagPolicy;
import io.coseiot.mqtt.codec.OpenedMessage;
import io.coseiot.mqtt.codec.PayloadOpener;
import io.coseiot.mqtt.codec.PayloadSealer;
import io.coseiot.mqtt.codec.RejectedMessageException;
import io.coseiot.mqtt.codec.RejectedMessageException.Reason;
import io.coseiot.mqtt.codec.SealedMessage;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's codec, a stand-in until the keyring codec lands: one A128GCM key derived with
 * HKDF-SHA-256 from a master secret (info binds the topic filter, algorithm and epoch), tagged
 * COSE_Encrypt0 with a random IV, the topic in the external AAD, a sequence number in a protected
 * private header for replay detection, and the kid as a base64url user property.
 */
final class DemoCodec implements PayloadSealer, PayloadOpener {
  static final String CONTENT_TYPE = "application/cose; cose-type=\"cose-encrypt0\"";
  static final String KID_PROPERTY = "kid";
  private static final long SEQUENCE_LABEL = -65538;
  private static final int MAX_PAYLOAD = 64 * 1024;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String filterPrefix;
  private final byte[] kid;
  private final CoseKey key;
  private final AtomicLong sequence = new AtomicLong();
  private final Set<Long> seen = ConcurrentHashMap.newKeySet();

  /**
   * Derives the key for a topic filter of the form {@code prefix/#}.
   *
   * @param masterSecret the shared master secret
   * @param filter the topic filter, ending in {@code /#}
   */
  DemoCodec(byte[] masterSecret, String filter) throws CoseException {
    if (!filter.endsWith("/#")) {
      throw new IllegalArgumentException("filter must end in /#: " + filter);
    }
    this.filterPrefix = filter.substring(0, filter.length() - 1);
    byte[] info = ("cose-iot demo|" + filter + "|A128GCM|epoch 0").getBytes(StandardCharsets.UTF_8);
    byte[] k = Hkdf.derive(Hkdf.HMAC_SHA_256, null, masterSecret, info, 16);
    this.kid = Arrays.copyOf(Hkdf.derive(Hkdf.HMAC_SHA_256, null, k, "kid".getBytes(), 8), 8);
    this.key = CoseKey.symmetric(k).keyId(kid).algorithm(Algorithm.A128GCM).build();
  }

  byte[] keyId() {
    return kid.clone();
  }

  private static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  @Override
  public SealedMessage seal(String topic, byte[] plaintext) throws CoseException {
    if (!topic.startsWith(filterPrefix)) {
      throw new CoseException("no key covers " + topic);
    }
    HeaderMap prot =
        HeaderMap.builder()
            .algorithm(Algorithm.A128GCM)
            .set(SEQUENCE_LABEL, CBORObject.FromObject(sequence.incrementAndGet()))
            .build();
    HeaderMap unprot = HeaderMap.builder().keyId(kid).build();
    byte[] cose =
        Encrypt0Message.encrypt(Headers.of(prot, unprot), key, plaintext, aad(topic), RANDOM)
            .encode();
    return new SealedMessage(topic, cose, CONTENT_TYPE, Map.of(KID_PROPERTY, b64(kid)));
  }

  private static byte[] aad(String topic) {
    return topic.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public OpenedMessage open(
      String wireTopic, byte[] payload, String contentType, Map<String, String> userProperties)
      throws RejectedMessageException {
    if (payload.length > MAX_PAYLOAD) {
      throw new RejectedMessageException(Reason.OVERSIZED, payload.length + " bytes", null);
    }
    if (contentType != null && !contentType.startsWith("application/cose")) {
      throw new RejectedMessageException(Reason.NOT_SEALED, "content type " + contentType, null);
    }
    Encrypt0Message msg;
    try {
      msg = Encrypt0Message.decode(payload, TagPolicy.REQUIRED);
    } catch (CoseException e) {
      boolean looksSealed = payload.length > 0 && (payload[0] & 0xff) == 0xd0;
      throw new RejectedMessageException(
          looksSealed ? Reason.MALFORMED : Reason.NOT_SEALED, "not a COSE_Encrypt0", e);
    }
    CBORObject kidObj = msg.headers().get(HeaderLabel.KID);
    if (kidObj == null || kidObj.getType() != CBORType.ByteString) {
      throw new RejectedMessageException(Reason.MALFORMED, "no kid", null);
    }
    String hint = userProperties.get(KID_PROPERTY);
    if (hint != null && !hint.equals(b64(kidObj.GetByteString()))) {
      throw new RejectedMessageException(Reason.KEY_ID_MISMATCH, "kid user property " + hint, null);
    }
    if (!Arrays.equals(kid, kidObj.GetByteString())) {
      throw new RejectedMessageException(
          Reason.UNKNOWN_KEY, "kid " + b64(kidObj.GetByteString()), null);
    }
    CBORObject seqObj = msg.headers().protectedMap().get(SEQUENCE_LABEL);
    if (seqObj == null || !seqObj.isNumber()) {
      throw new RejectedMessageException(Reason.MALFORMED, "no sequence number", null);
    }
    byte[] plaintext;
    try {
      // The topic is bound through the external AAD: a moved message does not decrypt.
      plaintext = msg.decrypt(key, aad(wireTopic));
    } catch (CoseException e) {
      throw new RejectedMessageException(Reason.AUTHENTICATION_FAILED, e.getMessage(), e);
    }
    long seq = seqObj.AsInt64Value();
    if (!seen.add(seq)) {
      throw new RejectedMessageException(Reason.REPLAY, "sequence number " + seq, null);
    }
    return new OpenedMessage(wireTopic, plaintext, kid, 0, kid, seq, null);
  }
}
