package io.coseiot.mqtt.paho;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.coseiot.cose.algorithm.Algorithm;
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
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small but real codec for the facade's tests until the keyring codec lands: tagged COSE_Encrypt0
 * with A128GCM and a random IV, the topic in the external AAD (and, protected, in a private header
 * so a moved message is told apart from a forged one), a sequence number in a private protected
 * header for replay detection, the kid in the COSE header and as a base64url user property.
 */
final class TestCodec implements PayloadSealer, PayloadOpener {
  static final String CONTENT_TYPE = "application/cose; cose-type=\"cose-encrypt0\"";
  static final String KID_PROPERTY = "kid";
  static final long TOPIC_LABEL = -65537;
  static final long SEQUENCE_LABEL = -65538;
  static final int MAX_PAYLOAD = 4096;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] kid;
  private final CoseKey sealingKey;
  private final Map<String, CoseKey> accepted = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  private TestCodec(byte[] kid, byte[] key) {
    this.kid = kid.clone();
    this.sealingKey = key(kid, key);
    accepted.put(b64(kid), sealingKey);
  }

  /** Seals with this kid and key, and opens what was sealed with them. */
  static TestCodec of(String kid, byte[] key) {
    return new TestCodec(kid.getBytes(StandardCharsets.UTF_8), key);
  }

  /** A fresh random 128-bit key. */
  static byte[] randomKey() {
    byte[] k = new byte[16];
    RANDOM.nextBytes(k);
    return k;
  }

  private static CoseKey key(byte[] kid, byte[] k) {
    return CoseKey.symmetric(k).keyId(kid).algorithm(Algorithm.A128GCM).build();
  }

  static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  @Override
  public SealedMessage seal(String topic, byte[] plaintext) throws CoseException {
    long seq = sequence.incrementAndGet();
    HeaderMap prot =
        HeaderMap.builder()
            .algorithm(Algorithm.A128GCM)
            .set(TOPIC_LABEL, CBORObject.FromObject(topic))
            .set(SEQUENCE_LABEL, CBORObject.FromObject(seq))
            .build();
    HeaderMap unprot = HeaderMap.builder().keyId(kid).build();
    byte[] cose =
        Encrypt0Message.encrypt(Headers.of(prot, unprot), sealingKey, plaintext, aad(topic), RANDOM)
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
      throw new RejectedMessageException(
          Reason.OVERSIZED, payload.length + " bytes, more than " + MAX_PAYLOAD, null);
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
    String kidB64 = b64(kidObj.GetByteString());
    String hint = userProperties.get(KID_PROPERTY);
    if (hint != null && !hint.equals(kidB64)) {
      throw new RejectedMessageException(
          Reason.KEY_ID_MISMATCH, "user property " + hint + ", COSE kid " + kidB64, null);
    }
    CoseKey key = accepted.get(kidB64);
    if (key == null) {
      throw new RejectedMessageException(Reason.UNKNOWN_KEY, "kid " + kidB64, null);
    }
    CBORObject topicObj = msg.headers().protectedMap().get(TOPIC_LABEL);
    CBORObject seqObj = msg.headers().protectedMap().get(SEQUENCE_LABEL);
    if (topicObj == null
        || topicObj.getType() != CBORType.TextString
        || seqObj == null
        || !seqObj.isNumber()) {
      throw new RejectedMessageException(Reason.MALFORMED, "no topic or sequence number", null);
    }
    String sealedFor = topicObj.AsString();
    byte[] plaintext;
    try {
      plaintext = msg.decrypt(key, aad(sealedFor));
    } catch (CoseException e) {
      throw new RejectedMessageException(Reason.AUTHENTICATION_FAILED, e.getMessage(), e);
    }
    if (!sealedFor.equals(wireTopic)) {
      throw new RejectedMessageException(
          Reason.WRONG_TOPIC, "sealed for " + sealedFor + ", arrived on " + wireTopic, null);
    }
    long seq = seqObj.AsInt64Value();
    if (!seen.add(kidB64 + "/" + seq)) {
      throw new RejectedMessageException(Reason.REPLAY, "sequence number " + seq, null);
    }
    return new OpenedMessage(
        wireTopic, plaintext, kidObj.GetByteString(), 0, kidObj.GetByteString(), seq, null);
  }
}
