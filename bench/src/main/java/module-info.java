/**
 * cose-iot bench: JMH benchmarks of the COSE messages against the bare primitives, the wire
 * overhead of each profile, the cost of each replay-state backend, and the runner behind {@code
 * cose-tck bench}.
 */
module io.coseiot.bench {
  requires io.coseiot.cose;
  requires io.coseiot.interop;
  requires jmh.core;
  requires com.fasterxml.jackson.databind;
  requires org.bouncycastle.provider;
  // ReplayStateBench: the MQTT opener on each replay state, and MVStore against SQLite (JDBC).
  requires io.coseiot.mqtt;
  requires com.h2database.mvstore;
  requires redis.clients.jedis;
  requires java.sql;
  // MqttBench: both client adapters through the embedded broker, and the process's CPU time.
  requires io.coseiot.mqtt.paho;
  requires io.coseiot.mqtt.hivemq;
  requires jdk.management;

  exports io.coseiot.bench;
  // JMH's generated harness lives beside the benchmarks and is loaded reflectively by JMH alone.
  exports io.coseiot.bench.jmh_generated to
      jmh.core;
}
