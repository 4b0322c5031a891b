/**
 * cose-iot MQTT binding: seals each MQTT payload as a tagged COSE message bound to its topic and
 * key epoch, and opens it at the subscriber. {@code io.coseiot.mqtt.codec} knows nothing of any
 * MQTT client, so any client can be adapted to it; {@code keyring} holds topic keys and rotation,
 * {@code nonce} counter-mode nonces and the persisted sequence number, {@code replay} the replay
 * windows, {@code topic} filter matching and topic obfuscation. {@code client} is the client API
 * ({@code SecureMqttClient}, its builder, options, listeners and errors), {@code client.spi} what
 * an adapter for an MQTT client library implements. No MQTT client library is a dependency: the
 * adapters live in their own modules, {@code io.coseiot.mqtt.paho} (Eclipse Paho, MQTT v5 and
 * 3.1.1) and {@code io.coseiot.mqtt.hivemq} (the HiveMQ MQTT client, MQTT v5), so an application
 * pulls in only the client it uses. H2 MVStore and Jedis are optional dependencies, for the durable
 * ({@code replay.durable}) and the Redis ({@code replay.redis}) replay states; Micrometer is one
 * for {@code metrics.MicrometerMetrics}.
 */
module io.coseiot.mqtt {
  requires transitive io.coseiot.cose;
  requires static com.h2database.mvstore;
  requires static redis.clients.jedis;
  requires static micrometer.core;

  exports io.coseiot.mqtt.client;
  exports io.coseiot.mqtt.client.spi;
  exports io.coseiot.mqtt.codec;
  exports io.coseiot.mqtt.keyring;
  exports io.coseiot.mqtt.metrics;
  exports io.coseiot.mqtt.nonce;
  exports io.coseiot.mqtt.replay;
  exports io.coseiot.mqtt.replay.durable;
  exports io.coseiot.mqtt.replay.redis;
  exports io.coseiot.mqtt.topic;
}
