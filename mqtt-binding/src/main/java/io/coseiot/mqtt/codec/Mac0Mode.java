package io.coseiot.mqtt.codec;

import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.ALGORITHM_NOT_ALLOWED;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.AUTHENTICATION_FAILED;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.MALFORMED;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.AlgorithmException;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.cose.message.MessageType;
import io.coseiot.cose.primitive.Mac0Primitive;
import io.coseiot.cose.primitive.ReceivedMessage;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.TopicKey;
import io.coseiot.mqtt.nonce.OscoreNonce;

/**
 * {@link SealMode#MAC0}: COSE_Mac0 under the topic's MAC key, through core's {@link Mac0Primitive}.
 * In counter mode the Partial IV and the sender id ("sid") are protected, since nothing else would
 * authenticate the sequence number; an IV has no place in a Mac0. No topic obfuscation (the codec
 * refuses it), so the wire topic is the real one.
 */
final class Mac0Mode implements ModeStrategy {
  @Override
  public Sealing sealing(CoseMqttCodec c) throws CoseException {
    c.requireMacKeyring();
    boolean counter = c.nonceMode == NonceMode.COUNTER;
    if (counter) {
      c.require(c.senderId != null && c.sequenceStore != null, "a sender id and sequence store");
    }
    PrimitiveCache<Mac0Primitive> keys =
        new PrimitiveCache<>(
            (key, coseKey) -> {
              checkMacKey(c, key);
              Mac0Primitive.Builder b = Mac0Primitive.builder(coseKey);
              return counter
                  ? b.senderId(CoseMqttProfile.SENDER_ID_LABEL, c.senderId).build()
                  : b.build();
            },
            Mac0Primitive::prepare);
    Keyring keyring = c.keyring;
    return (topic, wireTopic, content) -> {
      TopicPrimitive<Mac0Primitive> k = keys.get(keyring.primary(topic));
      byte[] payload =
          counter
              ? k.primitive.createWithPartialIv(
                  OscoreNonce.partialIv(c.nextSequence()), content, k.aad(wireTopic))
              : k.primitive.create(content, k.aad(wireTopic));
      return new Sealed(payload, k.v5Properties);
    };
  }

  private static void checkMacKey(CoseMqttCodec c, TopicKey key) throws AlgorithmException {
    if (!c.profile.allows(key.algorithm()) || key.algorithm().kind() != Algorithm.Kind.MAC) {
      throw new AlgorithmException(
          key.algorithm().ianaName() + " is not a MAC algorithm of the " + c.profile + " profile");
    }
  }

  @Override
  public Opening opening(CoseMqttCodec c, OpenChecks checks) throws CoseException {
    c.requireMacKeyring();
    PrimitiveCache<Mac0Primitive> keys =
        new PrimitiveCache<>(
            (key, coseKey) -> Mac0Primitive.builder(coseKey).build(), Mac0Primitive::prepare);
    return (wireTopic, payload, hint) -> {
      ReceivedMessage m = OpenChecks.parse(MessageType.MAC0, payload, "");
      byte[] kid = OpenChecks.kidOf(m);
      try {
        return open(c, checks, keys, wireTopic, m, kid, hint);
      } catch (RejectedMessageException e) {
        throw e.withKeyId(kid);
      }
    };
  }

  private static OpenedMessage open(
      CoseMqttCodec c,
      OpenChecks checks,
      PrimitiveCache<Mac0Primitive> keys,
      String wireTopic,
      ReceivedMessage m,
      byte[] kid,
      String hint)
      throws RejectedMessageException {
    if (m.isDetached()) {
      throw OpenChecks.reject(MALFORMED, "detached payload");
    }
    HeaderMap prot = m.headers().protectedMap();
    HeaderMap unprot = m.headers().unprotectedMap();
    if (m.headers().contains(HeaderLabel.IV)
        || unprot.contains(HeaderLabel.PARTIAL_IV)
        || unprot.contains(CoseMqttProfile.SENDER_ID_LABEL)) {
      throw OpenChecks.reject(
          MALFORMED, "a Mac0 has no IV; Partial IV and sid belong in the protected header");
    }
    byte[] piv = m.partialIv();
    boolean hasSid = prot.contains(CoseMqttProfile.SENDER_ID_LABEL);
    byte[] sid = null;
    long seq = -1;
    if (piv != null || hasSid) {
      sid = m.bytes(CoseMqttProfile.SENDER_ID_LABEL, true);
      if (piv == null || sid == null) {
        throw OpenChecks.reject(MALFORMED, "counter mode needs both a Partial IV and a sid bstr");
      }
      if (sid.length > OscoreNonce.maxSenderIdLength(13)) {
        throw OpenChecks.reject(MALFORMED, "sid longer than 7 bytes");
      }
      try {
        seq = OscoreNonce.sequence(piv);
      } catch (IllegalArgumentException e) {
        throw new RejectedMessageException(MALFORMED, e.getMessage(), e);
      }
    }
    OpenChecks.checkHint(hint, kid);
    TopicKey key = checks.acceptedKey(wireTopic, kid);
    Algorithm alg = OpenChecks.protectedAlg(m);
    if (alg != key.algorithm() || alg.kind() != Algorithm.Kind.MAC || !c.profile.allows(alg)) {
      throw OpenChecks.reject(
          ALGORITHM_NOT_ALLOWED, alg.ianaName() + " for a " + key.algorithm() + " key");
    }
    byte[] content;
    try {
      TopicPrimitive<Mac0Primitive> k = keys.get(key);
      content = k.primitive.verify(m, k.aad(wireTopic));
    } catch (CoseException e) {
      throw new RejectedMessageException(AUTHENTICATION_FAILED, e.getMessage(), e);
    }
    if (sid != null) {
      checks.acceptSequence(kid, key.epoch(), sid, seq);
    } else {
      checks.acceptUnique(kid, m.tag(), "tag");
    }
    return new OpenedMessage(wireTopic, content, kid, key.epoch(), sid, seq, null);
  }
}
