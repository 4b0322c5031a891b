package io.coseiot.mqtt.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * A plain Paho v5 client with no keys: it sees what the broker carries, and can publish anything
 * (replays, forgeries, plaintext).
 */
final class Outsider implements AutoCloseable {
  /** One message as the broker delivered it. */
  record Seen(String topic, byte[] payload, MqttProperties properties) {
    String contentType() {
      return properties == null ? null : properties.getContentType();
    }

    List<UserProperty> userProperties() {
      return properties == null || properties.getUserProperties() == null
          ? List.of()
          : properties.getUserProperties();
    }
  }

  final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
  private final MqttClient client;

  Outsider(String uri) throws MqttException {
    client = new MqttClient(uri, "outsider-" + System.nanoTime(), new MemoryPersistence());
    client.setCallback(
        new MqttCallback() {
          @Override
          public void messageArrived(String topic, MqttMessage m) {
            seen.add(new Seen(topic, m.getPayload(), m.getProperties()));
          }

          @Override
          public void disconnected(MqttDisconnectResponse r) {}

          @Override
          public void mqttErrorOccurred(MqttException e) {}

          @Override
          public void deliveryComplete(IMqttToken t) {}

          @Override
          public void connectComplete(boolean reconnect, String uri) {}

          @Override
          public void authPacketArrived(int code, MqttProperties p) {}
        });
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    client.connect(o);
  }

  /** Subscribes to a filter and records everything it gets. */
  Outsider watch(String filter) throws MqttException {
    client.subscribe(filter, 1);
    return this;
  }

  /** The next message seen, or fails after the wait. */
  Seen next() throws InterruptedException {
    Seen s = seen.poll(Inbox.WAIT_SECONDS, TimeUnit.SECONDS);
    if (s == null) {
      throw new AssertionError("the outsider saw nothing within " + Inbox.WAIT_SECONDS + " s");
    }
    return s;
  }

  /** Everything seen until nothing more arrives for a short while. */
  List<Seen> drain(int atLeast) throws InterruptedException {
    List<Seen> all = new ArrayList<>();
    while (all.size() < atLeast) {
      all.add(next());
    }
    Seen s;
    while ((s = seen.poll(300, TimeUnit.MILLISECONDS)) != null) {
      all.add(s);
    }
    return all;
  }

  /** Publishes raw bytes with the given properties (null for none) at QoS 1 and waits. */
  void publish(String topic, byte[] payload, MqttProperties properties) throws MqttException {
    MqttMessage m = new MqttMessage(payload);
    m.setQos(1);
    if (properties != null) {
      m.setProperties(properties);
    }
    // Paho completes a QoS 1 token before it counts the publish out of flight, so a burst of
    // synchronous publishes can still hit its in-flight limit: wait a moment and try again.
    for (int attempt = 0; ; attempt++) {
      try {
        client.publish(topic, m);
        return;
      } catch (MqttException e) {
        if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT || attempt > 100) {
          throw e;
        }
        try {
          Thread.sleep(10);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** Publishes what was seen, properties included, to a topic. */
  void republish(Seen s, String topic) throws MqttException {
    publish(topic, s.payload(), copy(s.properties()));
  }

  static MqttProperties copy(MqttProperties p) {
    MqttProperties c = new MqttProperties();
    if (p != null) {
      c.setContentType(p.getContentType());
      c.setPayloadFormat(false);
      if (p.getUserProperties() != null) {
        c.setUserProperties(new ArrayList<>(p.getUserProperties()));
      }
    }
    return c;
  }

  @Override
  public void close() throws MqttException {
    try {
      if (client.isConnected()) {
        client.disconnect();
      }
    } finally {
      client.close();
    }
  }
}
