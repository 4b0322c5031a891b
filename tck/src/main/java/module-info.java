/** cose-tck: the command line that runs conformance suites against cose-iot. */
module io.coseiot.tck {
  requires io.coseiot.interop;
  requires io.coseiot.mqtt.paho;
  // Only the bench command uses it; the tck artifact declares it optional.
  requires static io.coseiot.bench;
  requires info.picocli;
  // The probe's raw clients talk MQTT through Paho directly (names derived from the jars').
  requires org.eclipse.paho.mqttv5.client;
  requires org.eclipse.paho.client.mqttv3;

  // picocli fills the command classes' annotated fields reflectively.
  opens io.coseiot.tck to
      info.picocli;
}
