/**
 * cose-iot on the HiveMQ MQTT client: {@code HiveMqMqtt.client(uri)} builds a {@code
 * SecureMqttClient} on its MQTT v5 asynchronous client. Only applications that use that client
 * depend on this module.
 */
module io.coseiot.mqtt.hivemq {
  requires transitive io.coseiot.mqtt;
  requires com.hivemq.client.mqtt;

  exports io.coseiot.mqtt.hivemq;
}
