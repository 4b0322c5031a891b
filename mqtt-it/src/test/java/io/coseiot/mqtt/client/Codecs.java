package io.coseiot.mqtt.client;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.keyring.KeyDerivation;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.RotationSchedule;
import io.coseiot.mqtt.keyring.TopicKey;
import io.coseiot.mqtt.keyring.TopicKeyset;
import java.security.SecureRandom;

/** Real codecs for the broker tests: keyrings derived from a master secret, one per filter. */
final class Codecs {
  static final SecureRandom RANDOM = new SecureRandom();

  private Codecs() {}

  /** A fresh random 32-byte master secret. */
  static byte[] secret() {
    byte[] s = new byte[32];
    RANDOM.nextBytes(s);
    return s;
  }

  /** A keyring with one derived keyset per filter, in that order, epoch 0 forever. */
  static Keyring.Builder keyring(byte[] master, Algorithm alg, String... filters) {
    Keyring.Builder b = Keyring.builder().schedule(RotationSchedule.fixed(0));
    for (String f : filters) {
      b.add(TopicKeyset.derived(f, alg, master, null));
    }
    return b;
  }

  /** An A128GCM keyring for the filters, topics in the clear. */
  static Keyring keyring(byte[] master, String... filters) {
    return keyring(master, Algorithm.A128GCM, filters).build();
  }

  /** The same keyring with topic obfuscation on, its topic key derived from the master. */
  static Keyring obfuscated(byte[] master, String... filters) throws Exception {
    return keyring(master, Algorithm.A128GCM, filters)
        .obfuscateTopics(KeyDerivation.topicKey(master, null))
        .build();
  }

  /** An Encrypt0 codec, random nonces, MQTT v5. */
  static CoseMqttCodec encrypt0(Keyring keyring) throws Exception {
    return CoseMqttCodec.builder().keyring(keyring).build();
  }

  /** The key a publisher seals a topic with now. */
  static TopicKey primary(Keyring keyring, String topic) throws Exception {
    return keyring.primary(topic);
  }
}
