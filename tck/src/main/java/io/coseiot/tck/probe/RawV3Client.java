package io.coseiot.tck.probe;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** {@link RawClient} on Paho's MQTT 3.1.1 client: no properties exist. */
final class RawV3Client implements RawClient {
  private final MqttClient client;
  private final AtomicReference<String> lost;

  private RawV3Client(MqttClient client, AtomicReference<String> lost) {
    this.client = client;
    this.lost = lost;
  }

  static RawV3Client connect(String uri, String clientId, Consumer<Observed> sink)
      throws ProbeSetupException {
    try {
      MqttClient c = new MqttClient(uri, clientId, new MemoryPersistence());
      AtomicInteger index = new AtomicInteger();
      AtomicReference<String> lost = new AtomicReference<>();
      c.setCallback(
          new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage m) {
              sink.accept(
                  new Observed(
                      index.incrementAndGet(),
                      topic,
                      m.getPayload(),
                      m.getQos(),
                      m.isDuplicate(),
                      m.isRetained(),
                      null,
                      false,
                      List.of()));
            }

            @Override
            public void connectionLost(Throwable cause) {
              lost.compareAndSet(null, "the connection dropped: " + cause.getMessage());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
          });
      MqttConnectOptions o = new MqttConnectOptions();
      o.setCleanSession(true);
      o.setConnectionTimeout(10);
      o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
      c.connect(o);
      return new RawV3Client(c, lost);
    } catch (MqttException | IllegalArgumentException e) {
      throw new ProbeSetupException("cannot connect to " + uri + ": " + e.getMessage());
    }
  }

  @Override
  public void subscribe(List<String> filters) throws ProbeSetupException {
    int[] qos = new int[filters.size()];
    java.util.Arrays.fill(qos, 1);
    try {
      client.subscribe(filters.toArray(String[]::new), qos);
    } catch (MqttException | IllegalArgumentException e) {
      throw new ProbeSetupException("cannot subscribe to " + filters + ": " + e.getMessage());
    }
  }

  @Override
  public void publish(
      String topic, byte[] payload, String contentType, Map<String, String> userProperties)
      throws ProbeSetupException {
    MqttMessage m = new MqttMessage(payload);
    m.setQos(1);
    try {
      client.publish(topic, m);
    } catch (MqttException e) {
      throw new ProbeSetupException("cannot publish to " + topic + ": " + e.getMessage());
    }
  }

  @Override
  public String lost() {
    return lost.get();
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect();
      }
      client.close();
    } catch (MqttException e) {
      // Closing regardless.
    }
  }
}
