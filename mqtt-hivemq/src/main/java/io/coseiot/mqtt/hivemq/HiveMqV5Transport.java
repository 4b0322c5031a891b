package io.coseiot.mqtt.hivemq;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientSslConfig;
import com.hivemq.client.mqtt.MqttClientSslConfigBuilder;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.datatypes.MqttUtf8String;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperties;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserPropertiesBuilder;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperty;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectRestrictions;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.coseiot.mqtt.client.SecureMqttException;
import io.coseiot.mqtt.client.SecureMqttOptions;
import io.coseiot.mqtt.client.spi.Inbound;
import io.coseiot.mqtt.client.spi.MqttTransport;
import io.coseiot.mqtt.codec.SealedMessage;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The transport calls of the HiveMQ MQTT client's {@link Mqtt5AsyncClient}. */
final class HiveMqV5Transport implements MqttTransport {
  private static final System.Logger LOG = System.getLogger(HiveMqV5Transport.class.getName());

  private final SecureMqttOptions options;
  private final Inbound inbound;
  private final Mqtt5AsyncClient client;
  private final long timeoutMillis;
  private volatile Properties lastProperties;

  HiveMqV5Transport(SecureMqttOptions options, Inbound inbound) throws SecureMqttException {
    this.options = options;
    this.inbound = inbound;
    this.timeoutMillis = options.operationTimeout().toMillis();
    this.client = build(options).buildAsync();
    // One callback for every PUBLISH, registered before connecting so that messages a resumed
    // session holds are not missed.
    client.publishes(MqttGlobalPublishFilter.ALL, this::received);
  }

  private Mqtt5ClientBuilder build(SecureMqttOptions o) throws SecureMqttException {
    URI uri;
    try {
      uri = new URI(o.serverUri());
    } catch (URISyntaxException e) {
      throw new SecureMqttException("not a broker URI: " + o.serverUri(), e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    boolean tls = scheme.equals("ssl") || scheme.equals("mqtts");
    if (!tls && !scheme.equals("tcp") && !scheme.equals("mqtt")) {
      throw new SecureMqttException(
          "the HiveMQ client adapter takes tcp://, mqtt://, ssl:// or mqtts:// URIs, not "
              + o.serverUri(),
          null);
    }
    if (uri.getHost() == null) {
      throw new SecureMqttException("no host in " + o.serverUri(), null);
    }
    int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 8883 : 1883;
    Mqtt5ClientBuilder b =
        MqttClient.builder()
            .useMqttVersion5()
            .identifier(o.clientId())
            .serverHost(uri.getHost())
            .serverPort(port)
            .addConnectedListener(c -> inbound.connected());
    if (tls) {
      b = b.sslConfig(ssl(o));
    }
    if (o.automaticReconnect()) {
      b = b.automaticReconnectWithDefaultConfig();
    }
    if (o.username() != null || o.password() != null) {
      char[] pw = o.password();
      b =
          b.simpleAuth()
              .username(o.username() == null ? "" : o.username())
              .password(pw == null ? new byte[0] : new String(pw).getBytes(StandardCharsets.UTF_8))
              .applySimpleAuth();
    }
    return b;
  }

  private static MqttClientSslConfig ssl(SecureMqttOptions o) throws SecureMqttException {
    if (o.sslContext() != null && o.trustManagers() == null) {
      throw new SecureMqttException(
          "the HiveMQ client takes trust and key managers, not an SSLContext: configure TLS with"
              + " SecureMqttOptions.Builder.tls(...)",
          null);
    }
    MqttClientSslConfigBuilder ssl = MqttClientSslConfig.builder();
    if (o.trustManagers() != null) {
      ssl = ssl.trustManagerFactory(o.trustManagers());
    }
    if (o.keyManagers() != null) {
      ssl = ssl.keyManagerFactory(o.keyManagers());
    }
    if (!o.hostnameVerification()) {
      ssl = ssl.hostnameVerifier((host, session) -> true);
    }
    return ssl.build();
  }

  @Override
  public void connect() throws SecureMqttException {
    var connect =
        client
            .connectWith()
            .cleanStart(options.cleanStart())
            .sessionExpiryInterval(options.sessionExpiryInterval())
            .keepAlive(options.keepAliveSeconds());
    if (options.maximumPacketSize() > 0) {
      connect =
          connect.restrictions(
              Mqtt5ConnectRestrictions.builder()
                  .maximumPacketSize(options.maximumPacketSize())
                  .build());
    }
    await(connect.send());
  }

  @Override
  public void subscribe(String wireFilter, int qos) throws SecureMqttException {
    requireSession();
    Mqtt5SubAck ack =
        await(client.subscribeWith().topicFilter(wireFilter).qos(MqttQos.fromCode(qos)).send());
    List<Mqtt5SubAckReasonCode> codes = ack.getReasonCodes();
    if (codes.isEmpty() || codes.get(0).isError()) {
      throw new SecureMqttException(
          "the broker refused it"
              + (codes.isEmpty() ? "" : " (reason code " + codes.get(0).getCode() + ")"),
          null);
    }
  }

  @Override
  public void unsubscribe(String wireFilter) throws SecureMqttException {
    requireSession();
    await(client.unsubscribeWith().topicFilter(wireFilter).send());
  }

  @Override
  public CompletableFuture<Void> publish(SealedMessage sealed, int qos, boolean retained) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      Mqtt5PublishBuilder.Send.Complete<CompletableFuture<Mqtt5PublishResult>> p =
          client
              .publishWith()
              .topic(sealed.topic())
              .qos(MqttQos.fromCode(qos))
              .retain(retained)
              .payload(sealed.payload());
      Properties props = properties(sealed);
      if (props.contentType() != null) {
        p = p.contentType(props.contentType());
      }
      if (props.user() != null) {
        p = p.userProperties(props.user());
      }
      p.send()
          .whenComplete(
              (result, e) -> {
                Throwable error = e != null ? e : result.getError().orElse(null);
                if (error == null) {
                  done.complete(null);
                } else {
                  done.completeExceptionally(error);
                }
              });
    } catch (RuntimeException e) {
      // The builder refuses what MQTT does not allow, e.g. a wildcard in the topic.
      done.completeExceptionally(e);
    }
    return done;
  }

  /**
   * The MQTT v5 form of a sealed message's content type and user properties. A publisher sends the
   * same ones message after message (they change with the kid, at rotation), so the last are kept
   * rather than encoded again each time.
   */
  private Properties properties(SealedMessage sealed) {
    Properties last = lastProperties;
    if (last != null
        && Objects.equals(last.contentTypeText(), sealed.contentType())
        && last.userMap().equals(sealed.userProperties())) {
      return last;
    }
    Mqtt5UserProperties user = null;
    if (!sealed.userProperties().isEmpty()) {
      Mqtt5UserPropertiesBuilder b = Mqtt5UserProperties.builder();
      sealed.userProperties().forEach(b::add);
      user = b.build();
    }
    String ct = sealed.contentType();
    last =
        new Properties(
            ct, ct == null ? null : MqttUtf8String.of(ct), sealed.userProperties(), user);
    lastProperties = last;
    return last;
  }

  /** See {@link #properties}; immutable, so publishing threads may share it. */
  private record Properties(
      String contentTypeText,
      MqttUtf8String contentType,
      Map<String, String> userMap,
      Mqtt5UserProperties user) {}

  private void received(Mqtt5Publish p) {
    inbound.message(
        p.getTopic().toString(),
        p.getPayloadAsBytes(),
        p.getContentType().map(Object::toString).orElse(null),
        userProperties(p.getUserProperties()));
  }

  /**
   * The received user properties as a map. MQTT allows a name to repeat; the first value is kept,
   * so a second kid property cannot override the first.
   */
  private static Map<String, String> userProperties(Mqtt5UserProperties props) {
    List<? extends Mqtt5UserProperty> list = props.asList();
    if (list.isEmpty()) {
      return Map.of();
    }
    if (list.size() == 1) {
      // The profile sends one, the kid: no map to grow for it.
      return Map.of(list.get(0).getName().toString(), list.get(0).getValue().toString());
    }
    Map<String, String> m = new LinkedHashMap<>();
    for (Mqtt5UserProperty u : list) {
      m.putIfAbsent(u.getName().toString(), u.getValue().toString());
    }
    return m;
  }

  @Override
  public boolean isConnected() {
    return client.getState().isConnected();
  }

  @Override
  public void disconnect() throws SecureMqttException {
    await(client.disconnect());
  }

  /** Also stops a client that is reconnecting, which the client's disconnect leaves alone. */
  @Override
  public void close() {
    if (client.getState().isConnectedOrReconnect()) {
      try {
        client.disconnect().get(timeoutMillis, TimeUnit.MILLISECONDS);
      } catch (ExecutionException | TimeoutException | RuntimeException e) {
        LOG.log(Level.DEBUG, "disconnect on close failed", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Fails at once when there is no connection, as Paho does: the HiveMQ client would hold the
   * request until a connection that may never come, and the caller would wait out the timeout.
   */
  private void requireSession() throws SecureMqttException {
    if (!client.getState().isConnectedOrReconnect()) {
      throw new SecureMqttException("not connected to " + options.serverUri(), null);
    }
  }

  private <T> T await(CompletableFuture<T> f) throws SecureMqttException {
    try {
      return f.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new SecureMqttException(String.valueOf(e.getCause().getMessage()), e.getCause());
    } catch (TimeoutException e) {
      f.cancel(false);
      throw new SecureMqttException("no answer in " + timeoutMillis + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SecureMqttException("interrupted", e);
    }
  }
}
