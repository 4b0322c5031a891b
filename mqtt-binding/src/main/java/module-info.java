/**
 * cose-iot MQTT binding: seals each MQTT payload as a tagged COSE message bound to its topic and
 * key epoch, and opens it at the subscriber. {@code io.coseiot.mqtt.codec} knows nothing of any
 * MQTT client, so any client can be adapted to it; {@code keyring} holds topic keys and rotation,
 * {@code nonce} counter-mode nonces and the persisted sequence number, {@code replay} the replay
 * windows, {@code topic} filter matching and topic obfuscation. {@code client} is the client API
 * ({@code SecureMqttClient}, its options, listeners and errors); {@code paho} implements it on
 * Eclipse Paho (MQTT v5 and 3.1.1), {@code hivemq} on the HiveMQ MQTT client (MQTT v5), which is an
 * optional dependency: only applications that use that package need its jar. So are H2 MVStore and
 * Jedis, for the durable ({@code replay.durable}) and the Redis ({@code replay.redis}) replay
 * states.
 */
module io.coseiot.mqtt {
  requires transitive io.coseiot.cose;
  // Paho's jars carry no module name; these are the names derived from their file names.
  requires org.eclipse.paho.mqttv5.client;
  requires org.eclipse.paho.client.mqttv3;
  requires static com.hivemq.client.mqtt;
  requires static com.h2database.mvstore;
  requires static redis.clients.jedis;

  exports io.coseiot.mqtt.client;
  exports io.coseiot.mqtt.codec;
  exports io.coseiot.mqtt.hivemq;
  exports io.coseiot.mqtt.keyring;
  exports io.coseiot.mqtt.nonce;
  exports io.coseiot.mqtt.paho;
  exports io.coseiot.mqtt.replay;
  exports io.coseiot.mqtt.replay.durable;
  exports io.coseiot.mqtt.replay.redis;
  exports io.coseiot.mqtt.topic;
}
