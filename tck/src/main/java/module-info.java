/** cose-tck: the command line that runs conformance suites against cose-iot. */
module io.coseiot.tck {
  requires io.coseiot.interop;
  requires io.coseiot.mqtt.paho;
  requires io.coseiot.mqtt.hivemq;
  // Only the bench command uses it; the tck artifact declares it optional.
  requires static io.coseiot.bench;
  requires info.picocli;
  // The MQTT benchmark reads the process's CPU time.
  requires jdk.management;
  // The COSE-JAVA MQTT peer talks MQTT through Paho directly (name derived from the jar's).
  requires org.eclipse.paho.mqttv5.client;
  // HiveMQ CE embedded ships no module name; this one is derived from its jar's file name.
  requires hivemq.community.edition.embedded;

  // picocli fills the command classes' annotated fields reflectively.
  opens io.coseiot.tck to
      info.picocli;
}
