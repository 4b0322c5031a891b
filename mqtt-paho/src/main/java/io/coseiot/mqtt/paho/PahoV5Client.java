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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/** {@link SecureMqttClient} over Paho's MQTT v5 {@link MqttAsyncClient}. */
final class PahoV5Client implements SecureMqttClient {
  private static final System.Logger LOG = System.getLogger(PahoV5Client.class.getName());

  private final SecureMqttOptions options;
  private final PayloadSealer sealer;
  private final PayloadOpener opener;
  private final Delivery delivery;
  private final ClientStats stats = new ClientStats();
  private final MqttAsyncClient client;
  private final long timeoutMillis;
  private final Map<String, Integer> subscriptions = new ConcurrentHashMap<>();
  // Subscribing from connectComplete on the callback thread deadlocks Paho (issue 985): renewals
  // after a reconnect run here instead.
  private final ExecutorService renewals =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "cose-iot-mqtt5-resubscribe");
            t.setDaemon(true);
            return t;
          });

  PahoV5Client(
      SecureMqttOptions options,
      PayloadSealer sealer,
      PayloadOpener opener,
      OpenedMessageListener listener,
      RejectionListener rejections)
      throws SecureMqttException {
    this.options = Objects.requireNonNull(options, "options");
    this.sealer = sealer;
    this.opener = opener;
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
    MqttConnectionOptions c = new MqttConnectionOptions();
    c.setCleanStart(options.cleanStart());
    c.setSessionExpiryInterval(options.sessionExpiryInterval());
    c.setKeepAliveInterval(options.keepAliveSeconds());
    c.setConnectionTimeout((int) Math.max(1, options.operationTimeout().toSeconds()));
    c.setAutomaticReconnect(options.automaticReconnect());
    if (options.username() != null) {
      c.setUserName(options.username());
    }
    char[] password = options.password();
    if (password != null) {
      c.setPassword(new String(password).getBytes(StandardCharsets.UTF_8));
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
      int[] codes = token.getReasonCodes();
      if (!token.isComplete() || codes == null || codes.length == 0 || codes[0] >= 0x80) {
        throw new SecureMqttException(
            "broker refused the subscription to "
                + topicFilter
                + (codes != null && codes.length > 0 ? " (reason code " + codes[0] + ")" : ""),
            null);
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
    MqttMessage message = new MqttMessage(sealed.payload(), qos, retained, properties(sealed));
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      client.publish(
          sealed.topic(),
          message,
          null,
          new MqttActionListener() {
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

  /** The profile's properties: content type, payload format indicator 0, user properties. */
  static MqttProperties properties(SealedMessage sealed) {
    MqttProperties p = new MqttProperties();
    if (sealed.contentType() != null) {
      p.setContentType(sealed.contentType());
    }
    p.setPayloadFormat(false);
    List<UserProperty> user = new ArrayList<>();
    sealed.userProperties().forEach((k, v) -> user.add(new UserProperty(k, v)));
    if (!user.isEmpty()) {
      p.setUserProperties(user);
    }
    return p;
  }

  /**
   * The received user properties as a map. MQTT allows a name to repeat; the first value is kept,
   * so a second kid property cannot override the first.
   */
  static Map<String, String> userProperties(MqttProperties p) {
    Map<String, String> m = new LinkedHashMap<>();
    if (p != null && p.getUserProperties() != null) {
      for (UserProperty u : p.getUserProperties()) {
        m.putIfAbsent(u.getKey(), u.getValue());
      }
    }
    return m;
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

  private final class Callback implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      if (delivery == null) {
        return;
      }
      try {
        MqttProperties p = message.getProperties();
        delivery.deliver(
            topic, message.getPayload(), p == null ? null : p.getContentType(), userProperties(p));
      } catch (Throwable t) {
        // Delivery throws nothing; this guards the callback thread against the unexpected.
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
    public void disconnected(MqttDisconnectResponse response) {
      LOG.log(Level.DEBUG, () -> "disconnected from " + options.serverUri() + ": " + response);
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      LOG.log(Level.WARNING, "MQTT error from " + options.serverUri(), exception);
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
