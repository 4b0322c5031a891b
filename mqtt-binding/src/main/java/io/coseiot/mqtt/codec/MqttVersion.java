package io.coseiot.mqtt.codec;

/** Which MQTT version the codec speaks, which decides whether properties are sent and checked. */
public enum MqttVersion {
  /** MQTT 5: content type, payload format indicator 0 and the {@code cose-kid} user property. */
  V5,
  /** MQTT 3.1.1: no properties; the kid travels only in the COSE header. */
  V3_1_1
}
