/**
 * cose-iot MQTT binding: seals each MQTT payload as a tagged COSE message bound to its topic and
 * key epoch, and opens it at the subscriber. {@code io.coseiot.mqtt.codec} knows nothing of any
 * MQTT client, so any client can be adapted to it.
 */
module io.coseiot.mqtt {
  requires transitive io.coseiot.cose;

  exports io.coseiot.mqtt.codec;
}
