package io.coseiot.examples;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.mqtt.client.SecureMqttClient;
import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.OpenedMessage;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.TopicKeyset;
import io.coseiot.mqtt.paho.PahoMqtt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Publishes a sealed MQTT message and receives it opened: both ends derive the topic key from one
 * master secret, the broker carries only the COSE_Encrypt0.
 */
public final class SealedMqtt {
  private SealedMqtt() {}

  /**
   * Subscribes, publishes one message and waits for it.
   *
   * @param brokerUri the broker, e.g. {@code tcp://127.0.0.1:1883}
   * @param masterSecret the secret the topic keys are derived from (32 random bytes)
   * @param temperature the payload to publish
   * @return the message the subscriber opened, or null if none came within 10 s
   * @throws Exception if a client cannot connect, subscribe or publish
   */
  public static OpenedMessage run(String brokerUri, byte[] masterSecret, byte[] temperature)
      throws Exception {
    // README:begin
    Keyring keyring =
        Keyring.builder()
            .add(TopicKeyset.derived("site/+/temperature", Algorithm.A128GCM, masterSecret, null))
            .build();
    CoseMqttCodec codec = CoseMqttCodec.builder().keyring(keyring).build();
    BlockingQueue<OpenedMessage> inbox = new LinkedBlockingQueue<>();
    try (SecureMqttClient subscriber =
            PahoMqtt.client(brokerUri).codec(codec).onMessage((m, c) -> inbox.add(m)).build();
        SecureMqttClient publisher = PahoMqtt.client(brokerUri).codec(codec).build()) {
      subscriber.connect();
      subscriber.subscribe("site/+/temperature", 1);
      publisher.connect();
      publisher.publish("site/kitchen/temperature", temperature, 1, false).get();
      return inbox.poll(10, TimeUnit.SECONDS);
    }
    // README:end
  }
}
