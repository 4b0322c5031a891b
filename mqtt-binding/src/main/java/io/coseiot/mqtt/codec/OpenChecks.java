package io.coseiot.mqtt.codec;

import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.EPOCH_NOT_ACCEPTED;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.KEY_ID_MISMATCH;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.MALFORMED;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.REPLAY;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.REPLAY_STATE_UNAVAILABLE;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.UNKNOWN_KEY;
import static io.coseiot.mqtt.codec.RejectedMessageException.Reason.WRONG_TOPIC;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.message.MessageType;
import io.coseiot.cose.primitive.ReceivedMessage;
import io.coseiot.mqtt.codec.RejectedMessageException.Reason;
import io.coseiot.mqtt.keyring.KeyLookup;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.TopicKey;
import io.coseiot.mqtt.keyring.TopicKeyset;
import io.coseiot.mqtt.replay.ReplayState;
import io.coseiot.mqtt.replay.ReplayStateException;
import io.coseiot.mqtt.replay.ReplayWindow;
import io.coseiot.mqtt.topic.TopicFilter;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;

/**
 * What every mode's opener checks the same way: the kid and its user property hint, the key a kid
 * names for a topic, the topic envelope, the replay state. One per opener; thread-safe.
 */
final class OpenChecks {
  /** The labels of the profile that {@code crit} may name: the sender id. */
  static final Set<Object> UNDERSTOOD = Set.of(CoseMqttProfile.SENDER_ID_LABEL);

  final CoseMqttCodec codec;
  private final Keyring keyring;
  private final ReplayState replay;

  OpenChecks(CoseMqttCodec codec, ReplayState replay) {
    this.codec = codec;
    this.keyring = codec.keyring;
    this.replay = replay;
  }

  static RejectedMessageException reject(Reason r, String message) {
    return new RejectedMessageException(r, message, null);
  }

  /** Parses a tagged message of the type once; any structural fault is MALFORMED. */
  static ReceivedMessage parse(MessageType type, byte[] payload, String what)
      throws RejectedMessageException {
    try {
      return ReceivedMessage.parse(type, payload, UNDERSTOOD);
    } catch (CoseException e) {
      throw new RejectedMessageException(MALFORMED, what + e.getMessage(), e);
    }
  }

  static byte[] kidOf(ReceivedMessage m) throws RejectedMessageException {
    byte[] kid = m.kid();
    if (kid == null || kid.length == 0) {
      throw reject(MALFORMED, "no kid header (or not a bstr)");
    }
    return kid;
  }

  static Algorithm protectedAlg(ReceivedMessage m) throws RejectedMessageException {
    Algorithm alg = m.algorithm();
    if (alg == null) {
      throw reject(MALFORMED, "alg is missing from the protected header or unknown");
    }
    return alg;
  }

  static void checkHint(String hint, byte[] kid) throws RejectedMessageException {
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

  /** The key a kid names for this topic, or the typed reason it may not be used now. */
  TopicKey acceptedKey(String wireTopic, byte[] kid) throws RejectedMessageException {
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

  /**
   * Returns the topic envelope of authenticated content, parsed once, after checking that its topic
   * obfuscates to the wire topic and (for keyring keys, {@code keyFilter} not null) falls under the
   * key's filter; or null when the keyring does not obfuscate topics, and the content is the
   * payload and the wire topic the real one.
   */
  TopicEnvelope envelope(String wireTopic, byte[] content, String keyFilter)
      throws RejectedMessageException {
    if (keyring == null || keyring.obfuscator() == null) {
      return null;
    }
    TopicEnvelope envelope;
    try {
      envelope = TopicEnvelope.unwrap(content);
    } catch (CoseException e) {
      throw new RejectedMessageException(MALFORMED, "topic envelope: " + e.getMessage(), e);
    }
    String topic = envelope.topic();
    if (!TopicFilter.isTopicName(topic) || !keyring.wireTopic(topic).equals(wireTopic)) {
      throw reject(WRONG_TOPIC, "the sealed topic does not obfuscate to " + wireTopic);
    }
    if (keyFilter != null) {
      TopicKeyset ks = keyring.keysetFor(topic);
      if (ks == null || !ks.filter().toString().equals(keyFilter)) {
        throw reject(WRONG_TOPIC, "the sealed topic is not under the key's filter");
      }
    }
    return envelope;
  }

  /** The message opened: the envelope's topic and payload, else the wire topic and content. */
  static OpenedMessage opened(
      String wireTopic,
      byte[] content,
      TopicEnvelope envelope,
      byte[] kid,
      long epoch,
      byte[] sid,
      long seq,
      CoseKey signer) {
    return envelope == null
        ? new OpenedMessage(wireTopic, content, kid, epoch, sid, seq, signer)
        : new OpenedMessage(envelope.topic(), envelope.payload(), kid, epoch, sid, seq, signer);
  }

  /** Records a counter-mode sequence number; anything but a fresh one is a REPLAY. */
  void acceptSequence(byte[] kid, long epoch, byte[] sid, long seq)
      throws RejectedMessageException {
    ReplayWindow.Verdict v;
    try {
      v = replay.acceptSequence(kid, epoch, sid, seq);
    } catch (ReplayStateException e) {
      throw new RejectedMessageException(REPLAY_STATE_UNAVAILABLE, e.getMessage(), e);
    }
    if (v != ReplayWindow.Verdict.FRESH) {
      throw reject(REPLAY, "sequence number " + seq + ": " + v);
    }
  }

  /** Records a message identifier (IV, tag or signature); a repeat is a REPLAY. */
  void acceptUnique(byte[] kid, byte[] messageId, String what) throws RejectedMessageException {
    boolean fresh;
    try {
      fresh = replay.acceptUnique(kid, messageId);
    } catch (ReplayStateException e) {
      throw new RejectedMessageException(REPLAY_STATE_UNAVAILABLE, e.getMessage(), e);
    }
    if (!fresh) {
      throw reject(REPLAY, what + " already seen");
    }
  }
}
