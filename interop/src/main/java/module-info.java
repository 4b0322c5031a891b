/**
 * cose-iot interop: drives other COSE implementations (peers) through the line protocol of
 * docs/peer-protocol.md: pyCOSE in a long-lived Python process and COSE-JAVA in an isolated class
 * loader.
 */
module io.coseiot.interop {
  requires transitive io.coseiot.vectors;
  // The MQTT round trips: SecureMqttClient on Paho; the COSE-JAVA peer on Paho directly (name
  // derived from the jar's); HiveMQ CE embedded ships no module name either.
  requires transitive io.coseiot.mqtt.paho;
  requires org.eclipse.paho.mqttv5.client;
  requires hivemq.community.edition.embedded;

  exports io.coseiot.interop;
  exports io.coseiot.interop.broker;
  exports io.coseiot.interop.mqtt;

  // Logback reads the broker's quiet configuration from there as a resource.
  opens io.coseiot.interop.broker;
}
