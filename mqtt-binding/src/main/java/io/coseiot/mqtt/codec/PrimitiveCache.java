package io.coseiot.mqtt.codec;

import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.primitive.Aad;
import io.coseiot.mqtt.keyring.TopicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * The primitives a sealer or opener has made, per topic key: made on first use, since a derived
 * keyring has keys for every epoch, and forgotten wholesale past a bound, since an epoch's keys are
 * used for a while and then never again.
 *
 * @param <P> the primitive type
 */
final class PrimitiveCache<P> {
  private static final int LIMIT = 256;

  private final Map<TopicKey, TopicPrimitive<P>> made = new ConcurrentHashMap<>();
  private final TopicPrimitive.Factory<P> factory;
  private final BiFunction<P, byte[], Aad> prepare;

  PrimitiveCache(TopicPrimitive.Factory<P> factory, BiFunction<P, byte[], Aad> prepare) {
    this.factory = factory;
    this.prepare = prepare;
  }

  TopicPrimitive<P> get(TopicKey key) throws CoseException {
    TopicPrimitive<P> p = made.get(key);
    if (p == null) {
      P primitive = factory.make(key, TopicPrimitive.coseKey(key));
      p = new TopicPrimitive<>(key, primitive, ext -> prepare.apply(primitive, ext));
      if (made.size() > LIMIT) {
        made.clear();
      }
      made.put(key, p);
    }
    return p;
  }
}
