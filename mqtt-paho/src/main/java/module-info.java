/**
 * cose-iot on Eclipse Paho: {@code PahoMqtt.client(uri)} builds a {@code SecureMqttClient} on
 * Paho's MQTT v5 or MQTT 3.1.1 asynchronous client. Only applications that use Paho depend on this
 * module.
 */
module io.coseiot.mqtt.paho {
  requires transitive io.coseiot.mqtt;
  // Paho's jars carry no module name; these are the names derived from their file names.
  requires org.eclipse.paho.mqttv5.client;
  requires org.eclipse.paho.client.mqttv3;

  exports io.coseiot.mqtt.paho;
}
