package io.coseiot.bench;

import io.coseiot.mqtt.client.SecureMqttClient;
import io.coseiot.mqtt.client.SecureMqttOptions;
import io.coseiot.mqtt.client.spi.Inbound;
import io.coseiot.mqtt.client.spi.MqttAdapter;
import io.coseiot.mqtt.client.spi.MqttTransport;
import io.coseiot.mqtt.codec.MqttVersion;
import io.coseiot.mqtt.codec.SealedMessage;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One end of a {@link MqttBench} lane: a {@link SecureMqttClient} for the sealed runs, or the bare
 * transport of the same MQTT library for the plaintext baselines, so that the difference is all
 * that cose-iot adds.
 */
interface MqttEndpoint extends AutoCloseable {

  /**
   * Subscribes and waits for the grant.
   *
   * @param filter the filter
   * @param qos the maximum QoS
   * @throws Exception if it fails
   */
  void subscribe(String filter, int qos) throws Exception;

  /**
   * Publishes without waiting.
   *
   * @param topic the topic
   * @param payload the application payload
   * @param qos the QoS
   * @return completes when the broker has it
   */
  CompletableFuture<Void> publish(String topic, byte[] payload, int qos);

  @Override
  void close();

  /**
   * A sealing client, connected.
   *
   * @param client the client, not yet connected
   * @return the endpoint
   * @throws Exception if it cannot connect
   */
  static MqttEndpoint sealed(SecureMqttClient client) throws Exception {
    client.connect();
    return new MqttEndpoint() {
      @Override
      public void subscribe(String filter, int qos) throws Exception {
        client.subscribe(filter, qos);
      }

      @Override
      public CompletableFuture<Void> publish(String topic, byte[] payload, int qos) {
        return client.publish(topic, payload, qos, false);
      }

      @Override
      public void close() {
        client.close();
      }
    };
  }

  /**
   * The bare MQTT v5 library, connected: publishes the plaintext with the given content type and
   * user properties (none for plain MQTT, the sealed ones to measure the properties alone).
   *
   * @param adapter the library
   * @param options broker and client id
   * @param contentType sent with each message, or null
   * @param userProperties sent with each message
   * @param received gets each payload that arrives
   * @return the endpoint
   * @throws Exception if it cannot connect
   */
  static MqttEndpoint plain(
      MqttAdapter adapter,
      SecureMqttOptions options,
      String contentType,
      Map<String, String> userProperties,
      Consumer<byte[]> received)
      throws Exception {
    MqttTransport t =
        adapter.transport(
            options,
            MqttVersion.V5,
            new Inbound() {
              @Override
              public void message(
                  String topic, byte[] payload, String ct, Map<String, String> props) {
                received.accept(payload);
              }

              @Override
              public void connected() {}
            });
    t.connect();
    return new MqttEndpoint() {
      @Override
      public void subscribe(String filter, int qos) throws Exception {
        t.subscribe(filter, qos);
      }

      @Override
      public CompletableFuture<Void> publish(String topic, byte[] payload, int qos) {
        return t.publish(
            new SealedMessage(topic, payload, contentType, userProperties), qos, false);
      }

      @Override
      public void close() {
        try {
          t.disconnect();
        } catch (Exception e) {
          // Closing regardless.
        }
        t.close();
      }
    };
  }
}
