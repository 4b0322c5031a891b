package io.coseiot.mqtt.client;

import io.coseiot.cose.exception.CoseException;
import io.coseiot.mqtt.client.spi.Inbound;
import io.coseiot.mqtt.client.spi.MqttTransport;
import io.coseiot.mqtt.codec.PayloadSealer;
import io.coseiot.mqtt.codec.SealedMessage;
import io.coseiot.mqtt.topic.TopicFilter;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link SecureMqttClient} of every adapter: seals, opens, checks, counts and maps errors, and
 * leaves only the transport calls to the {@link MqttTransport} of an MQTT library.
 */
final class SealedMqttClient implements SecureMqttClient {
  private static final String SHARE_PREFIX = "$share/";

  private static final System.Logger LOG = System.getLogger(SealedMqttClient.class.getName());

  private final SecureMqttOptions options;
  private final PayloadSealer sealer;
  private final CoseException cannotSeal;
  private final Delivery delivery;
  private final List<TopicFilter> keyFilters;
  private final boolean obfuscated;
  private final ClientStats stats = new ClientStats();
  private final Map<String, Integer> subscriptions = new ConcurrentHashMap<>();
  private final AtomicBoolean connectedBefore = new AtomicBoolean();
  // Subscribing from a library's callback thread deadlocks Paho (its issue 985) and would block
  // the HiveMQ client's Netty thread: renewals after a reconnect run here instead.
  private final ExecutorService renewals =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "cose-iot-mqtt-resubscribe");
            t.setDaemon(true);
            return t;
          });
  private final MqttTransport transport;

  SealedMqttClient(SecureMqttClientBuilder.Parts parts) throws SecureMqttException {
    this.options = parts.options();
    this.sealer = parts.sealer();
    this.cannotSeal = parts.cannotSeal();
    this.delivery =
        parts.opener() == null
            ? null
            : new Delivery(this, parts.opener(), parts.listener(), parts.rejections(), stats);
    this.keyFilters =
        parts.keyring() == null
            ? null
            : parts.keyring().wireFilters().stream().map(TopicFilter::of).toList();
    this.obfuscated = parts.keyring() != null && parts.keyring().obfuscator() != null;
    this.transport = parts.adapter().transport(options, parts.version(), new Callbacks());
  }

  @Override
  public void connect() throws SecureMqttException {
    call(transport::connect, "cannot connect to " + options.serverUri());
  }

  @Override
  public void subscribe(String topicFilter, int qos) throws SecureMqttException {
    Objects.requireNonNull(topicFilter, "topicFilter");
    checkQos(qos);
    String what = "cannot subscribe to " + topicFilter;
    TopicFilter filter;
    try {
      filter = TopicFilter.of(matchedFilter(topicFilter));
    } catch (IllegalArgumentException e) {
      throw new SecureMqttException(what + ": " + e.getMessage(), e);
    }
    if (delivery == null) {
      throw new SecureMqttException(
          what + ": this client has no message listener; set onMessage(...) on its builder", null);
    }
    if (keyFilters != null && keyFilters.stream().noneMatch(filter::overlaps)) {
      throw new SecureMqttException(
          what
              + ": no key of the keyring covers it, so nothing it receives could open (keysets"
              + (obfuscated ? ", obfuscated on the wire: " : " for ")
              + keyFilters
              + ")"
              + (obfuscated ? "; subscribe with keyring.wireFilter(filter)" : "")
              + "; add a keyset for it or check the filter",
          null);
    }
    call(() -> transport.subscribe(topicFilter, qos), what);
    subscriptions.put(topicFilter, qos);
  }

  /**
   * The topic filter a subscription matches: a shared subscription {@code $share/{name}/{filter}}
   * (MQTT 5 §4.8.2) matches its filter part, which is what the keys must cover.
   */
  private static String matchedFilter(String subscription) {
    if (!subscription.startsWith(SHARE_PREFIX)) {
      return subscription;
    }
    int slash = subscription.indexOf('/', SHARE_PREFIX.length());
    String name = slash < 0 ? "" : subscription.substring(SHARE_PREFIX.length(), slash);
    if (name.isEmpty() || name.contains("+") || name.contains("#")) {
      throw new IllegalArgumentException(
          "a shared subscription is $share/{name}/{filter}, the name non-empty and without"
              + " wildcards");
    }
    return subscription.substring(slash + 1);
  }

  @Override
  public void unsubscribe(String topicFilter) throws SecureMqttException {
    Objects.requireNonNull(topicFilter, "topicFilter");
    subscriptions.remove(topicFilter);
    call(() -> transport.unsubscribe(topicFilter), "cannot unsubscribe from " + topicFilter);
  }

  @Override
  public CompletableFuture<Void> publish(
      String topic, byte[] plaintext, int qos, boolean retained) {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(plaintext, "plaintext");
    checkQos(qos);
    if (sealer == null) {
      return CompletableFuture.failedFuture(
          new SecureMqttException(
              "cannot publish to "
                  + topic
                  + ": the client's codec cannot seal ("
                  + cannotSeal.getMessage()
                  + "); configure the codec for sealing",
              cannotSeal));
    }
    SealedMessage sealed;
    try {
      sealed = sealer.seal(topic, plaintext);
    } catch (CoseException | RuntimeException e) {
      return CompletableFuture.failedFuture(
          new SecureMqttException("cannot seal for " + topic + ": " + e.getMessage(), e));
    }
    CompletableFuture<Void> sent;
    try {
      sent = transport.publish(sealed, qos, retained);
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    sent.whenComplete(
        (ok, e) -> {
          if (e == null) {
            stats.published();
            done.complete(null);
          } else {
            Throwable cause =
                e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            done.completeExceptionally(
                new SecureMqttException(
                    "publish to " + sealed.topic() + " failed: " + cause.getMessage(), cause));
          }
        });
    return done;
  }

  @Override
  public boolean isConnected() {
    return transport.isConnected();
  }

  @Override
  public ClientHealth health() {
    return stats.snapshot(isConnected());
  }

  @Override
  public void disconnect() throws SecureMqttException {
    call(transport::disconnect, "cannot disconnect from " + options.serverUri());
  }

  @Override
  public void close() {
    renewals.shutdownNow();
    try {
      if (transport.isConnected()) {
        transport.disconnect();
      }
    } catch (Exception e) {
      LOG.log(Level.DEBUG, "disconnect on close failed", e);
    }
    transport.close();
  }

  @Override
  public String toString() {
    return "SecureMqttClient[" + options + "]";
  }

  private static void checkQos(int qos) {
    if (qos < 0 || qos > 2) {
      throw new IllegalArgumentException("QoS must be 0, 1 or 2, got " + qos);
    }
  }

  /** Runs a blocking transport call, saying what was being done if it fails. */
  private static void call(Call c, String what) throws SecureMqttException {
    try {
      c.run();
    } catch (SecureMqttException e) {
      throw new SecureMqttException(what + ": " + e.getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SecureMqttException(what + ": interrupted", e);
    } catch (Exception e) {
      throw new SecureMqttException(what + ": " + e.getMessage(), e);
    }
  }

  /** A blocking transport call. */
  @FunctionalInterface
  private interface Call {
    void run() throws Exception;
  }

  /** What the transport reports, on its library's thread. */
  private final class Callbacks implements Inbound {
    @Override
    public void message(
        String wireTopic, byte[] payload, String contentType, Map<String, String> userProperties) {
      if (delivery == null) {
        return;
      }
      try {
        delivery.deliver(wireTopic, payload, contentType, userProperties);
      } catch (Throwable t) {
        // Delivery throws nothing; this guards the library's thread against the unexpected.
        LOG.log(Level.ERROR, "delivery failed on a message from " + wireTopic, t);
      }
    }

    @Override
    public void connected() {
      if (connectedBefore.compareAndSet(false, true) || subscriptions.isEmpty()) {
        return;
      }
      Map<String, Integer> again = Map.copyOf(subscriptions);
      try {
        renewals.execute(() -> again.forEach(SealedMqttClient.this::renew));
      } catch (RuntimeException e) {
        LOG.log(Level.DEBUG, "client closing; subscriptions not renewed", e);
      }
    }
  }

  private void renew(String filter, int qos) {
    try {
      transport.subscribe(filter, qos);
    } catch (Exception e) {
      LOG.log(Level.WARNING, "cannot renew the subscription to " + filter, e);
    }
  }
}
