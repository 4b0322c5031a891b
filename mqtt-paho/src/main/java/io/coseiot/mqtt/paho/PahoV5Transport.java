package io.coseiot.mqtt.paho;

import io.coseiot.mqtt.client.SecureMqttException;
import io.coseiot.mqtt.client.SecureMqttOptions;
import io.coseiot.mqtt.client.spi.Inbound;
import io.coseiot.mqtt.client.spi.MqttTransport;
import io.coseiot.mqtt.codec.SealedMessage;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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

/** The transport calls of Paho's MQTT v5 {@link MqttAsyncClient}. */
final class PahoV5Transport implements MqttTransport {
  private static final System.Logger LOG = System.getLogger(PahoV5Transport.class.getName());

  private final SecureMqttOptions options;
  private final MqttAsyncClient client;
  private final long timeoutMillis;

  PahoV5Transport(SecureMqttOptions options, Inbound inbound) throws SecureMqttException {
    this.options = options;
    this.timeoutMillis = options.operationTimeout().toMillis();
    try {
      this.client =
          new MqttAsyncClient(options.serverUri(), options.clientId(), new MemoryPersistence());
    } catch (MqttException | IllegalArgumentException e) {
      throw new SecureMqttException(
          "Paho refuses the broker URI or client id of " + options + ": " + e.getMessage(), e);
    }
    client.setCallback(new Callback(inbound));
  }

  @Override
  public void connect() throws MqttException, SecureMqttException {
    MqttConnectionOptions c = new MqttConnectionOptions();
    c.setCleanStart(options.cleanStart());
    c.setSessionExpiryInterval(options.sessionExpiryInterval());
    c.setKeepAliveInterval(options.keepAliveSeconds());
    if (options.maximumPacketSize() > 0) {
      c.setMaximumPacketSize((long) options.maximumPacketSize());
    }
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
    client.connect(c).waitForCompletion(timeoutMillis);
    if (!client.isConnected()) {
      throw new SecureMqttException("no answer in " + timeoutMillis + " ms", null);
    }
  }

  @Override
  public void subscribe(String wireFilter, int qos) throws MqttException, SecureMqttException {
    IMqttToken token = client.subscribe(wireFilter, qos);
    token.waitForCompletion(timeoutMillis);
    int[] codes = token.getReasonCodes();
    if (!token.isComplete() || codes == null || codes.length == 0 || codes[0] >= 0x80) {
      throw new SecureMqttException(
          "the broker refused it"
              + (codes != null && codes.length > 0 ? " (reason code " + codes[0] + ")" : ""),
          null);
    }
  }

  @Override
  public void unsubscribe(String wireFilter) throws MqttException {
    client.unsubscribe(wireFilter).waitForCompletion(timeoutMillis);
  }

  @Override
  public CompletableFuture<Void> publish(SealedMessage sealed, int qos, boolean retained) {
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
              done.complete(null);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
              done.completeExceptionally(e);
            }
          });
    } catch (MqttException | RuntimeException e) {
      done.completeExceptionally(e);
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
  public boolean isConnected() {
    return client.isConnected();
  }

  @Override
  public void disconnect() throws MqttException {
    client.disconnect().waitForCompletion(timeoutMillis);
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnectForcibly(0, 0, false);
      }
    } catch (MqttException | RuntimeException e) {
      LOG.log(Level.DEBUG, "forced disconnect on close failed", e);
    }
    try {
      client.close(true);
    } catch (MqttException | RuntimeException e) {
      LOG.log(Level.DEBUG, "close failed", e);
    }
  }

  /** Paho's callbacks, passed on to the client. */
  private final class Callback implements MqttCallback {
    private final Inbound inbound;

    Callback(Inbound inbound) {
      this.inbound = inbound;
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      MqttProperties p = message.getProperties();
      inbound.message(
          topic, message.getPayload(), p == null ? null : p.getContentType(), userProperties(p));
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      inbound.connected();
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
