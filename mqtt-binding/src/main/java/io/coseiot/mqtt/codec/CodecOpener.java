package io.coseiot.mqtt.codec;

import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.ALGORITHM_NOT_ALLOWED;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.AUTHENTICATION_FAILED;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.EPOCH_NOT_ACCEPTED;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.KEY_ID_MISMATCH;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.MALFORMED;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.NOT_SEALED;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.OVERSIZED;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.REPLAY;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.REPLAY_STATE_UNAVAILABLE;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.UNKNOWN_KEY;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.WRONG_TOPIC;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.coseiot.cose.algorithm.AeadCipher;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.algorithm.MacFunction;
import io.coseiot.cose.exception.AuthenticationException;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.internal.RawAccess;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.message.DecodeOptions;
import io.coseiot.cose.message.Encrypt0Message;
import io.coseiot.cose.message.EncryptMessage;
import io.coseiot.cose.message.Mac0Message;
import io.coseiot.cose.message.MessageType;
import io.coseiot.cose.message.Recipient;
import io.coseiot.cose.message.RecipientKey;
import io.coseiot.cose.message.Sign1Message;
import io.coseiot.cose.message.TagPolicy;
import io.coseiot.mqtt.codec.RejectedMessageException.Reason;
import io.coseiot.mqtt.keyring.KeyLookup;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.TopicKey;
import io.coseiot.mqtt.keyring.TopicKeyset;
import io.coseiot.mqtt.nonce.OscoreNonce;
import io.coseiot.mqtt.replay.ReplayState;
import io.coseiot.mqtt.replay.ReplayStateException;
import io.coseiot.mqtt.replay.ReplayWindow;
import io.coseiot.mqtt.topic.TopicFilter;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The opener of a {@link CoseMqttCodec}. Checks in this order: size, content type and tag, COSE
 * structure, kid hint, key lookup (topic, epoch), algorithm, authentication, real topic, replay.
 * Any failure, including unexpected runtime exceptions, becomes a {@link RejectedMessageException}.
 * Thread-safe.
 */
final class CodecOpener implements PayloadOpener {
  private static final Set<Object> UNDERSTOOD = Set.of(CoseMqttProfile.SENDER_ID_LABEL);

  /** How the catch-all's message starts, after the reason: the fuzz tests look for it. */
  static final String UNEXPECTED = "unexpected failure: ";

  private final CoseMqttCodec c;
  private final Keyring keyring;
  private final ReplayState guard;
  private final MessageType outer;
  private final Map<String, OpenedAad> aads = new ConcurrentHashMap<>();

  CodecOpener(CoseMqttCodec c, ReplayState guard) {
    this.c = c;
    this.keyring = c.keyring;
    this.guard = guard;
    this.outer = c.mode.outerType();
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

  private static RejectedMessageException reject(Reason r, String message) {
    return new RejectedMessageException(r, message, null);
  }

  private OpenedMessage doOpen(
      String wireTopic, byte[] payload, String contentType, Map<String, String> props)
      throws RejectedMessageException {
    if (payload == null || payload.length == 0) {
      throw reject(NOT_SEALED, "empty payload");
    }
    if (payload.length > c.maxPayloadSize) {
      throw reject(OVERSIZED, payload.length + " bytes, above the maximum of " + c.maxPayloadSize);
    }
    if (!TopicFilter.isTopicName(wireTopic)) {
      throw reject(MALFORMED, "not a topic name: " + wireTopic);
    }
    boolean v5 = c.version == MqttVersion.V5;
    // R4.4: absent, or exactly the outer type's string; a near miss is MALFORMED.
    if (v5 && contentType != null && !contentType.equals(outer.mediaType())) {
      if (!isCoseMediaType(contentType)) {
        throw reject(NOT_SEALED, "content type " + contentType);
      }
      throw reject(MALFORMED, "content type " + contentType + ", expected " + outer.mediaType());
    }
    if ((payload[0] & 0xe0) != 0xc0) {
      throw reject(NOT_SEALED, "payload does not start with a CBOR tag");
    }
    String hint = v5 ? props.get(CoseMqttProfile.KID_PROPERTY) : null;
    switch (c.mode) {
      case SIGN1:
        return openSign1(wireTopic, payload, hint);
      case ENCRYPT_ECDH:
        return openEncrypt(wireTopic, payload, hint);
      case MAC0:
        return openMac0(wireTopic, payload, hint);
      default:
        return openEncrypt0(wireTopic, payload, hint);
    }
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

  private static void checkHint(String hint, byte[] kid) throws RejectedMessageException {
    if (hint == null) {
      return;
    }
    byte[] h;
    try {
      h = Base64.getUrlDecoder().decode(hint);
    } catch (IllegalArgumentException e) {
      throw reject(KEY_ID_MISMATCH, "cose-kid property is not base64url: " + hint);
    }
    if (!Arrays.equals(h, kid) || hint.endsWith("=")) {
      throw reject(KEY_ID_MISMATCH, "cose-kid property " + hint + " differs from the COSE kid");
    }
  }

  private static byte[] kidOf(Headers h) throws RejectedMessageException {
    byte[] kid = h.getBytes(HeaderLabel.KID);
    if (kid == null || kid.length == 0) {
      throw reject(MALFORMED, "no kid header (or not a bstr)");
    }
    return kid;
  }

  private static Algorithm protectedAlg(Headers h) throws RejectedMessageException {
    Algorithm alg = h.protectedMap().algorithm();
    if (alg == null) {
      throw reject(MALFORMED, "alg is missing from the protected header or unknown");
    }
    return alg;
  }

  private OpenedMessage openEncrypt0(String wireTopic, byte[] payload, String hint)
      throws RejectedMessageException {
    Encrypt0Message msg;
    try {
      msg =
          Encrypt0Message.decode(
              payload,
              DecodeOptions.strict()
                  .withTagPolicy(TagPolicy.REQUIRED)
                  .withUnderstoodLabels(UNDERSTOOD));
    } catch (CoseException e) {
      throw new RejectedMessageException(MALFORMED, e.getMessage(), e);
    }
    byte[] kid = kidOf(msg.headers());
    try {
      return openEncrypt0(wireTopic, msg, kid, hint);
    } catch (RejectedMessageException e) {
      throw e.withKeyId(kid);
    }
  }

  private OpenedMessage openEncrypt0(String wireTopic, Encrypt0Message msg, byte[] kid, String hint)
      throws RejectedMessageException {
    Headers h = msg.headers();
    checkHint(hint, kid);
    TopicKey key = acceptedKey(wireTopic, kid);
    Algorithm alg = protectedAlg(h);
    if (alg != key.algorithm() || !c.profile.allows(alg)) {
      throw reject(ALGORITHM_NOT_ALLOWED, alg.ianaName() + " for a " + key.algorithm() + " key");
    }
    byte[] ct = msg.ciphertext();
    if (ct == null) {
      throw reject(MALFORMED, "detached ciphertext");
    }
    AeadCipher cipher;
    byte[] nonce;
    byte[] iv = h.unprotectedMap().getBytes(HeaderLabel.IV);
    byte[] piv = h.unprotectedMap().getBytes(HeaderLabel.PARTIAL_IV);
    byte[] sid = null;
    long seq = -1;
    try {
      cipher = AeadCipher.of(alg);
    } catch (CoseException e) {
      throw new RejectedMessageException(ALGORITHM_NOT_ALLOWED, e.getMessage(), e);
    }
    int n = cipher.nonceLength();
    if (h.protectedMap().contains(HeaderLabel.IV)
        || h.protectedMap().contains(HeaderLabel.PARTIAL_IV)) {
      throw reject(MALFORMED, "IV and Partial IV belong in the unprotected header");
    }
    if (iv != null && piv == null) {
      if (iv.length != n) {
        throw reject(MALFORMED, "IV is " + iv.length + " bytes, " + alg + " needs " + n);
      }
      nonce = iv;
    } else if (piv != null && iv == null) {
      CBORObject s = h.unprotectedMap().get((Object) CoseMqttProfile.SENDER_ID_LABEL);
      if (s == null || s.getType() != CBORType.ByteString || s.isTagged()) {
        throw reject(MALFORMED, "Partial IV without a sid bstr");
      }
      sid = s.GetByteString();
      byte[] commonIv = key.commonIv();
      if (commonIv == null || commonIv.length != n) {
        throw reject(UNKNOWN_KEY, "the key has no common IV for counter mode");
      }
      try {
        seq = OscoreNonce.sequence(piv);
        nonce = OscoreNonce.nonce(commonIv, sid, piv);
      } catch (IllegalArgumentException e) {
        throw new RejectedMessageException(MALFORMED, e.getMessage(), e);
      }
    } else {
      throw reject(MALFORMED, "exactly one of IV and Partial IV is required");
    }
    byte[] aad = encStructure(wireTopic, key.epoch(), h.authenticatedProtected());
    byte[] content;
    try {
      content = cipher.decrypt(key.keyBytes(), nonce, aad, ct);
    } catch (CoseException e) {
      throw new RejectedMessageException(AUTHENTICATION_FAILED, e.getMessage(), e);
    }
    CoseKey signer = null;
    if (c.mode == SealMode.SIGN1_IN_ENCRYPT0) {
      Sign1Message inner;
      try {
        inner =
            Sign1Message.decode(content, DecodeOptions.strict().withTagPolicy(TagPolicy.REQUIRED));
      } catch (CoseException e) {
        throw new RejectedMessageException(MALFORMED, "inner Sign1: " + e.getMessage(), e);
      }
      signer = verify(inner, CoseMqttProfile.externalAad(wireTopic, key.epoch()));
      // Verified just above, which tries each candidate signer key.
      content = RawAccess.unverifiedContent(inner);
      if (content == null) {
        throw reject(MALFORMED, "inner Sign1 has a detached payload");
      }
    }
    String topic = realTopic(wireTopic, content, key.filter().toString());
    content = keyring.obfuscator() == null ? content : (byte[]) unwrapOrThrow(content)[1];
    if (sid != null) {
      ReplayWindow.Verdict v = acceptSequence(kid, key.epoch(), sid, seq);
      if (v != ReplayWindow.Verdict.FRESH) {
        throw reject(REPLAY, "sequence number " + seq + ": " + v);
      }
    } else if (!acceptUnique(kid, iv)) {
      throw reject(REPLAY, "IV already seen");
    }
    return new OpenedMessage(topic, content, kid, key.epoch(), sid, seq, signer);
  }

  /**
   * The Enc_structure of an Encrypt0 received on a topic, kept per topic while the epoch and the
   * protected bytes stay the same, as the sealer keeps its own: a subscriber hears the same topics
   * over and over, and the structure is three CBOR items to write and two arrays per message.
   */
  private byte[] encStructure(String wireTopic, long epoch, byte[] protectedBytes) {
    OpenedAad a = aads.get(wireTopic);
    if (a == null || a.epoch() != epoch || !Arrays.equals(a.protectedBytes(), protectedBytes)) {
      a =
          new OpenedAad(
              epoch,
              protectedBytes.clone(),
              SealingKey.encStructure(
                  protectedBytes, CoseMqttProfile.externalAad(wireTopic, epoch)));
      if (aads.size() >= SealingKey.AAD_CACHE_LIMIT) {
        aads.clear();
      }
      aads.put(wireTopic, a);
    }
    return a.encStructure();
  }

  /** An Enc_structure and what it was made from besides the topic. */
  private record OpenedAad(long epoch, byte[] protectedBytes, byte[] encStructure) {}

  /**
   * Opens a COSE_Mac0: the kid is looked up like Encrypt0's; the sequence number of counter mode
   * must be in the protected bucket (Partial IV and "sid" together), since nothing else would
   * authenticate it; an IV has no place in a Mac0.
   */
  private OpenedMessage openMac0(String wireTopic, byte[] payload, String hint)
      throws RejectedMessageException {
    Mac0Message msg;
    try {
      msg =
          Mac0Message.decode(
              payload,
              DecodeOptions.strict()
                  .withTagPolicy(TagPolicy.REQUIRED)
                  .withUnderstoodLabels(UNDERSTOOD));
    } catch (CoseException e) {
      throw new RejectedMessageException(MALFORMED, e.getMessage(), e);
    }
    byte[] kid = kidOf(msg.headers());
    try {
      return openMac0(wireTopic, msg, kid, hint);
    } catch (RejectedMessageException e) {
      throw e.withKeyId(kid);
    }
  }

  private OpenedMessage openMac0(String wireTopic, Mac0Message msg, byte[] kid, String hint)
      throws RejectedMessageException {
    Headers h = msg.headers();
    byte[] content = RawAccess.unverifiedContent(msg);
    if (content == null) {
      throw reject(MALFORMED, "detached payload");
    }
    if (h.get(HeaderLabel.IV) != null
        || h.unprotectedMap().contains(HeaderLabel.PARTIAL_IV)
        || h.unprotectedMap().contains(CoseMqttProfile.SENDER_ID_LABEL)) {
      throw reject(
          MALFORMED, "a Mac0 has no IV; Partial IV and sid belong in the protected header");
    }
    byte[] piv = h.protectedMap().getBytes(HeaderLabel.PARTIAL_IV);
    CBORObject s = h.protectedMap().get((Object) CoseMqttProfile.SENDER_ID_LABEL);
    byte[] sid = null;
    long seq = -1;
    if (piv != null || s != null) {
      if (piv == null || s == null || s.getType() != CBORType.ByteString || s.isTagged()) {
        throw reject(MALFORMED, "counter mode needs both a Partial IV and a sid bstr");
      }
      sid = s.GetByteString();
      if (sid.length > OscoreNonce.maxSenderIdLength(13)) {
        throw reject(MALFORMED, "sid longer than 7 bytes");
      }
      try {
        seq = OscoreNonce.sequence(piv);
      } catch (IllegalArgumentException e) {
        throw new RejectedMessageException(MALFORMED, e.getMessage(), e);
      }
    }
    checkHint(hint, kid);
    TopicKey key = acceptedKey(wireTopic, kid);
    Algorithm alg = protectedAlg(h);
    if (alg != key.algorithm() || alg.kind() != Algorithm.Kind.MAC || !c.profile.allows(alg)) {
      throw reject(ALGORITHM_NOT_ALLOWED, alg.ianaName() + " for a " + key.algorithm() + " key");
    }
    byte[] tag = msg.tag();
    try {
      MacFunction.of(alg)
          .verify(
              key.keyBytes(),
              MacKey.macStructure(
                  h.authenticatedProtected(),
                  CoseMqttProfile.externalAad(wireTopic, key.epoch()),
                  content),
              tag);
    } catch (CoseException e) {
      throw new RejectedMessageException(AUTHENTICATION_FAILED, e.getMessage(), e);
    }
    // No obfuscation with Mac0 (the codec refuses it), so the wire topic is the real one.
    if (sid != null) {
      ReplayWindow.Verdict v = acceptSequence(kid, key.epoch(), sid, seq);
      if (v != ReplayWindow.Verdict.FRESH) {
        throw reject(REPLAY, "sequence number " + seq + ": " + v);
      }
    } else if (!acceptUnique(kid, tag)) {
      throw reject(REPLAY, "tag already seen");
    }
    return new OpenedMessage(wireTopic, content, kid, key.epoch(), sid, seq, null);
  }

  private CoseKey verify(Sign1Message msg, byte[] externalAad) throws RejectedMessageException {
    byte[] kid = kidOf(msg.headers());
    CoseKey signer = null;
    for (CoseKey k : c.trustedSigners) {
      if (Arrays.equals(k.keyId(), kid)) {
        signer = k;
        break;
      }
    }
    if (signer == null) {
      throw reject(UNKNOWN_KEY, "no trusted signer with kid " + CoseMqttProfile.kidHint(kid));
    }
    Algorithm alg = protectedAlg(msg.headers());
    try {
      if (!c.profile.allows(alg) || alg != CoseMqttCodec.signatureAlgorithm(signer)) {
        throw reject(ALGORITHM_NOT_ALLOWED, alg.ianaName() + " for this signer");
      }
      msg.verify(signer, externalAad);
    } catch (AuthenticationException | KeyException e) {
      throw new RejectedMessageException(AUTHENTICATION_FAILED, e.getMessage(), e);
    } catch (CoseException e) {
      throw new RejectedMessageException(MALFORMED, e.getMessage(), e);
    }
    return signer.publicKey();
  }

  private OpenedMessage openSign1(String wireTopic, byte[] payload, String hint)
      throws RejectedMessageException {
    Sign1Message msg;
    try {
      msg = Sign1Message.decode(payload, DecodeOptions.strict().withTagPolicy(TagPolicy.REQUIRED));
    } catch (CoseException e) {
      throw new RejectedMessageException(MALFORMED, e.getMessage(), e);
    }
    byte[] kid = kidOf(msg.headers());
    try {
      return openSign1(wireTopic, msg, kid, hint);
    } catch (RejectedMessageException e) {
      throw e.withKeyId(kid);
    }
  }

  private OpenedMessage openSign1(String wireTopic, Sign1Message msg, byte[] kid, String hint)
      throws RejectedMessageException {
    checkHint(hint, kid);
    CoseKey signer = verify(msg, CoseMqttProfile.externalAad(wireTopic, 0));
    byte[] content = RawAccess.unverifiedContent(msg);
    if (content == null) {
      throw reject(MALFORMED, "detached payload");
    }
    String topic = realTopic(wireTopic, content, null);
    if (keyring != null && keyring.obfuscator() != null) {
      content = (byte[]) unwrapOrThrow(content)[1];
    }
    if (!acceptUnique(kid, msg.signature())) {
      throw reject(REPLAY, "signature already seen");
    }
    return new OpenedMessage(topic, content, kid, 0, null, -1, signer);
  }

  private OpenedMessage openEncrypt(String wireTopic, byte[] payload, String hint)
      throws RejectedMessageException {
    EncryptMessage msg;
    try {
      msg =
          EncryptMessage.decode(payload, DecodeOptions.strict().withTagPolicy(TagPolicy.REQUIRED));
    } catch (CoseException e) {
      throw new RejectedMessageException(MALFORMED, e.getMessage(), e);
    }
    StringBuilder kids = new StringBuilder();
    CoseKey mine = null;
    for (Recipient r : msg.recipients()) {
      byte[] rkid = kidOf(r.headers());
      kids.append(kids.length() == 0 ? "" : ",").append(CoseMqttProfile.kidHint(rkid));
      Algorithm ra = protectedAlg(r.headers());
      for (CoseKey k : c.recipientKeys) {
        if (mine == null && Arrays.equals(k.keyId(), rkid)) {
          if (!c.profile.allows(ra)) {
            throw reject(ALGORITHM_NOT_ALLOWED, ra.ianaName());
          }
          mine = k;
        }
      }
    }
    if (hint != null && !hint.equals(kids.toString())) {
      throw reject(KEY_ID_MISMATCH, "cose-kid property " + hint + " differs from " + kids);
    }
    if (mine == null) {
      throw reject(UNKNOWN_KEY, "no recipient for any of our keys: " + kids);
    }
    Algorithm alg = protectedAlg(msg.headers());
    if (!c.profile.allows(alg)) {
      throw reject(ALGORITHM_NOT_ALLOWED, alg.ianaName());
    }
    byte[] iv = msg.headers().unprotectedMap().getBytes(HeaderLabel.IV);
    if (iv == null) {
      throw reject(MALFORMED, "no IV");
    }
    byte[] content;
    try {
      content = msg.decrypt(RecipientKey.of(mine), CoseMqttProfile.externalAad(wireTopic, 0));
    } catch (AuthenticationException | KeyException e) {
      throw new RejectedMessageException(AUTHENTICATION_FAILED, e.getMessage(), e);
    } catch (CoseException e) {
      throw new RejectedMessageException(MALFORMED, e.getMessage(), e);
    }
    String topic = realTopic(wireTopic, content, null);
    if (keyring != null && keyring.obfuscator() != null) {
      content = (byte[]) unwrapOrThrow(content)[1];
    }
    if (!acceptUnique(mine.keyId(), iv)) {
      throw reject(REPLAY, "IV already seen");
    }
    return new OpenedMessage(topic, content, mine.keyId(), 0, null, -1, null);
  }

  private ReplayWindow.Verdict acceptSequence(byte[] kid, long epoch, byte[] sid, long seq)
      throws RejectedMessageException {
    try {
      return guard.acceptSequence(kid, epoch, sid, seq);
    } catch (ReplayStateException e) {
      throw new RejectedMessageException(REPLAY_STATE_UNAVAILABLE, e.getMessage(), e);
    }
  }

  private boolean acceptUnique(byte[] kid, byte[] messageId) throws RejectedMessageException {
    try {
      return guard.acceptUnique(kid, messageId);
    } catch (ReplayStateException e) {
      throw new RejectedMessageException(REPLAY_STATE_UNAVAILABLE, e.getMessage(), e);
    }
  }

  private static Object[] unwrapOrThrow(byte[] content) throws RejectedMessageException {
    try {
      return TopicEnvelope.unwrap(content);
    } catch (CoseException e) {
      throw new RejectedMessageException(MALFORMED, "topic envelope: " + e.getMessage(), e);
    }
  }

  /**
   * Returns the real topic: the wire topic, or with obfuscation the envelope's topic after checking
   * that it obfuscates to the wire topic and (for keyring keys) falls under the key's filter.
   */
  private String realTopic(String wireTopic, byte[] content, String keyFilter)
      throws RejectedMessageException {
    if (keyring == null || keyring.obfuscator() == null) {
      return wireTopic;
    }
    String topic = (String) unwrapOrThrow(content)[0];
    if (!TopicFilter.isTopicName(topic) || !keyring.wireTopic(topic).equals(wireTopic)) {
      throw reject(WRONG_TOPIC, "the sealed topic does not obfuscate to " + wireTopic);
    }
    if (keyFilter != null) {
      TopicKeyset ks = keyring.keysetFor(topic);
      if (ks == null || !ks.filter().toString().equals(keyFilter)) {
        throw reject(WRONG_TOPIC, "the sealed topic is not under the key's filter");
      }
    }
    return topic;
  }

  /** The key a kid names for this topic, or the typed reason it may not be used now. */
  private TopicKey acceptedKey(String wireTopic, byte[] kid) throws RejectedMessageException {
    KeyLookup found = keyring.lookup(wireTopic, kid);
    switch (found.status()) {
      case UNKNOWN_KEY:
        throw reject(UNKNOWN_KEY, "no key with this kid: " + CoseMqttProfile.kidHint(kid));
      case OTHER_TOPIC:
        throw reject(WRONG_TOPIC, "the kid belongs to a key of other topics than " + wireTopic);
      case EPOCH_NOT_ACCEPTED:
        throw reject(EPOCH_NOT_ACCEPTED, "epoch " + found.key().epoch() + " is not accepted now");
      default:
        return found.key();
    }
  }
}
