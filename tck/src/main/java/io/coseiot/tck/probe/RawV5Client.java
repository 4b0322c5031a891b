package io.coseiot.tck.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/** {@link RawClient} on Paho's MQTT 5 client. */
final class RawV5Client implements RawClient {
  private final MqttClient client;
  private final AtomicReference<String> lost;

  private RawV5Client(MqttClient client, AtomicReference<String> lost) {
    this.client = client;
    this.lost = lost;
  }

  static RawV5Client connect(String uri, String clientId, Consumer<Observed> sink)
      throws ProbeSetupException {
    try {
      MqttClient c = new MqttClient(uri, clientId, new MemoryPersistence());
      AtomicInteger index = new AtomicInteger();
      AtomicReference<String> lost = new AtomicReference<>();
      c.setCallback(
          new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage m) {
              MqttProperties p = m.getProperties();
              List<Map.Entry<String, String>> props = new ArrayList<>();
              String ct = null;
              boolean utf8 = false;
              if (p != null) {
                ct = p.getContentType();
                utf8 = p.getPayloadFormat();
                for (UserProperty u : p.getUserProperties()) {
                  props.add(Map.entry(u.getKey(), u.getValue()));
                }
              }
              sink.accept(
                  new Observed(
                      index.incrementAndGet(),
                      topic,
                      m.getPayload(),
                      m.getQos(),
                      m.isDuplicate(),
                      m.isRetained(),
                      ct,
                      utf8,
                      props));
            }

            @Override
            public void disconnected(MqttDisconnectResponse r) {
              lost.compareAndSet(null, "the broker disconnected: " + r);
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {}

            @Override
            public void deliveryComplete(IMqttToken t) {}

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {}

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {}
          });
      MqttConnectionOptions o = new MqttConnectionOptions();
      o.setCleanStart(true);
      o.setConnectionTimeout(10);
      o.setAutomaticReconnect(false);
      c.connect(o);
      return new RawV5Client(c, lost);
    } catch (MqttException | IllegalArgumentException e) {
      throw new ProbeSetupException("cannot connect to " + uri + ": " + e.getMessage());
    }
  }

  @Override
  public void subscribe(List<String> filters) throws ProbeSetupException {
    MqttSubscription[] subs = new MqttSubscription[filters.size()];
    for (int i = 0; i < subs.length; i++) {
      subs[i] = new MqttSubscription(filters.get(i), 1);
      subs[i].setNoLocal(true); // the probe's own commands are no device traffic
    }
    try {
      IMqttToken t = client.subscribe(subs);
      for (int rc : t.getReasonCodes()) {
        if (rc >= 0x80) {
          throw new ProbeSetupException(
              "the broker refused the subscription to " + filters + " (reason code " + rc + ")");
        }
      }
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
    MqttProperties p = new MqttProperties();
    p.setContentType(contentType);
    List<UserProperty> ups = new ArrayList<>();
    userProperties.forEach((k, v) -> ups.add(new UserProperty(k, v)));
    p.setUserProperties(ups);
    m.setProperties(p);
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
