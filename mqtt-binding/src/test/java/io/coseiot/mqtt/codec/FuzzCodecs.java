package io.coseiot.mqtt.codec;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.Curve;
import io.coseiot.cose.key.KeyLabel;
import io.coseiot.cose.key.KeyType;
import io.coseiot.mqtt.keyring.KeyDerivation;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.RotationSchedule;
import io.coseiot.mqtt.keyring.TopicKeyset;
import io.coseiot.mqtt.nonce.SequenceStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The codecs of the opener's fuzz targets, one per seal mode, with fixed keys (the test master
 * secret, and the COSE WG examples' P-256 keys "11" as signer and "meriadoc" as ECDH recipient), so
 * that the committed seeds, sealed by {@link OpenerSeeds}, stay valid and a mutated seed reaches
 * every check up to authentication. Sign1-in-Encrypt0 obfuscates topics, so that the topic envelope
 * is fuzzed too.
 */
enum FuzzCodecs {
  ENCRYPT0("encrypt0", SealMode.ENCRYPT0, Algorithm.A128GCM, false),
  SIGN1("sign1", SealMode.SIGN1, Algorithm.A128GCM, false),
  SIGN1_IN_ENCRYPT0(
      "sign1InEncrypt0", SealMode.SIGN1_IN_ENCRYPT0, Algorithm.AES_CCM_16_64_128, true),
  ENCRYPT_ECDH("encryptEcdh", SealMode.ENCRYPT_ECDH, Algorithm.A128GCM, false),
  MAC0("mac0", SealMode.MAC0, Algorithm.HMAC_256_256, false);

  /** The topic every seed is sealed for and every input is opened on. */
  static final String TOPIC = Fixtures.TOPIC;

  private static final CoseKey SIGNER =
      ec2(
          "11",
          "bac5b11cad8f99f9c72b05cf4b9e26d244dc189f745228255a219a86d6a09eff",
          "20138bf82dc1b6d562be0fa54ab7804a3a64b6d72ccfed6b6fb6ed28bbfc117e",
          "57c92077664146e876760c9520d054aa93c3afb04e306705db6090308507b4d3");
  private static final CoseKey RECIPIENT =
      ec2(
          "meriadoc.brandybuck@buckland.example",
          "65eda5a12577c2bae829437fe338701a10aaa375e1bb5b5de108de439c08551d",
          "1e52ed75701163f7f9e40ddf9f341b3dc9ba860af7e0ca7ca7e9eecd0084d19c",
          "aff907c99f9ad3aae6c4cdf21122bce2bd68b5283e6907154ad911840fa208cf");

  private final String target;
  private final SealMode mode;
  private final Algorithm alg;
  private final boolean obfuscated;

  FuzzCodecs(String target, SealMode mode, Algorithm alg, boolean obfuscated) {
    this.target = target;
    this.mode = mode;
    this.alg = alg;
    this.obfuscated = obfuscated;
  }

  /** The fuzz target's method name, which names its corpus folder. */
  String target() {
    return target;
  }

  /** The MQTT v5 content type a publisher in this mode sends. */
  String contentType() {
    return mode.outerType().mediaType();
  }

  /** Whether the mode has a counter (Partial IV) variant besides random IVs or tags. */
  boolean hasCounterMode() {
    return mode == SealMode.ENCRYPT0 || mode == SealMode.SIGN1_IN_ENCRYPT0 || mode == SealMode.MAC0;
  }

  /** The subscriber's codec. */
  CoseMqttCodec subscriber() throws CoseException {
    return builder()
        .trustedSigners(List.of(SIGNER.publicKey()))
        .recipientKeys(List.of(RECIPIENT))
        .build();
  }

  /** A publisher's codec: random nonces, or counter nonces from {@code firstSequence}. */
  CoseMqttCodec publisher(Long firstSequence) throws CoseException, IOException {
    CoseMqttCodec.Builder b =
        builder().signingKey(SIGNER).recipients(List.of(RECIPIENT.publicKey()));
    if (firstSequence != null) {
      Path f = Files.createTempFile("cose-iot-fuzz", ".seq");
      Files.delete(f);
      b.counterNonces(new byte[] {0x42}, SequenceStore.create(f, 32, firstSequence));
    }
    return b.build();
  }

  /** The topic as it travels: obfuscated where the keyring obfuscates. */
  String wireTopic() throws CoseException {
    return keyring().wireTopic(TOPIC);
  }

  private CoseMqttCodec.Builder builder() throws CoseException {
    return CoseMqttCodec.builder().mode(mode).keyring(keyring());
  }

  private Keyring keyring() throws CoseException {
    Keyring.Builder k =
        Keyring.builder()
            .add(TopicKeyset.derived(Fixtures.FILTER, alg, Fixtures.MASTER, null))
            .schedule(RotationSchedule.fixed(Fixtures.EPOCH));
    if (obfuscated) {
      k.obfuscateTopics(KeyDerivation.topicKey(Fixtures.MASTER, null));
    }
    return k.build();
  }

  private static CoseKey ec2(String kid, String x, String y, String d) {
    return CoseKey.builder(KeyType.EC2)
        .keyId(kid.getBytes())
        .curve(Curve.P_256)
        .setBytes(KeyLabel.X, Fixtures.hex(x))
        .setBytes(KeyLabel.Y, Fixtures.hex(y))
        .setBytes(KeyLabel.D, Fixtures.hex(d))
        .build();
  }
}
