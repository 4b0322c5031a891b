package io.coseiot.mqtt.paho;

import io.coseiot.cose.exception.CoseException;
import io.coseiot.mqtt.client.ClientHealth;
import io.coseiot.mqtt.client.ClientStats;
import io.coseiot.mqtt.client.Delivery;
import io.coseiot.mqtt.client.OpenedMessageListener;
import io.coseiot.mqtt.client.RejectionListener;
import io.coseiot.mqtt.client.SecureMqttClient;
import io.coseiot.mqtt.client.SecureMqttException;
import io.coseiot.mqtt.client.SecureMqttOptions;
import io.coseiot.mqtt.codec.PayloadOpener;
import io.coseiot.mqtt.codec.PayloadSealer;
import io.coseiot.mqtt.codec.SealedMessage;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.SocketFactory;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * {@link SecureMqttClient} over Paho's MQTT 3.1.1 {@link MqttAsyncClient}: the COSE payload travels
 * alone, so the opener sees no content type and no user properties.
 */
final class PahoV3Client implements SecureMqttClient {
  private static final System.Logger LOG = System.getLogger(PahoV3Client.class.getName());
  private static final int MAX_INFLIGHT = 1000;

  private final SecureMqttOptions options;
  private final PayloadSealer sealer;
  private final Delivery delivery;
  private final ClientStats stats = new ClientStats();
  private final MqttAsyncClient client;
  private final long timeoutMillis;
  private final Map<String, Integer> subscriptions = new ConcurrentHashMap<>();
  // Subscribing from connectComplete on the callback thread deadlocks Paho (issue 985).
  private final ExecutorService renewals =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "cose-iot-mqtt3-resubscribe");
            t.setDaemon(true);
            return t;
          });

  PahoV3Client(
      SecureMqttOptions options,
      PayloadSealer sealer,
      PayloadOpener opener,
      OpenedMessageListener listener,
      RejectionListener rejections)
      throws SecureMqttException {
    this.options = Objects.requireNonNull(options, "options");
    this.sealer = sealer;
    this.delivery = Delivery.forOpener(opener, listener, rejections, stats);
    this.timeoutMillis = options.operationTimeout().toMillis();
    try {
      this.client =
          new MqttAsyncClient(options.serverUri(), options.clientId(), new MemoryPersistence());
    } catch (MqttException | IllegalArgumentException e) {
      throw new SecureMqttException("cannot create a client for " + options.serverUri(), e);
    }
    client.setCallback(new Callback());
  }

  @Override
  public void connect() throws SecureMqttException {
    MqttConnectOptions c = new MqttConnectOptions();
    c.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    c.setCleanSession(options.cleanStart());
    c.setKeepAliveInterval(options.keepAliveSeconds());
    c.setConnectionTimeout((int) Math.max(1, options.operationTimeout().toSeconds()));
    c.setAutomaticReconnect(options.automaticReconnect());
    c.setMaxInflight(MAX_INFLIGHT);
    if (options.username() != null) {
      c.setUserName(options.username());
    }
    if (options.password() != null) {
      c.setPassword(options.password());
    }
    SocketFactory sockets = NoDelaySockets.forUri(options.serverUri(), options.sslContext());
    if (sockets != null) {
      c.setSocketFactory(sockets);
    }
    c.setHttpsHostnameVerificationEnabled(options.hostnameVerification());
    try {
      client.connect(c).waitForCompletion(timeoutMillis);
    } catch (MqttException e) {
      throw new SecureMqttException("cannot connect to " + options.serverUri(), e);
    }
    if (!client.isConnected()) {
      throw new SecureMqttException("no answer from " + options.serverUri() + " in time", null);
    }
  }

  @Override
  public void subscribe(String topicFilter, int qos) throws SecureMqttException {
    if (delivery == null) {
      throw new IllegalStateException("this client has no payload opener; it cannot subscribe");
    }
    subscribeNow(topicFilter, qos);
    subscriptions.put(topicFilter, qos);
  }

  private void subscribeNow(String topicFilter, int qos) throws SecureMqttException {
    try {
      IMqttToken token = client.subscribe(topicFilter, qos);
      token.waitForCompletion(timeoutMillis);
      int[] granted = token.getGrantedQos();
      if (!token.isComplete() || granted == null || granted.length == 0 || granted[0] >= 0x80) {
        throw new SecureMqttException("broker refused the subscription to " + topicFilter, null);
      }
    } catch (MqttException e) {
      throw new SecureMqttException("cannot subscribe to " + topicFilter, e);
    }
  }

  @Override
  public void unsubscribe(String topicFilter) throws SecureMqttException {
    subscriptions.remove(topicFilter);
    try {
      client.unsubscribe(topicFilter).waitForCompletion(timeoutMillis);
    } catch (MqttException e) {
      throw new SecureMqttException("cannot unsubscribe from " + topicFilter, e);
    }
  }

  @Override
  public CompletableFuture<Void> publish(String topic, byte[] plaintext, int qos, boolean retained)
      throws CoseException {
    if (sealer == null) {
      throw new IllegalStateException("this client has no payload sealer; it cannot publish");
    }
    SealedMessage sealed = sealer.seal(topic, plaintext);
    MqttMessage message = new MqttMessage(sealed.payload());
    message.setQos(qos);
    message.setRetained(retained);
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      client.publish(
          sealed.topic(),
          message,
          null,
          new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
              stats.published();
              done.complete(null);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
              done.completeExceptionally(
                  new SecureMqttException("publish to " + sealed.topic() + " failed", e));
            }
          });
    } catch (MqttException | RuntimeException e) {
      done.completeExceptionally(new SecureMqttException("cannot publish to " + sealed.topic(), e));
    }
    return done;
  }

  @Override
  public ClientHealth health() {
    return stats.snapshot(isConnected());
  }

  @Override
  public boolean isConnected() {
    return client.isConnected();
  }

  @Override
  public void disconnect() throws SecureMqttException {
    try {
      client.disconnect().waitForCompletion(timeoutMillis);
    } catch (MqttException e) {
      throw new SecureMqttException("cannot disconnect from " + options.serverUri(), e);
    }
  }

  @Override
  public void close() {
    renewals.shutdownNow();
    try {
      if (client.isConnected()) {
        client.disconnect().waitForCompletion(timeoutMillis);
      }
    } catch (MqttException | RuntimeException e) {
      LOG.log(Level.DEBUG, "disconnect on close failed", e);
      try {
        client.disconnectForcibly(0, 0, false);
      } catch (MqttException | RuntimeException ignored) {
        // Closing regardless.
      }
    }
    try {
      client.close(true);
    } catch (MqttException | RuntimeException e) {
      LOG.log(Level.DEBUG, "close failed", e);
    }
  }

  private final class Callback implements MqttCallbackExtended {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      if (delivery == null) {
        return;
      }
      try {
        delivery.deliver(topic, message.getPayload(), null, Map.of());
      } catch (Throwable t) {
        LOG.log(Level.ERROR, "delivery failed on a message from " + topic, t);
      }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      if (!reconnect || subscriptions.isEmpty()) {
        return;
      }
      Map<String, Integer> again = Map.copyOf(subscriptions);
      try {
        renewals.execute(
            () ->
                again.forEach(
                    (filter, qos) -> {
                      try {
                        subscribeNow(filter, qos);
                      } catch (SecureMqttException | RuntimeException e) {
                        LOG.log(Level.WARNING, "cannot renew the subscription to " + filter, e);
                      }
                    }));
      } catch (RuntimeException e) {
        LOG.log(Level.DEBUG, "client closing; subscriptions not renewed", e);
      }
    }

    @Override
    public void connectionLost(Throwable cause) {
      LOG.log(Level.DEBUG, "connection to " + options.serverUri() + " lost", cause);
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {}
  }
}
