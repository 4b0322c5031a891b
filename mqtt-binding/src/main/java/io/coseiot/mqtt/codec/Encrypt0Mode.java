package io.coseiot.mqtt.codec;

import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.ALGORITHM_NOT_ALLOWED;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.AUTHENTICATION_FAILED;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.MALFORMED;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.UNKNOWN_KEY;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.AlgorithmException;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.message.MessageType;
import io.coseiot.cose.primitive.Encrypt0Primitive;
import io.coseiot.cose.primitive.ReceivedMessage;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.TopicKey;
import io.coseiot.mqtt.nonce.OscoreNonce;

/**
 * {@link SealMode#ENCRYPT0}: COSE_Encrypt0 under the topic's key, through core's {@link
 * Encrypt0Primitive}, with a random IV or a Partial IV and sender id ("sid") in counter mode. The
 * base of {@link Sign1InEncrypt0Mode}, which only changes what is encrypted.
 */
class Encrypt0Mode implements ModeStrategy {
  @Override
  public Sealing sealing(CoseMqttCodec c) throws CoseException {
    c.require(c.keyring != null, "a keyring");
    if (c.nonceMode == NonceMode.COUNTER) {
      c.require(c.senderId != null && c.sequenceStore != null, "a sender id and sequence store");
    }
    PrimitiveCache<Encrypt0Primitive> keys =
        new PrimitiveCache<>(
            (key, coseKey) -> sealingPrimitive(c, key, coseKey), Encrypt0Primitive::prepare);
    Keyring keyring = c.keyring;
    boolean counter = c.nonceMode == NonceMode.COUNTER;
    InnerSeal innerSeal = innerSeal(c);
    return (topic, wireTopic, content) -> {
      TopicPrimitive<Encrypt0Primitive> k = keys.get(keyring.primary(topic));
      byte[] inner = innerSeal == null ? content : innerSeal.apply(wireTopic, k.key, content);
      byte[] payload =
          counter
              ? k.primitive.sealWithPartialIv(
                  OscoreNonce.partialIv(c.nextSequence()), inner, k.aad(wireTopic))
              : k.primitive.seal(inner, k.aad(wireTopic));
      return new Sealed(payload, k.v5Properties);
    };
  }

  private static Encrypt0Primitive sealingPrimitive(CoseMqttCodec c, TopicKey key, CoseKey coseKey)
      throws CoseException {
    if (!c.profile.allows(key.algorithm())) {
      throw new AlgorithmException(
          key.algorithm().ianaName() + " is not in the " + c.profile + " profile");
    }
    Encrypt0Primitive.Builder b = Encrypt0Primitive.builder(coseKey).random(c.random);
    if (c.nonceMode == NonceMode.COUNTER) {
      if (key.commonIv() == null) {
        throw new KeyException(key + " has no common IV for counter mode");
      }
      b.oscoreNonces(CoseMqttProfile.SENDER_ID_LABEL).senderId(c.senderId);
    }
    return b.build();
  }

  /** Turns the content into what is encrypted. */
  interface InnerSeal {
    byte[] apply(String wireTopic, TopicKey key, byte[] content) throws CoseException;
  }

  /** Verifies what was decrypted and returns the content in it and its signer. */
  interface InnerOpen {
    TrustedSigners.Verified apply(String wireTopic, TopicKey key, byte[] decrypted)
        throws RejectedMessageException;
  }

  /** What turns the content into the plaintext: none here, the content is encrypted as it is. */
  InnerSeal innerSeal(CoseMqttCodec c) throws CoseException {
    return null;
  }

  /** Checks that the codec has what opening needs. */
  void requireOpening(CoseMqttCodec c) throws CoseException {
    c.require(c.keyring != null, "a keyring");
  }

  /** What an opener finds in the plaintext: none here, the plaintext is the content, unsigned. */
  InnerOpen innerOpen(CoseMqttCodec c) throws CoseException {
    return null;
  }

  @Override
  public Opening opening(CoseMqttCodec c, OpenChecks checks) throws CoseException {
    requireOpening(c);
    InnerOpen innerOpen = innerOpen(c);
    PrimitiveCache<Encrypt0Primitive> keys =
        new PrimitiveCache<>(
            (key, coseKey) ->
                Encrypt0Primitive.builder(coseKey)
                    .random(c.random)
                    .oscoreNonces(CoseMqttProfile.SENDER_ID_LABEL)
                    .build(),
            Encrypt0Primitive::prepare);
    return (wireTopic, payload, hint) -> {
      ReceivedMessage m = OpenChecks.parse(MessageType.ENCRYPT0, payload, "");
      byte[] kid = OpenChecks.kidOf(m);
      try {
        return open(c, checks, keys, innerOpen, wireTopic, m, kid, hint);
      } catch (RejectedMessageException e) {
        throw e.withKeyId(kid);
      }
    };
  }

  private static OpenedMessage open(
      CoseMqttCodec c,
      OpenChecks checks,
      PrimitiveCache<Encrypt0Primitive> keys,
      InnerOpen innerOpen,
      String wireTopic,
      ReceivedMessage m,
      byte[] kid,
      String hint)
      throws RejectedMessageException {
    OpenChecks.checkHint(hint, kid);
    TopicKey key = checks.acceptedKey(wireTopic, kid);
    Algorithm alg = OpenChecks.protectedAlg(m);
    if (alg != key.algorithm() || !c.profile.allows(alg)) {
      throw OpenChecks.reject(
          ALGORITHM_NOT_ALLOWED, alg.ianaName() + " for a " + key.algorithm() + " key");
    }
    if (m.isDetached()) {
      throw OpenChecks.reject(MALFORMED, "detached ciphertext");
    }
    HeaderMap prot = m.headers().protectedMap();
    if (prot.contains(HeaderLabel.IV) || prot.contains(HeaderLabel.PARTIAL_IV)) {
      throw OpenChecks.reject(MALFORMED, "IV and Partial IV belong in the unprotected header");
    }
    TopicPrimitive<Encrypt0Primitive> k;
    try {
      k = keys.get(key);
    } catch (CoseException e) {
      throw new RejectedMessageException(ALGORITHM_NOT_ALLOWED, e.getMessage(), e);
    }
    int n = k.primitive.nonceLength();
    byte[] iv = m.iv();
    byte[] piv = m.partialIv();
    byte[] sid = null;
    long seq = -1;
    if (iv != null && piv == null) {
      if (iv.length != n) {
        throw OpenChecks.reject(MALFORMED, "IV is " + iv.length + " bytes, " + alg + " needs " + n);
      }
    } else if (piv != null && iv == null) {
      sid = m.bytes(CoseMqttProfile.SENDER_ID_LABEL, false);
      if (sid == null) {
        throw OpenChecks.reject(MALFORMED, "Partial IV without a sid bstr");
      }
      byte[] commonIv = key.commonIv();
      if (commonIv == null || commonIv.length != n) {
        throw OpenChecks.reject(UNKNOWN_KEY, "the key has no common IV for counter mode");
      }
      try {
        seq = OscoreNonce.sequence(piv);
      } catch (IllegalArgumentException e) {
        throw new RejectedMessageException(MALFORMED, e.getMessage(), e);
      }
      if (sid.length > OscoreNonce.maxSenderIdLength(n)) {
        throw OpenChecks.reject(MALFORMED, "sender id or Partial IV too long for the nonce");
      }
    } else {
      throw OpenChecks.reject(MALFORMED, "exactly one of IV and Partial IV is required");
    }
    byte[] content;
    try {
      content = k.primitive.open(m, k.aad(wireTopic));
    } catch (CoseException e) {
      throw new RejectedMessageException(AUTHENTICATION_FAILED, e.getMessage(), e);
    }
    CoseKey signer = null;
    if (innerOpen != null) {
      TrustedSigners.Verified v = innerOpen.apply(wireTopic, key, content);
      content = v.payload();
      signer = v.signer();
    }
    TopicEnvelope envelope = checks.envelope(wireTopic, content, key.filter().toString());
    if (sid != null) {
      checks.acceptSequence(kid, key.epoch(), sid, seq);
    } else {
      checks.acceptUnique(kid, iv, "IV");
    }
    return OpenChecks.opened(wireTopic, content, envelope, kid, key.epoch(), sid, seq, signer);
  }
}
