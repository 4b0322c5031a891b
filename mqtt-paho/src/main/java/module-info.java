/**
 * cose-iot on Eclipse Paho: {@code PahoMqtt.client(uri)} builds a {@code SecureMqttClient} on
 * Paho's MQTT v5 or MQTT 3.1.1 asynchronous client. Only applications that use Paho depend on this
 * module; the MQTT 3.1.1 client's jar ({@code org.eclipse.paho.client.mqttv3}) is optional, for
 * applications whose codec speaks MQTT 3.1.1.
 */
module io.coseiot.mqtt.paho {
  requires transitive io.coseiot.mqtt;
  // Paho's jars carry no module name; these are the names derived from their file names.
  requires org.eclipse.paho.mqttv5.client;
  requires static org.eclipse.paho.client.mqttv3;

  exports io.coseiot.mqtt.paho;
}
