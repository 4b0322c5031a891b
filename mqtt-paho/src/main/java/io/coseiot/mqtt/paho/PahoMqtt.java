package io.coseiot.mqtt.paho;

import io.coseiot.mqtt.client.SecureMqttClient;
import io.coseiot.mqtt.client.SecureMqttClientBuilder;
import io.coseiot.mqtt.client.SecureMqttException;
import io.coseiot.mqtt.client.SecureMqttOptions;
import io.coseiot.mqtt.client.spi.Inbound;
import io.coseiot.mqtt.client.spi.MqttAdapter;
import io.coseiot.mqtt.client.spi.MqttTransport;
import io.coseiot.mqtt.codec.MqttVersion;

/**
 * Builds {@link SecureMqttClient}s over Eclipse Paho 1.2.5: its MQTT v5 client ({@code
 * mqttv5.client}) for a codec of {@link MqttVersion#V5}, its MQTT 3.1.1 client ({@code mqttv3}) for
 * one of {@link MqttVersion#V3_1_1}. Plain TCP sockets get {@code TCP_NODELAY} and a read buffer
 * (see {@link NoDelaySockets}).
 *
 * <pre>{@code
 * SecureMqttClient client = PahoMqtt.client("tcp://broker:1883")
 *     .codec(codec)
 *     .onMessage((message, c) -> handle(message))
 *     .build();
 * }</pre>
 */
public final class PahoMqtt implements MqttAdapter {
  private static final PahoMqtt ADAPTER = new PahoMqtt();
  private static final boolean HAS_V3_CLIENT = hasV3Client();

  private PahoMqtt() {}

  /**
   * Starts a client for a broker with the default options (clean session, random client id).
   *
   * @param brokerUri e.g. {@code tcp://127.0.0.1:1883} or {@code ssl://broker.example:8883}
   * @return a builder
   */
  public static SecureMqttClientBuilder client(String brokerUri) {
    return client(SecureMqttOptions.builder(brokerUri).build());
  }

  /**
   * Starts a client with options: session, client id, timeouts, TLS.
   *
   * @param options the options
   * @return a builder
   */
  public static SecureMqttClientBuilder client(SecureMqttOptions options) {
    return SecureMqttClientBuilder.over(ADAPTER, options);
  }

  /**
   * Returns the adapter itself, for {@link SecureMqttClientBuilder#over} and for measuring the bare
   * library (the bench's plaintext baseline).
   *
   * @return the adapter
   */
  public static MqttAdapter adapter() {
    return ADAPTER;
  }

  @Override
  public String name() {
    return "Eclipse Paho";
  }

  @Override
  public void requireVersion(MqttVersion version) throws SecureMqttException {
    if (version == MqttVersion.V3_1_1 && !HAS_V3_CLIENT) {
      throw new SecureMqttException(
          "the codec was built for MQTT 3.1.1, and Paho's MQTT 3.1.1 client is not on the class"
              + " path: add org.eclipse.paho:org.eclipse.paho.client.mqttv3 (an optional dependency"
              + " of cose-iot-mqtt-paho), or build the codec with mqttVersion(MqttVersion.V5)",
          null);
    }
  }

  /** Whether the optional jar of Paho's MQTT 3.1.1 client is there. */
  private static boolean hasV3Client() {
    try {
      Class.forName(
          "org.eclipse.paho.client.mqttv3.MqttAsyncClient", false, PahoMqtt.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  @Override
  public MqttTransport transport(SecureMqttOptions options, MqttVersion version, Inbound inbound)
      throws SecureMqttException {
    return version == MqttVersion.V5
        ? new PahoV5Transport(options, inbound)
        : new PahoV3Transport(options, inbound);
  }
}
