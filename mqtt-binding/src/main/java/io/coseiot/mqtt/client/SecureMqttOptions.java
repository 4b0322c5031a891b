package io.coseiot.mqtt.client;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How a {@link SecureMqttClient} connects: broker, client id, session, timeouts and transport
 * security. Immutable; made with {@link #builder(String)}.
 *
 * <p>Sessions: by default each connection starts clean and the session ends with it. A persistent
 * session (subscriptions and queued QoS 1/2 messages kept while the client is away) needs both
 * {@code cleanStart=false} and a session expiry interval above zero in MQTT v5, since an interval
 * of 0 ends the session at disconnect whatever cleanStart says: {@link
 * Builder#persistentSession(long)} sets both, and {@link Builder#build()} refuses {@code
 * cleanStart=false} with an expiry of 0. In MQTT 3.1.1 mode the expiry is not sent and {@code
 * cleanStart=false} maps to {@code cleanSession=false}.
 *
 * <p>Transport security ({@code ssl://} URIs) is defence in depth under the COSE layer: give an
 * {@link SSLContext}, or trust (and, for mutual TLS, key) material to build one from. Hostname
 * verification stays on unless turned off.
 */
public final class SecureMqttOptions {
  private final String serverUri;
  private final String clientId;
  private final boolean cleanStart;
  private final long sessionExpiryInterval;
  private final int keepAliveSeconds;
  private final int maximumPacketSize;
  private final Duration operationTimeout;
  private final boolean automaticReconnect;
  private final String username;
  private final char[] password;
  private final SSLContext sslContext;
  private final TrustManagerFactory trustManagers;
  private final KeyManagerFactory keyManagers;
  private final boolean hostnameVerification;

  private SecureMqttOptions(Builder b) {
    this.serverUri = b.serverUri;
    this.clientId = b.clientId != null ? b.clientId : "cose-iot-" + UUID.randomUUID();
    this.cleanStart = b.cleanStart;
    this.sessionExpiryInterval = b.sessionExpiryInterval;
    this.keepAliveSeconds = b.keepAliveSeconds;
    this.maximumPacketSize = b.maximumPacketSize;
    this.operationTimeout = b.operationTimeout;
    this.automaticReconnect = b.automaticReconnect;
    this.username = b.username;
    this.password = b.password == null ? null : b.password.clone();
    this.sslContext = b.sslContext;
    this.trustManagers = b.trustManagers;
    this.keyManagers = b.keyManagers;
    this.hostnameVerification = b.hostnameVerification;
  }

  /**
   * Starts options for a broker.
   *
   * @param serverUri e.g. {@code tcp://127.0.0.1:1883} or {@code ssl://broker.example:8883}
   * @return a builder
   */
  public static Builder builder(String serverUri) {
    return new Builder(serverUri);
  }

  /**
   * Returns the broker URI.
   *
   * @return the URI
   */
  public String serverUri() {
    return serverUri;
  }

  /**
   * Returns the client id (a random one unless set).
   *
   * @return the client id
   */
  public String clientId() {
    return clientId;
  }

  /**
   * Returns whether each connection starts a new session.
   *
   * @return cleanStart (cleanSession in MQTT 3.1.1)
   */
  public boolean cleanStart() {
    return cleanStart;
  }

  /**
   * Returns how long the broker keeps the session after a disconnect, in seconds (MQTT v5 only).
   *
   * @return the session expiry interval; 0 ends the session with the connection
   */
  public long sessionExpiryInterval() {
    return sessionExpiryInterval;
  }

  /**
   * Returns the keep-alive interval.
   *
   * @return seconds
   */
  public int keepAliveSeconds() {
    return keepAliveSeconds;
  }

  /**
   * Returns the MQTT v5 Maximum Packet Size the client announces when it connects.
   *
   * @return the size in bytes, or 0 when none is sent (the protocol's limit then holds)
   */
  public int maximumPacketSize() {
    return maximumPacketSize;
  }

  /**
   * Returns how long the blocking calls (connect, subscribe, unsubscribe, disconnect) wait.
   *
   * @return the timeout
   */
  public Duration operationTimeout() {
    return operationTimeout;
  }

  /**
   * Returns whether the client reconnects by itself after losing the connection.
   *
   * @return true to reconnect; subscriptions are then renewed off the callback thread
   */
  public boolean automaticReconnect() {
    return automaticReconnect;
  }

  /**
   * Returns the user name, or null.
   *
   * @return the user name
   */
  public String username() {
    return username;
  }

  /**
   * Returns a copy of the password, or null.
   *
   * @return the password
   */
  public char[] password() {
    return password == null ? null : password.clone();
  }

  /**
   * Returns the TLS context, or null for the JVM default.
   *
   * @return the context
   */
  public SSLContext sslContext() {
    return sslContext;
  }

  /**
   * The trust managers TLS was configured with through {@code tls(...)}, for clients that take
   * managers rather than an {@link SSLContext} (the HiveMQ client).
   *
   * @return the factory, or null if TLS is off or was given as an {@link SSLContext}
   */
  public TrustManagerFactory trustManagers() {
    return trustManagers;
  }

  /**
   * The key managers (client certificate) TLS was configured with through {@code tls(...)}.
   *
   * @return the factory, or null without a client certificate or if TLS was given as an {@link
   *     SSLContext}
   */
  public KeyManagerFactory keyManagers() {
    return keyManagers;
  }

  /**
   * Returns whether the broker's certificate must name the host connected to.
   *
   * @return true unless turned off
   */
  public boolean hostnameVerification() {
    return hostnameVerification;
  }

  @Override
  public String toString() {
    return "SecureMqttOptions[" + serverUri + ", clientId=" + clientId + "]";
  }

  /** Builds {@link SecureMqttOptions}. */
  public static final class Builder {
    private final String serverUri;
    private String clientId;
    private boolean cleanStart = true;
    private long sessionExpiryInterval;
    private int keepAliveSeconds = 30;
    private int maximumPacketSize;
    private Duration operationTimeout = Duration.ofSeconds(10);
    private boolean automaticReconnect;
    private String username;
    private char[] password;
    private SSLContext sslContext;
    private TrustManagerFactory trustManagers;
    private KeyManagerFactory keyManagers;
    private boolean hostnameVerification = true;

    private Builder(String serverUri) {
      this.serverUri = Objects.requireNonNull(serverUri, "serverUri");
    }

    /**
     * Sets the client id.
     *
     * @param clientId the id; a persistent session is found again by it
     * @return this builder
     */
    public Builder clientId(String clientId) {
      this.clientId = Objects.requireNonNull(clientId, "clientId");
      return this;
    }

    /**
     * Sets whether each connection starts a new session (default true).
     *
     * @param cleanStart the flag
     * @return this builder
     */
    public Builder cleanStart(boolean cleanStart) {
      this.cleanStart = cleanStart;
      return this;
    }

    /**
     * Sets how long the broker keeps the session after a disconnect (MQTT v5; default 0).
     *
     * @param seconds 0 to 4294967295 (0xFFFFFFFF: never expires)
     * @return this builder
     */
    public Builder sessionExpiryInterval(long seconds) {
      if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("session expiry interval out of range: " + seconds);
      }
      this.sessionExpiryInterval = seconds;
      return this;
    }

    /**
     * Asks for a persistent session: {@code cleanStart=false} and the given expiry, which must be
     * above zero.
     *
     * @param expirySeconds how long the broker keeps the session after a disconnect
     * @return this builder
     */
    public Builder persistentSession(long expirySeconds) {
      if (expirySeconds <= 0) {
        throw new IllegalArgumentException(
            "a persistent session needs a session expiry interval above 0, got " + expirySeconds);
      }
      sessionExpiryInterval(expirySeconds);
      this.cleanStart = false;
      return this;
    }

    /**
     * Sets the keep-alive interval (default 30 s).
     *
     * @param seconds the interval, 0 to turn keep-alive off
     * @return this builder
     */
    public Builder keepAliveSeconds(int seconds) {
      if (seconds < 0 || seconds > 65535) {
        throw new IllegalArgumentException("keep-alive out of range: " + seconds);
      }
      this.keepAliveSeconds = seconds;
      return this;
    }

    /**
     * Sets the MQTT v5 Maximum Packet Size announced in CONNECT (default: none). The broker then
     * never sends this client a larger packet (MQTT 5 §3.1.2.11.4): it drops such a message for
     * this client, so a flood of huge payloads costs the broker, not this process's memory (the
     * MQTT client library holds a whole packet, several times its size, before the codec can refuse
     * it as {@code OVERSIZED}). Leave room above the codec's maximum payload for the topic and the
     * properties. Not sent in MQTT 3.1.1 mode, which has no such field.
     *
     * @param bytes the largest packet, 1 to 268,435,455 (the protocol's maximum)
     * @return this builder
     */
    public Builder maximumPacketSize(int bytes) {
      if (bytes < 1 || bytes > 268_435_455) {
        throw new IllegalArgumentException("maximum packet size out of range: " + bytes);
      }
      this.maximumPacketSize = bytes;
      return this;
    }

    /**
     * Sets how long the blocking calls wait (default 10 s).
     *
     * @param timeout the timeout, positive
     * @return this builder
     */
    public Builder operationTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive: " + timeout);
      }
      this.operationTimeout = timeout;
      return this;
    }

    /**
     * Sets whether the client reconnects by itself (default false).
     *
     * @param reconnect the flag
     * @return this builder
     */
    public Builder automaticReconnect(boolean reconnect) {
      this.automaticReconnect = reconnect;
      return this;
    }

    /**
     * Sets the broker credentials.
     *
     * @param username the user name
     * @param password the password, or null
     * @return this builder
     */
    public Builder credentials(String username, char[] password) {
      this.username = username;
      this.password = password == null ? null : password.clone();
      return this;
    }

    /**
     * Uses this TLS context for {@code ssl://} URIs.
     *
     * @param sslContext an initialised context
     * @return this builder
     */
    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
      this.trustManagers = null;
      this.keyManagers = null;
      return this;
    }

    /**
     * Uses TLS that trusts the certificates of a trust store (server authentication only).
     *
     * @param trustStore the CA certificates to trust
     * @return this builder
     * @throws GeneralSecurityException if no context can be made from it
     */
    public Builder tls(KeyStore trustStore) throws GeneralSecurityException {
      return tls(trustStore, null, null);
    }

    /**
     * Uses mutual TLS: trusts the certificates of a trust store and presents the key and
     * certificate chain of a key store.
     *
     * @param trustStore the CA certificates to trust
     * @param keyStore the client's private key and certificate chain, or null for no client
     *     certificate
     * @param keyPassword the private key's password (may be empty), ignored without a key store
     * @return this builder
     * @throws GeneralSecurityException if no context can be made from them
     */
    public Builder tls(KeyStore trustStore, KeyStore keyStore, char[] keyPassword)
        throws GeneralSecurityException {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(Objects.requireNonNull(trustStore, "trustStore"));
      KeyManagerFactory kmf = null;
      if (keyStore != null) {
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        char[] pw = keyPassword == null ? new char[0] : keyPassword.clone();
        kmf.init(keyStore, pw);
        Arrays.fill(pw, '\0');
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      sslContext(ctx);
      this.trustManagers = tmf;
      this.keyManagers = kmf;
      return this;
    }

    /**
     * Sets whether the broker's certificate must name the host connected to (default true).
     *
     * @param verify the flag
     * @return this builder
     */
    public Builder hostnameVerification(boolean verify) {
      this.hostnameVerification = verify;
      return this;
    }

    /**
     * Makes the options.
     *
     * @return the options
     * @throws IllegalStateException for {@code cleanStart=false} with a session expiry of 0, which
     *     in MQTT v5 silently ends the session at disconnect
     */
    public SecureMqttOptions build() {
      if (!cleanStart && sessionExpiryInterval == 0) {
        throw new IllegalStateException(
            "cleanStart=false with session expiry interval 0 keeps no session after disconnect;"
                + " use persistentSession(seconds)");
      }
      return new SecureMqttOptions(this);
    }
  }
}
