package io.coseiot.mqtt.paho;

import io.coseiot.cose.exception.CoseException;
import io.coseiot.mqtt.codec.PayloadOpener;
import io.coseiot.mqtt.codec.PayloadSealer;
import java.util.concurrent.CompletableFuture;

/**
 * An MQTT client, over Eclipse Paho, that seals every payload it publishes and opens every payload
 * it receives, so the broker only routes COSE messages.
 *
 * <p>Received messages that open go to the {@link OpenedMessageListener} as plaintext with their
 * verified metadata; those that do not go to the {@link RejectionListener} with the typed reason
 * and never reach the application as data. Neither a bad message nor a listener that throws stops
 * the client: the callback thread logs and carries on.
 *
 * <p>Two protocol levels: {@link #v5} sends the COSE profile's MQTT v5 properties (content type,
 * payload format indicator 0, the key id user property) and gives the received ones to the opener;
 * {@link #v311} speaks MQTT 3.1.1, where only the payload travels and the opener gets a null
 * content type and no user properties (the kid is then only in the COSE header).
 *
 * <p>The blocking calls ({@link #connect}, {@link #subscribe}, {@link #unsubscribe}, {@link
 * #disconnect}) must not be made from a listener: they wait for the callback thread that runs it.
 * {@link #publish} does not block and may be.
 */
public interface SecureMqttClient extends AutoCloseable {

  /**
   * Makes an MQTT v5 client. Nothing is sent before {@link #connect()}.
   *
   * @param options broker, session and TLS
   * @param sealer seals outgoing payloads, or null for a client that only subscribes
   * @param opener opens incoming payloads, or null for a client that only publishes
   * @param listener receives opened messages (ignored without an opener)
   * @param rejections receives rejected messages (ignored without an opener)
   * @return the client
   * @throws SecureMqttException if Paho refuses the URI or client id
   */
  static SecureMqttClient v5(
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
  static SecureMqttClient v311(
      SecureMqttOptions options,
      PayloadSealer sealer,
      PayloadOpener opener,
      OpenedMessageListener listener,
      RejectionListener rejections)
      throws SecureMqttException {
    return new PahoV3Client(options, sealer, opener, listener, rejections);
  }

  /**
   * Connects and waits for the broker's answer.
   *
   * @throws SecureMqttException if the connection is refused or times out
   */
  void connect() throws SecureMqttException;

  /**
   * Subscribes to a topic filter and waits until the broker grants it. The subscription is renewed
   * after an automatic reconnect.
   *
   * @param topicFilter the filter, wildcards allowed (on the wire form of the topics)
   * @param qos the maximum QoS, 0 to 2
   * @throws SecureMqttException if the broker refuses it or it times out
   * @throws IllegalStateException if the client has no opener
   */
  void subscribe(String topicFilter, int qos) throws SecureMqttException;

  /**
   * Unsubscribes and waits for the broker's answer.
   *
   * @param topicFilter the filter given to {@link #subscribe}
   * @throws SecureMqttException if it fails or times out
   */
  void unsubscribe(String topicFilter) throws SecureMqttException;

  /**
   * Seals a payload and publishes it to the topic the sealer chooses (the real topic, or its
   * obfuscated form). Does not block.
   *
   * @param topic the real topic, no wildcards
   * @param plaintext the application payload
   * @param qos 0 to 2
   * @param retained whether the broker keeps it for later subscribers
   * @return completes when the broker has it (as far as the QoS says), or with a {@link
   *     SecureMqttException}
   * @throws CoseException if sealing fails, e.g. no key covers the topic
   * @throws IllegalStateException if the client has no sealer
   */
  CompletableFuture<Void> publish(String topic, byte[] plaintext, int qos, boolean retained)
      throws CoseException;

  /**
   * Tells whether the client is connected now.
   *
   * @return true if connected
   */
  boolean isConnected();

  /**
   * Disconnects cleanly and waits.
   *
   * @throws SecureMqttException if it fails or times out
   */
  void disconnect() throws SecureMqttException;

  /** Disconnects if connected, then releases the client's threads; never throws. */
  @Override
  void close();
}
