package io.coseiot.mqtt.client;

import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.Curve;
import io.coseiot.cose.key.KeyPairs;
import io.coseiot.mqtt.codec.AlgorithmProfile;
import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.MqttVersion;
import io.coseiot.mqtt.codec.SealMode;
import io.coseiot.mqtt.keyring.KeyDerivation;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.nonce.SequenceStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Every algorithm of both algorithm profiles in every seal mode that uses it. HMAC 256/256 is
 * exercised by the MAC0 mode (stateless and counter), and also by topic obfuscation and HKDF.
 */
enum AlgorithmCases {
  DEVICE_ENCRYPT0_A128GCM(AlgorithmProfile.DEVICE, SealMode.ENCRYPT0, Algorithm.A128GCM, null),
  DEVICE_ENCRYPT0_A128GCM_HMAC_TOPICS(
      AlgorithmProfile.DEVICE, SealMode.ENCRYPT0, Algorithm.A128GCM, null),
  DEVICE_ENCRYPT0_AES_CCM_COUNTER(
      AlgorithmProfile.DEVICE, SealMode.ENCRYPT0, Algorithm.AES_CCM_16_64_128, null),
  DEVICE_SIGN1_ES256(AlgorithmProfile.DEVICE, SealMode.SIGN1, null, Curve.P_256),
  DEVICE_SIGN1_IN_ENCRYPT0_ES256(
      AlgorithmProfile.DEVICE, SealMode.SIGN1_IN_ENCRYPT0, Algorithm.A128GCM, Curve.P_256),
  DEVICE_ENCRYPT_ECDH_HKDF_ONE_RECIPIENT(
      AlgorithmProfile.DEVICE, SealMode.ENCRYPT_ECDH, Algorithm.A128GCM, null),
  DEVICE_ENCRYPT_ECDH_A128KW_TWO_RECIPIENTS(
      AlgorithmProfile.DEVICE, SealMode.ENCRYPT_ECDH, Algorithm.AES_CCM_16_64_128, null),
  FULL_ENCRYPT0_A256GCM(AlgorithmProfile.FULL, SealMode.ENCRYPT0, Algorithm.A256GCM, null),
  FULL_ENCRYPT0_CHACHA20_POLY1305_COUNTER(
      AlgorithmProfile.FULL, SealMode.ENCRYPT0, Algorithm.CHACHA20_POLY1305, null),
  FULL_SIGN1_EDDSA(AlgorithmProfile.FULL, SealMode.SIGN1, null, Curve.ED25519),
  FULL_SIGN1_ES384(AlgorithmProfile.FULL, SealMode.SIGN1, null, Curve.P_384),
  FULL_SIGN1_IN_ENCRYPT0_EDDSA_A256GCM(
      AlgorithmProfile.FULL, SealMode.SIGN1_IN_ENCRYPT0, Algorithm.A256GCM, Curve.ED25519),
  FULL_SIGN1_IN_ENCRYPT0_ES384_CHACHA(
      AlgorithmProfile.FULL, SealMode.SIGN1_IN_ENCRYPT0, Algorithm.CHACHA20_POLY1305, Curve.P_384),
  FULL_ENCRYPT_ECDH_A256GCM(AlgorithmProfile.FULL, SealMode.ENCRYPT_ECDH, Algorithm.A256GCM, null),
  FULL_ENCRYPT_ECDH_CHACHA_TWO_RECIPIENTS(
      AlgorithmProfile.FULL, SealMode.ENCRYPT_ECDH, Algorithm.CHACHA20_POLY1305, null),
  DEVICE_MAC0_HMAC_256_256(AlgorithmProfile.DEVICE, SealMode.MAC0, Algorithm.HMAC_256_256, null),
  FULL_MAC0_HMAC_256_256_COUNTER(
      AlgorithmProfile.FULL, SealMode.MAC0, Algorithm.HMAC_256_256, null);

  final AlgorithmProfile profile;
  final SealMode mode;
  final Algorithm content;
  final Curve signer;

  AlgorithmCases(AlgorithmProfile profile, SealMode mode, Algorithm content, Curve signer) {
    this.profile = profile;
    this.mode = mode;
    this.content = content;
    this.signer = signer;
  }

  /** A publisher's and a subscriber's codec, and their keyring. */
  record Pair(CoseMqttCodec pub, CoseMqttCodec sub, Keyring keyring) {
    /** The filter to subscribe with: obfuscated when the keyring obfuscates. */
    String wireFilter(String filter) {
      return keyring.wireFilter(filter);
    }
  }

  /** The codecs of this case for an MQTT version. */
  Pair codecs(MqttVersion version, Path dir) throws Exception {
    byte[] master = Codecs.secret();
    Keyring.Builder kb = Codecs.keyring(master, content == null ? Algorithm.A128GCM : content, "#");
    if (name().contains("HMAC_TOPICS")) {
      kb.obfuscateTopics(KeyDerivation.topicKey(master, null));
    }
    Keyring keyring = kb.build();
    CoseMqttCodec.Builder pub = CoseMqttCodec.builder().mode(mode).mqttVersion(version);
    CoseMqttCodec.Builder sub = CoseMqttCodec.builder().mode(mode).mqttVersion(version);
    for (CoseMqttCodec.Builder b : List.of(pub, sub)) {
      b.algorithmProfile(profile);
      if (mode == SealMode.ENCRYPT0
          || mode == SealMode.SIGN1_IN_ENCRYPT0
          || mode == SealMode.MAC0) {
        b.keyring(keyring);
      }
      if (mode == SealMode.ENCRYPT_ECDH) {
        b.contentAlgorithm(content);
      }
    }
    if (name().contains("COUNTER")) {
      pub.counterNonces(
          new byte[] {1, 2},
          SequenceStore.create(Files.createTempDirectory(dir, "seq").resolve("seq"), 8));
    }
    if (signer != null) {
      CoseKey key = withKid(KeyPairs.generate(signer, Codecs.RANDOM), "signer-" + signer);
      pub.signingKey(key);
      sub.trustedSigners(List.of(key.publicKey()));
    }
    if (mode == SealMode.ENCRYPT_ECDH) {
      CoseKey mine = withKid(KeyPairs.generate(Curve.P_256, Codecs.RANDOM), "subscriber-a");
      CoseKey other = withKid(KeyPairs.generate(Curve.P_256, Codecs.RANDOM), "subscriber-b");
      pub.recipients(
          name().contains("TWO")
              ? List.of(other.publicKey(), mine.publicKey())
              : List.of(mine.publicKey()));
      sub.recipientKeys(List.of(mine));
    }
    return new Pair(pub.build(), sub.build(), keyring);
  }

  static CoseKey withKid(CoseKey k, String kid) throws Exception {
    CBORObject m = k.toCbor();
    m.set(CBORObject.FromObject(2), CBORObject.FromObject(kid.getBytes(StandardCharsets.UTF_8)));
    return CoseKey.fromCbor(m);
  }
}
