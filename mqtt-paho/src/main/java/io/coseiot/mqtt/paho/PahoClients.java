package io.coseiot.mqtt.paho;

import io.coseiot.mqtt.client.OpenedMessageListener;
import io.coseiot.mqtt.client.RejectionListener;
import io.coseiot.mqtt.client.SecureMqttClient;
import io.coseiot.mqtt.client.SecureMqttException;
import io.coseiot.mqtt.client.SecureMqttOptions;
import io.coseiot.mqtt.codec.PayloadOpener;
import io.coseiot.mqtt.codec.PayloadSealer;

/**
 * Makes {@link SecureMqttClient}s over Eclipse Paho 1.2.5: MQTT v5 ({@code mqttv5.client}) and MQTT
 * 3.1.1 ({@code mqttv3}). Plain TCP sockets get {@code TCP_NODELAY} and a read buffer (see {@link
 * NoDelaySockets}).
 */
public final class PahoClients {
  private PahoClients() {}

  /**
   * Makes an MQTT v5 client. Nothing is sent before {@link SecureMqttClient#connect()}.
   *
   * @param options broker, session and TLS
   * @param sealer seals outgoing payloads, or null for a client that only subscribes
   * @param opener opens incoming payloads, or null for a client that only publishes
   * @param listener receives opened messages (ignored without an opener)
   * @param rejections receives rejected messages (ignored without an opener)
   * @return the client
   * @throws SecureMqttException if Paho refuses the URI or client id
   */
  public static SecureMqttClient v5(
      SecureMqttOptions options,
      PayloadSealer sealer,
      PayloadOpener opener,
      OpenedMessageListener listener,
      RejectionListener rejections)
      throws SecureMqttException {
    return new PahoV5Client(options, sealer, opener, listener, rejections);
  }

  /**
   * Makes an MQTT 3.1.1 client: only the COSE payload travels, no properties.
   *
   * @param options broker, session and TLS (the session expiry is not sent)
   * @param sealer seals outgoing payloads, or null for a client that only subscribes
   * @param opener opens incoming payloads, or null for a client that only publishes
   * @param listener receives opened messages (ignored without an opener)
   * @param rejections receives rejected messages (ignored without an opener)
   * @return the client
   * @throws SecureMqttException if Paho refuses the URI or client id
   */
  public static SecureMqttClient v311(
      SecureMqttOptions options,
      PayloadSealer sealer,
      PayloadOpener opener,
      OpenedMessageListener listener,
      RejectionListener rejections)
      throws SecureMqttException {
    return new PahoV3Client(options, sealer, opener, listener, rejections);
  }
}
