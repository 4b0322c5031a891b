package io.coseiot.mqtt.client;

import io.coseiot.mqtt.codec.SealedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * A QoS 1 publisher of messages sealed beforehand, as a device that keeps each sealed message until
 * the broker acknowledges it: a message whose PUBACK did not come (connection lost, broker killed)
 * is sent again, byte for byte, after reconnecting. So every duplicate it causes is the same COSE
 * message, which the subscriber's replay state must refuse. A few messages in flight at once.
 */
final class ResendingPublisher implements AutoCloseable {
  private final String uri;
  private final MqttAsyncClient client;
  private final Semaphore window;
  private final Set<Integer> acked = ConcurrentHashMap.newKeySet();
  private final PriorityBlockingQueue<Integer> again = new PriorityBlockingQueue<>();
  private final AtomicInteger resent = new AtomicInteger();
  private final AtomicInteger connects = new AtomicInteger();

  ResendingPublisher(String uri, int inFlight) throws MqttException {
    this.uri = uri;
    this.client =
        new MqttAsyncClient(uri, "resender-" + System.nanoTime(), new MemoryPersistence());
    this.window = new Semaphore(inFlight);
  }

  /** How many messages the broker has acknowledged. */
  int acked() {
    return acked.size();
  }

  /** How many sends were a message sent again. */
  int resent() {
    return resent.get();
  }

  /** How many times it connected (the first time included). */
  int connects() {
    return connects.get();
  }

  /**
   * Publishes every message until each is acknowledged, reconnecting as needed.
   *
   * @param messages sealed messages, published in order
   * @param timeoutMillis how long the whole run may take
   * @param received how many the subscriber has received so far
   * @param maxAhead how many new messages may be sent beyond those received (resends always go)
   * @throws IllegalStateException if not every message was acknowledged in time
   */
  void publishAll(
      List<SealedMessage> messages, long timeoutMillis, IntSupplier received, int maxAhead)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    int next = 0;
    while (acked.size() < messages.size()) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException(
            acked.size() + " of " + messages.size() + " acknowledged in " + timeoutMillis + " ms");
      }
      if (!client.isConnected()) {
        connect();
        continue;
      }
      if (!window.tryAcquire(20, TimeUnit.MILLISECONDS)) {
        continue;
      }
      Integer i = again.poll();
      if (i != null) {
        resent.incrementAndGet();
      } else if (next < messages.size() && next - received.getAsInt() < maxAhead) {
        i = next++;
      } else {
        window.release();
        Thread.sleep(1);
        continue;
      }
      send(i, messages.get(i));
    }
  }

  private void connect() throws InterruptedException {
    try {
      MqttConnectionOptions o = new MqttConnectionOptions();
      // Paho keeps nothing across connections; resending is this class's job.
      o.setCleanStart(true);
      o.setConnectionTimeout(2);
      client.connect(o).waitForCompletion(3_000);
      connects.incrementAndGet();
    } catch (MqttException notYet) {
      Thread.sleep(50);
    }
  }

  private void send(int i, SealedMessage m) {
    MqttMessage message = new MqttMessage(m.payload(), 1, false, properties(m));
    MqttActionListener done =
        new MqttActionListener() {
          @Override
          public void onSuccess(IMqttToken token) {
            acked.add(i);
            window.release();
          }

          @Override
          public void onFailure(IMqttToken token, Throwable e) {
            again.add(i);
            window.release();
          }
        };
    try {
      client.publish(m.topic(), message, null, done);
    } catch (MqttException | RuntimeException e) {
      again.add(i);
      window.release();
    }
  }

  /** The profile's MQTT v5 properties of a sealed message. */
  static MqttProperties properties(SealedMessage m) {
    MqttProperties p = new MqttProperties();
    p.setContentType(m.contentType());
    p.setPayloadFormat(false);
    List<UserProperty> user = new ArrayList<>();
    m.userProperties().forEach((k, v) -> user.add(new UserProperty(k, v)));
    if (!user.isEmpty()) {
      p.setUserProperties(user);
    }
    return p;
  }

  @Override
  public void close() throws MqttException {
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(5_000);
      }
    } finally {
      client.close(true);
    }
  }

  @Override
  public String toString() {
    return "resending publisher on " + uri;
  }
}
