package io.coseiot.mqtt.client;

import io.coseiot.cose.exception.CoseException;
import io.coseiot.mqtt.client.spi.MqttAdapter;
import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.MqttVersion;
import io.coseiot.mqtt.codec.PayloadOpener;
import io.coseiot.mqtt.codec.PayloadSealer;
import io.coseiot.mqtt.codec.SealMode;
import io.coseiot.mqtt.keyring.Keyring;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Builds a {@link SecureMqttClient}; started by an adapter module's entry point ({@code
 * PahoMqtt.client(uri)}, {@code HiveMqMqtt.client(uri)}). One {@link #codec codec} gives the client
 * both its sealer and its opener and, by its MQTT version, the protocol it speaks. A client
 * publishes if its codec can seal, and receives if it has an {@link #onMessage} listener:
 *
 * <pre>{@code
 * PahoMqtt.client(uri).codec(codec).build();                       // publishes
 * PahoMqtt.client(uri).codec(codec).onMessage((m, c) -> ...).build(); // and receives
 * }</pre>
 *
 * <p>{@link #build()} refuses what cannot work, saying what to set: no codec, a codec whose MQTT
 * version the adapter does not speak, a listener with a codec that cannot open, a client that could
 * neither publish nor receive.
 */
public final class SecureMqttClientBuilder {
  /** The modes that open with the keyring's topic keys, whose filters subscriptions must meet. */
  private static final Set<SealMode> KEYRING_MODES =
      EnumSet.of(SealMode.ENCRYPT0, SealMode.SIGN1_IN_ENCRYPT0, SealMode.MAC0);

  private final MqttAdapter adapter;
  private final SecureMqttOptions options;
  private CoseMqttCodec codec;
  private OpenedMessageListener listener;
  private RejectionListener rejections;

  private SecureMqttClientBuilder(MqttAdapter adapter, SecureMqttOptions options) {
    this.adapter = Objects.requireNonNull(adapter, "adapter");
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Starts a client over an MQTT library; what an adapter module's entry point calls.
   *
   * @param adapter the library
   * @param options broker, session and TLS
   * @return a builder
   */
  public static SecureMqttClientBuilder over(MqttAdapter adapter, SecureMqttOptions options) {
    return new SecureMqttClientBuilder(adapter, options);
  }

  /**
   * Sets the codec (required): it seals what the client publishes, opens what it receives, and its
   * {@link CoseMqttCodec.Builder#mqttVersion MQTT version} is the client's.
   *
   * @param codec the codec
   * @return this builder
   */
  public SecureMqttClientBuilder codec(CoseMqttCodec codec) {
    this.codec = Objects.requireNonNull(codec, "codec");
    return this;
  }

  /**
   * Sets who receives the messages that open; without one the client only publishes and cannot
   * subscribe.
   *
   * @param listener gets each opened message with the client
   * @return this builder
   */
  public SecureMqttClientBuilder onMessage(OpenedMessageListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * Sets who hears about received messages that do not open (default: nobody; each is still logged
   * at WARNING on {@code io.coseiot.mqtt.rejections}, rate-limited). Needs {@link #onMessage}.
   *
   * @param rejections gets each rejected message's topic and reason
   * @return this builder
   */
  public SecureMqttClientBuilder onRejection(RejectionListener rejections) {
    this.rejections = Objects.requireNonNull(rejections, "rejections");
    return this;
  }

  /**
   * Makes the client; sends nothing before {@link SecureMqttClient#connect()}.
   *
   * @return the client
   * @throws SecureMqttException if a setting is missing or cannot work, saying which, or the MQTT
   *     library refuses the options
   */
  public SecureMqttClient build() throws SecureMqttException {
    if (codec == null) {
      throw new SecureMqttException(
          "no codec: set codec(CoseMqttCodec) on the client builder; it seals and opens", null);
    }
    MqttVersion version = codec.mqttVersion();
    adapter.requireVersion(version);
    if (rejections != null && listener == null) {
      throw new SecureMqttException(
          "onRejection is set without onMessage: a client without a message listener receives"
              + " nothing; set onMessage(...) too",
          null);
    }
    PayloadOpener opener = null;
    if (listener != null) {
      try {
        opener = codec.opener();
      } catch (CoseException e) {
        throw new SecureMqttException(
            "onMessage is set but the codec cannot open ("
                + e.getMessage()
                + "): configure the codec for opening, or leave onMessage unset for a client that"
                + " only publishes",
            e);
      }
    }
    PayloadSealer sealer = null;
    CoseException cannotSeal = null;
    try {
      sealer = codec.sealer();
    } catch (CoseException e) {
      cannotSeal = e;
    }
    if (sealer == null && opener == null) {
      throw new SecureMqttException(
          "this client could neither publish (the codec cannot seal: "
              + cannotSeal.getMessage()
              + ") nor receive (no onMessage listener): configure one of them",
          cannotSeal);
    }
    return new SealedMqttClient(
        new Parts(
            adapter,
            options,
            version,
            sealer,
            cannotSeal,
            opener,
            listener,
            rejections != null ? rejections : RejectionListener.ignore(),
            KEYRING_MODES.contains(codec.mode()) ? codec.keyring() : null));
  }

  /** What the builder checked, for the client. */
  record Parts(
      MqttAdapter adapter,
      SecureMqttOptions options,
      MqttVersion version,
      PayloadSealer sealer,
      CoseException cannotSeal,
      PayloadOpener opener,
      OpenedMessageListener listener,
      RejectionListener rejections,
      Keyring keyring) {}
}
