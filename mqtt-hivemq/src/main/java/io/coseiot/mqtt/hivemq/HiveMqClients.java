package io.coseiot.mqtt.hivemq;

import io.coseiot.mqtt.client.OpenedMessageListener;
import io.coseiot.mqtt.client.RejectionListener;
import io.coseiot.mqtt.client.SecureMqttClient;
import io.coseiot.mqtt.client.SecureMqttException;
import io.coseiot.mqtt.client.SecureMqttOptions;
import io.coseiot.mqtt.codec.PayloadOpener;
import io.coseiot.mqtt.codec.PayloadSealer;

/**
 * Makes {@link SecureMqttClient}s over the HiveMQ MQTT client ({@code
 * com.hivemq:hivemq-mqtt-client}, MQTT v5, Netty). An optional dependency of this module: add it to
 * use this class.
 *
 * <p>Why a second client: Eclipse Paho 1.2.5 parses every received packet from memory one byte at a
 * time, so on a busy subscriber each byte that COSE and the profile's properties add costs more
 * than sealing and opening do. The HiveMQ client decodes from Netty buffers and keeps sealed
 * throughput close to plaintext (the README's MQTT benchmark has both).
 *
 * <p>Differences from {@code PahoClients}: MQTT v5 only; TLS must be configured with {@code
 * SecureMqttOptions.Builder.tls(...)} (this client takes trust and key managers, not an {@code
 * SSLContext}); URIs are {@code tcp://} or {@code mqtt://} and {@code ssl://} or {@code mqtts://}.
 * Listeners run on the client's Netty thread: like Paho's callback thread, they must not block.
 */
public final class HiveMqClients {
  private HiveMqClients() {}

  /**
   * Makes an MQTT v5 client. Nothing is sent before {@link SecureMqttClient#connect()}.
   *
   * @param options broker, session and TLS
   * @param sealer seals outgoing payloads, or null for a client that only subscribes
   * @param opener opens incoming payloads, or null for a client that only publishes
   * @param listener receives opened messages (ignored without an opener)
   * @param rejections receives rejected messages (ignored without an opener)
   * @return the client
   * @throws SecureMqttException if the URI is not a TCP or TLS MQTT URI, or TLS was given as an
   *     {@code SSLContext}
   */
  public static SecureMqttClient v5(
      SecureMqttOptions options,
      PayloadSealer sealer,
      PayloadOpener opener,
      OpenedMessageListener listener,
      RejectionListener rejections)
      throws SecureMqttException {
    return new HiveMqV5Client(options, sealer, opener, listener, rejections);
  }
}
