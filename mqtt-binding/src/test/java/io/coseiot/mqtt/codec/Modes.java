package io.coseiot.mqtt.codec;

import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.Curve;
import io.coseiot.cose.key.KeyPairs;
import io.coseiot.mqtt.keyring.KeyDerivation;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.RotationSchedule;
import io.coseiot.mqtt.keyring.TopicKeyset;
import io.coseiot.mqtt.nonce.SequenceStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

/** Publisher/subscriber codec pairs for every mode. */
final class Modes {
  static final SecureRandom RANDOM = new SecureRandom();
  static final CoseKey SIGNER = withKid(KeyPairs.generate(Curve.P_256, RANDOM), "signer-1");
  static final CoseKey SIGNER_ED = withKid(KeyPairs.generate(Curve.ED25519, RANDOM), "signer-ed");
  static final CoseKey SUB_A = withKid(KeyPairs.generate(Curve.P_256, RANDOM), "sub-a");
  static final CoseKey SUB_B = withKid(KeyPairs.generate(Curve.P_256, RANDOM), "sub-b");

  private Modes() {}

  static CoseKey withKid(CoseKey k, String kid) {
    CBORObject m = k.toCbor();
    m.set(CBORObject.FromObject(2), CBORObject.FromObject(kid.getBytes()));
    try {
      return CoseKey.fromCbor(m);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every configuration the property tests cover. */
  enum Config {
    ENCRYPT0_A128GCM,
    ENCRYPT0_CCM_COUNTER,
    ENCRYPT0_A256GCM_V311,
    ENCRYPT0_CHACHA_OBFUSCATED,
    SIGN1_ES256,
    SIGN1_EDDSA_OBFUSCATED,
    SIGN1_IN_ENCRYPT0_COUNTER,
    ENCRYPT_ECDH_ONE,
    ENCRYPT_ECDH_TWO,
    MAC0_HMAC,
    MAC0_HMAC_COUNTER_V311
  }

  /** Returns {publisher, subscriber}. */
  static CoseMqttCodec[] codecs(Config c) throws Exception {
    Algorithm alg =
        switch (c) {
          case ENCRYPT0_CCM_COUNTER -> Algorithm.AES_CCM_16_64_128;
          case ENCRYPT0_A256GCM_V311 -> Algorithm.A256GCM;
          case ENCRYPT0_CHACHA_OBFUSCATED -> Algorithm.CHACHA20_POLY1305;
          case MAC0_HMAC, MAC0_HMAC_COUNTER_V311 -> Algorithm.HMAC_256_256;
          default -> Algorithm.A128GCM;
        };
    boolean obfuscate = c.name().contains("OBFUSCATED");
    Keyring.Builder kb =
        Keyring.builder()
            .add(TopicKeyset.derived("sensors/#", alg, Fixtures.MASTER, null))
            .add(TopicKeyset.derived("#", alg, Fixtures.hex("ff".repeat(32)), null))
            .schedule(RotationSchedule.fixed(3));
    if (obfuscate) {
      kb.obfuscateTopics(KeyDerivation.topicKey(Fixtures.MASTER, null));
    }
    Keyring keyring = kb.build();
    CoseMqttCodec.Builder pub = CoseMqttCodec.builder().keyring(keyring);
    CoseMqttCodec.Builder sub = CoseMqttCodec.builder().keyring(keyring);
    for (CoseMqttCodec.Builder b : List.of(pub, sub)) {
      if (c.name().contains("V311")) {
        b.mqttVersion(MqttVersion.V3_1_1);
      }
      if (c.name().startsWith("SIGN1_IN")) {
        b.mode(SealMode.SIGN1_IN_ENCRYPT0);
      } else if (c.name().startsWith("SIGN1")) {
        b.mode(SealMode.SIGN1);
      } else if (c.name().startsWith("ENCRYPT_ECDH")) {
        b.mode(SealMode.ENCRYPT_ECDH);
      } else if (c.name().startsWith("MAC0")) {
        b.mode(SealMode.MAC0);
      }
    }
    if (c.name().contains("COUNTER")) {
      Path f = Files.createTempFile("cose-iot", ".seq");
      Files.delete(f);
      pub.counterNonces(new byte[] {0x42}, SequenceStore.create(f, 32));
    }
    CoseKey signer = c == Config.SIGN1_EDDSA_OBFUSCATED ? SIGNER_ED : SIGNER;
    pub.signingKey(signer);
    sub.trustedSigners(List.of(signer.publicKey()));
    pub.recipients(
        c == Config.ENCRYPT_ECDH_TWO
            ? List.of(SUB_A.publicKey(), SUB_B.publicKey())
            : List.of(SUB_A.publicKey()));
    sub.recipientKeys(List.of(SUB_A));
    return new CoseMqttCodec[] {pub.build(), sub.build()};
  }
}
