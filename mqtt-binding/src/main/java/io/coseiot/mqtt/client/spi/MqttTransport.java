package io.coseiot.mqtt.client.spi;

import io.coseiot.mqtt.codec.SealedMessage;
import java.util.concurrent.CompletableFuture;

/**
 * The calls of one MQTT client library that a {@link io.coseiot.mqtt.client.SecureMqttClient}
 * makes: all an adapter writes. Sealing, opening, listeners, rejection logging, health,
 * subscription checks and renewal, and the mapping of failures to {@link
 * io.coseiot.mqtt.client.SecureMqttException} stay in the client, so they behave alike over every
 * library.
 *
 * <p>The blocking calls wait at most the options' operation timeout and may throw the library's own
 * exceptions, which the client wraps with what it was doing; a refusal the library does not report
 * as an exception (a SUBACK reason code of 0x80 or above) is thrown as a {@code
 * SecureMqttException} saying so.
 */
public interface MqttTransport {

  /**
   * Connects and waits for the CONNACK.
   *
   * @throws Exception if the connection fails or is refused
   */
  void connect() throws Exception;

  /**
   * Subscribes and waits until the broker grants it.
   *
   * @param wireFilter the filter as sent, already checked
   * @param qos 0 to 2
   * @throws Exception if it fails or the broker refuses it
   */
  void subscribe(String wireFilter, int qos) throws Exception;

  /**
   * Unsubscribes and waits for the broker's answer.
   *
   * @param wireFilter the filter as sent
   * @throws Exception if it fails
   */
  void unsubscribe(String wireFilter) throws Exception;

  /**
   * Publishes a sealed message without blocking. In MQTT v5 the message's content type and user
   * properties are sent as properties; in MQTT 3.1.1 only the payload.
   *
   * @param message what the sealer made
   * @param qos 0 to 2
   * @param retained whether the broker keeps it
   * @return completes when the broker has it (as far as the QoS says), or exceptionally with the
   *     library's exception; never throws
   */
  CompletableFuture<Void> publish(SealedMessage message, int qos, boolean retained);

  /**
   * Tells whether the library is connected now.
   *
   * @return true if connected
   */
  boolean isConnected();

  /**
   * Disconnects cleanly and waits.
   *
   * @throws Exception if it fails
   */
  void disconnect() throws Exception;

  /**
   * Releases the library's threads and sockets, forcibly if it is still connected; never throws.
   */
  void close();
}
