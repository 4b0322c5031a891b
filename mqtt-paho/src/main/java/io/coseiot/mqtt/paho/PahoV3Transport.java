package io.coseiot.mqtt.paho;

import io.coseiot.mqtt.client.SecureMqttException;
import io.coseiot.mqtt.client.SecureMqttOptions;
import io.coseiot.mqtt.client.spi.Inbound;
import io.coseiot.mqtt.client.spi.MqttTransport;
import io.coseiot.mqtt.codec.SealedMessage;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
 * The transport calls of Paho's MQTT 3.1.1 {@link MqttAsyncClient}: the COSE payload travels alone,
 * so the opener sees no content type and no user properties.
 */
final class PahoV3Transport implements MqttTransport {
  private static final System.Logger LOG = System.getLogger(PahoV3Transport.class.getName());
  private static final int MAX_INFLIGHT = 1000;

  private final SecureMqttOptions options;
  private final MqttAsyncClient client;
  private final long timeoutMillis;

  PahoV3Transport(SecureMqttOptions options, Inbound inbound) throws SecureMqttException {
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
    client.connect(c).waitForCompletion(timeoutMillis);
    if (!client.isConnected()) {
      throw new SecureMqttException("no answer in " + timeoutMillis + " ms", null);
    }
  }

  @Override
  public void subscribe(String wireFilter, int qos) throws MqttException, SecureMqttException {
    IMqttToken token = client.subscribe(wireFilter, qos);
    token.waitForCompletion(timeoutMillis);
    int[] granted = token.getGrantedQos();
    if (!token.isComplete() || granted == null || granted.length == 0 || granted[0] >= 0x80) {
      throw new SecureMqttException("the broker refused it", null);
    }
  }

  @Override
  public void unsubscribe(String wireFilter) throws MqttException {
    client.unsubscribe(wireFilter).waitForCompletion(timeoutMillis);
  }

  @Override
  public CompletableFuture<Void> publish(SealedMessage sealed, int qos, boolean retained) {
    MqttMessage message = new MqttMessage(sealed.payload());
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      message.setQos(qos);
      message.setRetained(retained);
      client.publish(
          sealed.topic(),
          message,
          null,
          new IMqttActionListener() {
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
  private final class Callback implements MqttCallbackExtended {
    private final Inbound inbound;

    Callback(Inbound inbound) {
      this.inbound = inbound;
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      inbound.message(topic, message.getPayload(), null, Map.of());
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      inbound.connected();
    }

    @Override
    public void connectionLost(Throwable cause) {
      LOG.log(Level.DEBUG, "connection to " + options.serverUri() + " lost", cause);
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {}
  }
}
