package io.coseiot.mqtt.hivemq;

import io.coseiot.mqtt.client.SecureMqttClient;
import io.coseiot.mqtt.client.SecureMqttClientBuilder;
import io.coseiot.mqtt.client.SecureMqttException;
import io.coseiot.mqtt.client.SecureMqttOptions;
import io.coseiot.mqtt.client.spi.Inbound;
import io.coseiot.mqtt.client.spi.MqttAdapter;
import io.coseiot.mqtt.client.spi.MqttTransport;
import io.coseiot.mqtt.codec.MqttVersion;

/**
 * Builds {@link SecureMqttClient}s over the HiveMQ MQTT client ({@code
 * com.hivemq:hivemq-mqtt-client}, MQTT v5, Netty).
 *
 * <pre>{@code
 * SecureMqttClient client = HiveMqMqtt.client("tcp://broker:1883")
 *     .codec(codec)
 *     .onMessage((message, c) -> handle(message))
 *     .build();
 * }</pre>
 *
 * <p>Why a second client: Eclipse Paho 1.2.5 parses every received packet from memory one byte at a
 * time, so on a busy subscriber each byte that COSE and the profile's properties add costs more
 * than sealing and opening do. The HiveMQ client decodes from Netty buffers and keeps sealed
 * throughput close to plaintext (the README's MQTT benchmark has both).
 *
 * <p>Differences from {@code PahoMqtt}: MQTT v5 only (the builder refuses a codec of MQTT 3.1.1);
 * TLS must be configured with {@code SecureMqttOptions.Builder.tls(...)} (this client takes trust
 * and key managers, not an {@code SSLContext}); URIs are {@code tcp://} or {@code mqtt://} and
 * {@code ssl://} or {@code mqtts://}. Listeners run on the client's Netty thread: like Paho's
 * callback thread, they must not block.
 */
public final class HiveMqMqtt implements MqttAdapter {
  private static final HiveMqMqtt ADAPTER = new HiveMqMqtt();

  private HiveMqMqtt() {}

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
    return "HiveMQ MQTT client";
  }

  @Override
  public void requireVersion(MqttVersion version) throws SecureMqttException {
    if (version != MqttVersion.V5) {
      throw new SecureMqttException(
          "the HiveMQ MQTT client adapter speaks MQTT v5 only, and the codec was built for "
              + version
              + ": build the codec with mqttVersion(MqttVersion.V5), or use mqtt-paho's PahoMqtt,"
              + " which speaks both",
          null);
    }
  }

  @Override
  public MqttTransport transport(SecureMqttOptions options, MqttVersion version, Inbound inbound)
      throws SecureMqttException {
    return new HiveMqV5Transport(options, inbound);
  }
}
