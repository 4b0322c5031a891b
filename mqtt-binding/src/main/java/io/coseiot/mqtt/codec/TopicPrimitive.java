package io.coseiot.mqtt.codec;

import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.KeyLabel;
import io.coseiot.cose.primitive.Aad;
import io.coseiot.mqtt.keyring.TopicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One topic key's core primitive (made once), its kid user property and, per topic, the prepared
 * external_aad: a publisher or subscriber uses the same few topics over and over, so the profile's
 * external_aad and the structure COSE authenticates over it are encoded once per topic.
 *
 * @param <P> the primitive type
 */
final class TopicPrimitive<P> {
  /** How many topics' prepared AADs a key keeps before starting over. */
  static final int AAD_CACHE_LIMIT = 4096;

  /** Makes a key's primitive, after checking that the key may be used so. */
  interface Factory<P> {
    P make(TopicKey key, CoseKey coseKey) throws CoseException;
  }

  final TopicKey key;
  final P primitive;
  final Map<String, String> v5Properties;
  private final Function<byte[], Aad> prepare;
  private final Map<String, Aad> aads = new ConcurrentHashMap<>();

  TopicPrimitive(TopicKey key, P primitive, Function<byte[], Aad> prepare) {
    this.key = key;
    this.primitive = primitive;
    this.prepare = prepare;
    this.v5Properties = Map.of(CoseMqttProfile.KID_PROPERTY, CoseMqttProfile.kidHint(key.kid()));
  }

  /** The key as a COSE_Key: its alg and kid, and its common IV as the Base IV. */
  static CoseKey coseKey(TopicKey key) {
    CoseKey.Builder b =
        CoseKey.symmetric(key.keyBytes()).keyId(key.kid()).algorithm(key.algorithm());
    byte[] iv = key.commonIv();
    return iv == null ? b.build() : b.setBytes(KeyLabel.BASE_IV, iv).build();
  }

  /** Returns the prepared external_aad of a topic under this key's epoch, made once. */
  Aad aad(String wireTopic) {
    Aad a = aads.get(wireTopic);
    if (a == null) {
      a = prepare.apply(CoseMqttProfile.externalAad(wireTopic, key.epoch()));
      if (aads.size() >= AAD_CACHE_LIMIT) {
        aads.clear();
      }
      aads.put(wireTopic, a);
    }
    return a;
  }
}
