package io.coseiot.mqtt.client;

import java.util.concurrent.CompletableFuture;

/**
 * An MQTT client that seals every payload it publishes and opens every payload it receives, so the
 * broker only routes COSE messages. Built from the module of the MQTT library used: {@code
 * PahoMqtt.client(uri)} (mqtt-paho: Eclipse Paho, MQTT v5 and 3.1.1) or {@code
 * HiveMqMqtt.client(uri)} (mqtt-hivemq: the HiveMQ MQTT client, MQTT v5), then {@link
 * SecureMqttClientBuilder#codec codec}, {@link SecureMqttClientBuilder#onMessage onMessage} and
 * {@link SecureMqttClientBuilder#build build}; both behave as described here.
 *
 * <pre>{@code
 * SecureMqttClient client = PahoMqtt.client("tcp://broker:1883")
 *     .codec(codec)
 *     .onMessage((message, c) -> c.publish("acks/" + message.topic(), ACK, 1, false))
 *     .build();
 * }</pre>
 *
 * <p>Received messages that open go to the {@link OpenedMessageListener} as plaintext with their
 * verified metadata; those that do not go to the {@link RejectionListener} with the typed reason
 * and never reach the application as data. Neither a bad message nor a listener that throws stops
 * the client: the callback thread logs and carries on.
 *
 * <p>The codec's {@link io.coseiot.mqtt.codec.CoseMqttCodec.Builder#mqttVersion MQTT version} is
 * the client's. Two protocol levels: an MQTT v5 client sends the COSE profile's MQTT v5 properties
 * (content type, payload format indicator 0, the key id user property) and gives the received ones
 * to the opener; an MQTT 3.1.1 client speaks 3.1.1, where only the payload travels and the opener
 * gets a null content type and no user properties (the kid is then only in the COSE header).
 *
 * <p>The blocking calls ({@link #connect}, {@link #subscribe}, {@link #unsubscribe}, {@link
 * #disconnect}) must not be made from a listener: they wait for the callback thread that runs it.
 * {@link #publish} does not block and may be.
 */
public interface SecureMqttClient extends AutoCloseable {

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
   * <p>With a codec whose mode opens with the keyring's keys (Encrypt0, Sign1-in-Encrypt0, Mac0),
   * the filter must be covered: some topic must match both it and the filter of one of the
   * keyring's keysets (on the wire, so obfuscated when the keyring obfuscates: subscribe with
   * {@code keyring.wireFilter(filter)}), since nothing else could ever open. The signature-only
   * (Sign1) and ECDH (Encrypt) modes open with keys that are not bound to topics, so every filter
   * is covered.
   *
   * @param topicFilter the filter, wildcards allowed (on the wire form of the topics)
   * @param qos the maximum QoS, 0 to 2
   * @throws SecureMqttException if the filter is invalid or no key covers it, the client has no
   *     message listener, or the broker refuses it or does not answer in time
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
   * obfuscated form). Does not block. Every failure arrives through the returned future, with its
   * cause kept: sealing ({@link io.coseiot.cose.exception.CoseException}, e.g. no key covers the
   * topic), a codec that cannot seal, or the MQTT library's error.
   *
   * @param topic the real topic, no wildcards
   * @param plaintext the application payload
   * @param qos 0 to 2
   * @param retained whether the broker keeps it for later subscribers
   * @return completes when the broker has it (as far as the QoS says), or exceptionally with a
   *     {@link SecureMqttException}
   * @throws NullPointerException if topic or plaintext is null
   * @throws IllegalArgumentException if qos is not 0, 1 or 2
   */
  CompletableFuture<Void> publish(String topic, byte[] plaintext, int qos, boolean retained);

  /**
   * Tells whether the client is connected now.
   *
   * @return true if connected
   */
  boolean isConnected();

  /**
   * Reads the client's health: connected, counts of messages published, delivered and rejected
   * since it was made, and the last rejection (when, on which topic, why).
   *
   * @return a snapshot
   */
  ClientHealth health();

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
