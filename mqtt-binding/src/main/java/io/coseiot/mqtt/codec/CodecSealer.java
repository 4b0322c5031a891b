package io.coseiot.mqtt.codec;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.cbor.CborWriter;
import io.coseiot.cose.exception.AlgorithmException;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.exception.NonceException;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.message.EncryptMessage;
import io.coseiot.cose.message.MessageType;
import io.coseiot.cose.message.RecipientSpec;
import io.coseiot.cose.message.Sign1Message;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.TopicKey;
import io.coseiot.mqtt.nonce.OscoreNonce;
import io.coseiot.mqtt.topic.TopicFilter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The sealer of a {@link CoseMqttCodec}. Thread-safe. */
final class CodecSealer implements PayloadSealer {
  private final CoseMqttCodec c;
  private final Keyring keyring;
  private final String contentType;
  private final Map<TopicKey, SealingKey> sealingKeys = new ConcurrentHashMap<>();
  private final Map<TopicKey, MacKey> macKeys = new ConcurrentHashMap<>();
  private final Headers signHeaders;
  private final List<RecipientSpec> recipients;
  private final Headers encryptHeaders;
  private final Map<String, String> signerProperties;
  private final Map<String, String> recipientProperties;

  CodecSealer(CoseMqttCodec c) throws CoseException {
    this.c = c;
    this.keyring = c.keyring;
    this.contentType = CoseMqttProfile.contentType(c.mode);
    if (c.signingKey != null) {
      byte[] kid = c.signingKey.keyId();
      signHeaders =
          Headers.of(
              HeaderMap.builder().algorithm(c.signingAlg).build(),
              HeaderMap.builder().keyId(kid).build());
      signerProperties = Map.of(CoseMqttProfile.KID_PROPERTY, CoseMqttProfile.kidHint(kid));
    } else {
      signHeaders = null;
      signerProperties = null;
    }
    if (c.mode == SealMode.ENCRYPT_ECDH) {
      Algorithm ka =
          c.recipients.size() == 1 ? Algorithm.ECDH_ES_HKDF_256 : Algorithm.ECDH_ES_A128KW;
      List<RecipientSpec> specs = new ArrayList<>();
      StringBuilder hint = new StringBuilder();
      for (CoseKey r : c.recipients) {
        specs.add(
            RecipientSpec.of(
                Headers.of(
                    HeaderMap.builder().algorithm(ka).build(),
                    HeaderMap.builder().keyId(r.keyId()).build()),
                r));
        hint.append(hint.length() == 0 ? "" : ",").append(CoseMqttProfile.kidHint(r.keyId()));
      }
      recipients = List.copyOf(specs);
      encryptHeaders =
          Headers.of(HeaderMap.builder().algorithm(c.contentAlgorithm).build(), HeaderMap.empty());
      recipientProperties = Map.of(CoseMqttProfile.KID_PROPERTY, hint.toString());
    } else {
      recipients = null;
      encryptHeaders = null;
      recipientProperties = null;
    }
  }

  @Override
  public SealedMessage seal(String topic, byte[] plaintext) throws CoseException {
    if (!TopicFilter.isTopicName(topic)) {
      throw new CoseException("not a valid MQTT topic name: " + topic);
    }
    String wireTopic = keyring == null ? topic : keyring.wireTopic(topic);
    byte[] content =
        keyring == null || keyring.obfuscator() == null
            ? plaintext
            : TopicEnvelope.wrap(topic, plaintext);
    byte[] payload;
    Map<String, String> props;
    switch (c.mode) {
      case ENCRYPT0:
        {
          SealingKey k = sealingKey(topic);
          payload = encrypt0(k, wireTopic, content);
          props = k.v5Properties;
          break;
        }
      case SIGN1_IN_ENCRYPT0:
        {
          SealingKey k = sealingKey(topic);
          byte[] aad = CoseMqttProfile.externalAad(wireTopic, k.key.epoch());
          byte[] inner = Sign1Message.sign(c.signingKey, content, aad, signHeaders).encode(true);
          payload = encrypt0(k, wireTopic, inner);
          props = k.v5Properties;
          break;
        }
      case MAC0:
        {
          MacKey k = macKey(topic);
          payload = mac0(k, wireTopic, content);
          props = k.v5Properties;
          break;
        }
      case SIGN1:
        payload =
            Sign1Message.sign(
                    c.signingKey, content, CoseMqttProfile.externalAad(wireTopic, 0), signHeaders)
                .encode(true);
        props = signerProperties;
        break;
      default:
        payload =
            EncryptMessage.encrypt(
                    recipients, content, CoseMqttProfile.externalAad(wireTopic, 0), encryptHeaders)
                .encode(true);
        props = recipientProperties;
        break;
    }
    if (payload.length > c.maxPayloadSize) {
      throw new CoseException(
          "sealed payload is " + payload.length + " bytes, above the maximum " + c.maxPayloadSize);
    }
    return c.version == MqttVersion.V5
        ? new SealedMessage(wireTopic, payload, contentType, props)
        : new SealedMessage(wireTopic, payload, null, Map.of());
  }

  private SealingKey sealingKey(String topic) throws CoseException {
    TopicKey key = keyring.primary(topic);
    SealingKey k = sealingKeys.get(key);
    if (k == null) {
      if (!c.profile.allows(key.algorithm())) {
        throw new AlgorithmException(
            key.algorithm().ianaName() + " is not in the " + c.profile + " profile");
      }
      if (c.nonceMode == NonceMode.COUNTER && key.commonIv() == null) {
        throw new KeyException(key + " has no common IV for counter mode");
      }
      k = new SealingKey(key);
      if (c.nonceMode == NonceMode.COUNTER
          && c.senderId.length > OscoreNonce.maxSenderIdLength(k.cipher.nonceLength())) {
        throw new KeyException(
            "a sender id of "
                + c.senderId.length
                + " bytes does not fit the "
                + k.cipher.nonceLength()
                + "-byte nonces of "
                + key.algorithm().ianaName());
      }
      if (sealingKeys.size() > 256) {
        sealingKeys.clear();
      }
      sealingKeys.put(key, k);
    }
    return k;
  }

  private MacKey macKey(String topic) throws CoseException {
    TopicKey key = keyring.primary(topic);
    MacKey k = macKeys.get(key);
    if (k == null) {
      if (!c.profile.allows(key.algorithm()) || key.algorithm().kind() != Algorithm.Kind.MAC) {
        throw new AlgorithmException(
            key.algorithm().ianaName()
                + " is not a MAC algorithm of the "
                + c.profile
                + " profile");
      }
      k = new MacKey(key);
      if (macKeys.size() > 256) {
        macKeys.clear();
      }
      macKeys.put(key, k);
    }
    return k;
  }

  /**
   * COSE_Mac0: protected {@code {1: alg}} (stateless) or {@code {1: alg, 6: Partial IV, "sid":
   * sid}} (counter mode), unprotected {@code {4: kid}}, the payload attached, the tag.
   */
  private byte[] mac0(MacKey k, String wireTopic, byte[] content) throws CoseException {
    byte[] prot;
    if (c.nonceMode == NonceMode.RANDOM) {
      prot = k.statelessProtected;
    } else {
      long seq;
      try {
        seq = c.sequenceStore.next();
      } catch (IOException e) {
        throw new NonceException("cannot reserve a sequence number: " + e.getMessage(), e);
      }
      prot =
          MacKey.counterProtected(k.key.algorithm().id(), OscoreNonce.partialIv(seq), c.senderId);
    }
    byte[] tag =
        k.mac.compute(k.keyBytes, MacKey.macStructure(prot, k.externalAad(wireTopic), content));
    CborWriter w = new CborWriter(24 + prot.length + k.kid.length + content.length + tag.length);
    w.writeTag(MessageType.MAC0.tag());
    w.writeArrayHeader(4);
    w.writeBytes(prot);
    w.writeMapHeader(1);
    w.writeInt(4).writeBytes(k.kid);
    w.writeBytes(content);
    w.writeBytes(tag);
    return w.toByteArray();
  }

  private byte[] encrypt0(SealingKey k, String wireTopic, byte[] content) throws CoseException {
    int n = k.cipher.nonceLength();
    byte[] nonce;
    byte[] field;
    if (c.nonceMode == NonceMode.RANDOM) {
      nonce = new byte[n];
      c.random.nextBytes(nonce);
      field = nonce;
    } else {
      long seq;
      try {
        seq = c.sequenceStore.next();
      } catch (IOException e) {
        throw new NonceException("cannot reserve a sequence number: " + e.getMessage(), e);
      }
      field = OscoreNonce.partialIv(seq);
      nonce = OscoreNonce.nonce(k.commonIv, c.senderId, field);
    }
    byte[] ct = k.cipher.encrypt(k.keyBytes, nonce, k.encStructure(wireTopic), content);
    CborWriter w =
        new CborWriter(24 + k.protectedBytes.length + k.kid.length + field.length + ct.length);
    w.writeTag(MessageType.ENCRYPT0.tag());
    w.writeArrayHeader(3);
    w.writeBytes(k.protectedBytes);
    if (c.nonceMode == NonceMode.RANDOM) {
      w.writeMapHeader(2);
      w.writeInt(4).writeBytes(k.kid);
      w.writeInt(5).writeBytes(field);
    } else {
      w.writeMapHeader(3);
      w.writeInt(4).writeBytes(k.kid);
      w.writeInt(6).writeBytes(field);
      w.writeText(CoseMqttProfile.SENDER_ID_LABEL).writeBytes(c.senderId);
    }
    w.writeBytes(ct);
    return w.toByteArray();
  }
}
