package io.coseiot.examples;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.mqtt.client.ClientHealth;
import io.coseiot.mqtt.client.SecureMqttClient;
import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.RejectedMessageException;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.TopicKeyset;
import io.coseiot.mqtt.paho.PahoMqtt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A rejected message's WARNING line reaching Logback. The library logs through {@link
 * System.Logger}; with {@code org.slf4j:slf4j-jdk-platform-logging} and {@code
 * ch.qos.logback:logback-classic} on the class path, {@code System.getLogger} returns SLF4J's
 * loggers, so Logback's configuration decides where {@code io.coseiot.mqtt.rejections} goes. No
 * code is needed for the routing: this example only makes such a line, with a message sealed under
 * another master secret, and reads the subscriber's health.
 */
public final class LoggingToSlf4j {
  private LoggingToSlf4j() {}

  /**
   * Subscribes with one master secret, has a stranger publish under another, and waits for the
   * rejection.
   *
   * @param brokerUri the broker, e.g. {@code tcp://127.0.0.1:1883}
   * @param masterSecret the subscriber's master secret
   * @param strangerSecret the stranger's, a different one
   * @return the subscriber's health once the rejection came (or after 10 s without one)
   * @throws Exception if a client cannot connect, subscribe or publish
   */
  public static ClientHealth run(String brokerUri, byte[] masterSecret, byte[] strangerSecret)
      throws Exception {
    CoseMqttCodec ours = codec(masterSecret);
    BlockingQueue<RejectedMessageException> rejected = new LinkedBlockingQueue<>();
    try (SecureMqttClient stranger =
        PahoMqtt.client(brokerUri).codec(codec(strangerSecret)).build()) {
      // README:begin
      // slf4j-jdk-platform-logging and logback-classic on the class path: nothing else to do.
      try (SecureMqttClient subscriber =
          PahoMqtt.client(brokerUri)
              .codec(ours)
              .onMessage((m, c) -> {})
              .onRejection((topic, why) -> rejected.add(why))
              .build()) {
        subscriber.connect();
        subscriber.subscribe("site/+/temperature", 1);
        stranger.connect();
        stranger.publish("site/kitchen/temperature", new byte[] {1}, 1, false).get();
        rejected.poll(10, TimeUnit.SECONDS);
        // Logback got: WARN io.coseiot.mqtt.rejections - rejected a message on topic
        // site/kitchen/temperature, kid ...: (what was wrong and what to check)
        return subscriber.health(); // connected, counts, last rejection (time, topic, reason)
      }
      // README:end
    }
  }

  private static CoseMqttCodec codec(byte[] masterSecret) throws Exception {
    Keyring keyring =
        Keyring.builder()
            .add(TopicKeyset.derived("site/+/temperature", Algorithm.A128GCM, masterSecret, null))
            .build();
    return CoseMqttCodec.builder().keyring(keyring).build();
  }
}
