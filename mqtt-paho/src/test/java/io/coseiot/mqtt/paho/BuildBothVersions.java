package io.coseiot.mqtt.paho;

import io.coseiot.mqtt.client.SecureMqttClient;
import io.coseiot.mqtt.client.SecureMqttException;
import io.coseiot.mqtt.codec.MqttVersion;
import java.util.concurrent.Callable;

/**
 * Run by {@link WithoutMqtt311JarTest} in a class loader without Paho's MQTT 3.1.1 jar: builds an
 * MQTT v5 client, then tries an MQTT 3.1.1 one.
 */
public final class BuildBothVersions implements Callable<String> {
  @Override
  public String call() throws Exception {
    try (SecureMqttClient v5 =
        PahoMqtt.client("tcp://127.0.0.1:1").codec(Codecs.encrypt0(MqttVersion.V5)).build()) {
      PahoMqtt.client("tcp://127.0.0.1:1").codec(Codecs.encrypt0(MqttVersion.V3_1_1)).build();
      return "both built";
    } catch (SecureMqttException e) {
      return e.getMessage();
    }
  }
}
