package io.coseiot.mqtt.client.spi;

import io.coseiot.mqtt.client.SecureMqttException;
import io.coseiot.mqtt.client.SecureMqttOptions;
import io.coseiot.mqtt.codec.MqttVersion;

/**
 * One MQTT client library, as a {@link io.coseiot.mqtt.client.SecureMqttClientBuilder} sees it:
 * which MQTT versions it speaks and how to make a {@link MqttTransport}. Implemented by {@code
 * io.coseiot.mqtt.paho.PahoMqtt} and {@code io.coseiot.mqtt.hivemq.HiveMqMqtt}.
 */
public interface MqttAdapter {

  /**
   * Names the library in error messages.
   *
   * @return e.g. "Eclipse Paho"
   */
  String name();

  /**
   * Checks that the library speaks an MQTT version; the builder calls it with the codec's.
   *
   * @param version the codec's version
   * @throws SecureMqttException if it does not, saying what to change (the codec's version, the
   *     adapter, or a jar to add)
   */
  void requireVersion(MqttVersion version) throws SecureMqttException;

  /**
   * Makes a transport; sends nothing yet.
   *
   * @param options broker, session and TLS
   * @param version the codec's version, one this adapter supports
   * @param inbound where received messages and (re)connections go
   * @return the transport
   * @throws SecureMqttException if the library refuses the options, saying which
   */
  MqttTransport transport(SecureMqttOptions options, MqttVersion version, Inbound inbound)
      throws SecureMqttException;
}
