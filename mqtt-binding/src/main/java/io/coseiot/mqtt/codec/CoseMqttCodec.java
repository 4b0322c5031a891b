package io.coseiot.mqtt.codec;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.algorithm.SecureRandoms;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.exception.NonceException;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.Curve;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.metrics.MessageMetrics;
import io.coseiot.mqtt.nonce.OscoreNonce;
import io.coseiot.mqtt.nonce.SequenceStore;
import io.coseiot.mqtt.replay.ReplayGuard;
import io.coseiot.mqtt.replay.ReplayState;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The codec of the cose-iot MQTT profile 1: builds a {@link PayloadSealer} and a {@link
 * PayloadOpener} for a keyring and a mode. Knows nothing of any MQTT client.
 *
 * <pre>{@code
 * CoseMqttCodec codec = CoseMqttCodec.builder().keyring(keyring).mode(SealMode.ENCRYPT0).build();
 * SealedMessage m = codec.sealer().seal("sensors/kitchen/temperature", bytes);
 * OpenedMessage o = codec.opener().open(m.topic(), m.payload(), m.contentType(), m.userProperties());
 * }</pre>
 */
public final class CoseMqttCodec {
  final Keyring keyring;
  final SealMode mode;
  final MqttVersion version;
  final NonceMode nonceMode;
  final byte[] senderId;
  final SequenceStore sequenceStore;
  final AlgorithmProfile profile;
  final int maxPayloadSize;
  final SecureRandom random;
  final CoseKey signingKey;
  final Algorithm signingAlg;
  final List<CoseKey> trustedSigners;
  final List<CoseKey> recipients;
  final List<CoseKey> recipientKeys;
  final Algorithm contentAlgorithm;
  final ReplayState replayState;
  final MessageMetrics metrics;
  private final ModeStrategy strategy;

  private CoseMqttCodec(Builder b) throws CoseException {
    this.keyring = b.keyring;
    this.mode = b.mode;
    this.strategy = ModeStrategy.of(b.mode);
    this.version = b.version;
    this.nonceMode = b.nonceMode;
    this.senderId = b.senderId;
    this.sequenceStore = b.sequenceStore;
    this.profile = b.profile;
    this.maxPayloadSize = b.maxPayloadSize;
    this.random = b.random != null ? b.random : SecureRandoms.fastDrbg();
    this.signingKey = b.signingKey;
    this.signingAlg = b.signingKey == null ? null : signatureAlgorithm(b.signingKey);
    this.trustedSigners = List.copyOf(b.trustedSigners);
    this.recipients = List.copyOf(b.recipients);
    this.recipientKeys = List.copyOf(b.recipientKeys);
    this.contentAlgorithm = b.contentAlgorithm;
    for (CoseKey k : trustedSigners) {
      signatureAlgorithm(k);
    }
    this.replayState = b.replayState;
    this.metrics = b.metrics;
    if (metrics != null && keyring != null) {
      metrics.keyEpoch(keyring::currentEpoch);
    }
    if (signingAlg != null && !profile.allows(signingAlg)) {
      throw new KeyException(signingAlg.ianaName() + " is not in the " + profile + " profile");
    }
    if (!profile.allows(contentAlgorithm)) {
      throw new KeyException(
          contentAlgorithm.ianaName() + " is not in the " + profile + " profile");
    }
  }

  /**
   * Starts a codec.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the MQTT version the codec speaks; a client made with it speaks the same.
   *
   * @return the version
   */
  public MqttVersion mqttVersion() {
    return version;
  }

  /**
   * Returns the seal mode.
   *
   * @return the mode
   */
  public SealMode mode() {
    return mode;
  }

  /**
   * Returns the keyring, which a client checks its subscriptions against.
   *
   * @return the keyring, or null (the signature-only and ECDH modes need none)
   */
  public Keyring keyring() {
    return keyring;
  }

  /**
   * Returns the signature algorithm of a signer key: its {@code alg}, else from its curve (P-256:
   * ES256, P-384: ES384, Ed25519: EdDSA). The profile pairs each with that one curve, stricter than
   * core's polymorphic ES256/ES384/EdDSA (docs/algorithms.md).
   *
   * @param key the signer's key
   * @return the algorithm
   * @throws KeyException if none fits, or the key's {@code alg} is one of the three on another
   *     curve
   */
  public static Algorithm signatureAlgorithm(CoseKey key) throws KeyException {
    if (key.algorithm() != null) {
      Curve only =
          switch (key.algorithm()) {
            case ES256 -> Curve.P_256;
            case ES384 -> Curve.P_384;
            case EDDSA -> Curve.ED25519;
            default -> null;
          };
      if (only != null && key.curve() != only) {
        throw new KeyException(
            "the MQTT profile uses "
                + key.algorithm().ianaName()
                + " only with "
                + only.coseName()
                + ", the key is on "
                + key.curve().coseName());
      }
      return key.algorithm();
    }
    Curve crv = key.curve();
    switch (crv) {
      case P_256:
        return Algorithm.ES256;
      case P_384:
        return Algorithm.ES384;
      case ED25519:
        return Algorithm.EDDSA;
      default:
        throw new KeyException("no profile signature algorithm for " + crv);
    }
  }

  /**
   * Returns a new sealer. In counter mode all sealers of one codec share its sequence store.
   *
   * @return the sealer
   * @throws CoseException if the codec is not configured for sealing in its mode
   */
  public PayloadSealer sealer() throws CoseException {
    if (signingKey != null) {
      require(
          signingKey.keyId() != null && signingKey.hasPrivate(), "a private signing key with kid");
    }
    ModeStrategy.Sealing sealing = strategy.sealing(this);
    PayloadSealer sealer = new CodecSealer(this, sealing);
    if (metrics == null) {
      return sealer;
    }
    return (topic, plaintext) -> {
      SealedMessage m = sealer.seal(topic, plaintext);
      metrics.sealed();
      return m;
    };
  }

  /**
   * Returns a new opener: with the codec's {@link Builder#replayState} if one was set (shared by
   * all its openers), else with a new in-memory state of its own (whose evictions the {@link
   * Builder#metrics} count).
   *
   * @return the opener
   * @throws CoseException if the codec is not configured for opening in its mode
   */
  public PayloadOpener opener() throws CoseException {
    ReplayState state =
        replayState != null
            ? replayState
            : metrics == null
                ? new ReplayGuard()
                : new ReplayGuard(ReplayGuard.DEFAULT_RECENT, metrics::replayEvicted);
    PayloadOpener opener =
        new CodecOpener(this, strategy.opening(this, new OpenChecks(this, state)));
    if (metrics == null) {
      return opener;
    }
    return (wireTopic, payload, contentType, userProperties) -> {
      try {
        OpenedMessage m = opener.open(wireTopic, payload, contentType, userProperties);
        metrics.opened();
        return m;
      } catch (RejectedMessageException e) {
        metrics.rejected(e.reason());
        throw e;
      }
    };
  }

  /** Reserves the next sequence number of counter mode. */
  long nextSequence() throws NonceException {
    try {
      return sequenceStore.next();
    } catch (IOException e) {
      throw new NonceException("cannot reserve a sequence number: " + e.getMessage(), e);
    }
  }

  /**
   * Mac0 needs a keyring, and one that does not obfuscate topics: the real topic would travel in
   * the clear inside the envelope, so obfuscation would only pretend to hide it.
   */
  void requireMacKeyring() throws KeyException {
    require(keyring != null, "a keyring");
    require(
        keyring.obfuscator() == null,
        "a keyring without topic obfuscation (Mac0 carries the envelope, and so the real topic,"
            + " in the clear)");
  }

  /** Fails, naming the mode and what it needs, unless {@code ok}. */
  void require(boolean ok, String what) throws KeyException {
    if (!ok) {
      throw new KeyException(mode + " needs " + what);
    }
  }

  /** Builds a {@link CoseMqttCodec}. */
  public static final class Builder {
    private Keyring keyring;
    private SealMode mode = SealMode.ENCRYPT0;
    private MqttVersion version = MqttVersion.V5;
    private NonceMode nonceMode = NonceMode.RANDOM;
    private byte[] senderId;
    private SequenceStore sequenceStore;
    private AlgorithmProfile profile = AlgorithmProfile.FULL;
    private int maxPayloadSize = CoseMqttProfile.DEFAULT_MAX_PAYLOAD;
    private SecureRandom random;
    private CoseKey signingKey;
    private final List<CoseKey> trustedSigners = new ArrayList<>();
    private final List<CoseKey> recipients = new ArrayList<>();
    private final List<CoseKey> recipientKeys = new ArrayList<>();
    private Algorithm contentAlgorithm = Algorithm.A128GCM;
    private ReplayState replayState;
    private MessageMetrics metrics;

    private Builder() {}

    /**
     * Reports what the sealers and openers do (sealed, opened, rejected by reason, replay
     * evictions, the key epoch in use), e.g. {@code MicrometerMetrics.of(meterRegistry)}. Without
     * it nothing is reported and nothing is added to a seal or open.
     *
     * @param metrics where to report
     * @return this builder
     */
    public Builder metrics(MessageMetrics metrics) {
      this.metrics = Objects.requireNonNull(metrics, "metrics");
      return this;
    }

    /**
     * Sets where openers keep what they have seen (default: a new in-memory {@link ReplayGuard} per
     * opener, lost with the process). A durable or shared state is shared by every opener of the
     * codec; the codec does not close it.
     *
     * @param state the replay state
     * @return this builder
     */
    public Builder replayState(ReplayState state) {
      this.replayState = Objects.requireNonNull(state);
      return this;
    }

    /**
     * Sets the symmetric keyring (needed for the Encrypt0 modes, with AEAD keys, and for Mac0, with
     * MAC keys; optional otherwise, where it only obfuscates topics).
     *
     * @param keyring the keyring
     * @return this builder
     */
    public Builder keyring(Keyring keyring) {
      this.keyring = keyring;
      return this;
    }

    /**
     * Sets the message type (default {@link SealMode#ENCRYPT0}).
     *
     * @param mode the mode
     * @return this builder
     */
    public Builder mode(SealMode mode) {
      this.mode = Objects.requireNonNull(mode);
      return this;
    }

    /**
     * Sets the MQTT version (default {@link MqttVersion#V5}).
     *
     * @param version the version
     * @return this builder
     */
    public Builder mqttVersion(MqttVersion version) {
      this.version = Objects.requireNonNull(version);
      return this;
    }

    /**
     * Seals with random IVs (the default).
     *
     * @return this builder
     */
    public Builder randomNonces() {
      this.nonceMode = NonceMode.RANDOM;
      return this;
    }

    /**
     * Seals in counter mode with OSCORE-style nonces (Encrypt0 modes) or authenticated sequence
     * numbers (Mac0).
     *
     * @param senderId this publisher's sender id, unique among the publishers of a key, at most 6
     *     bytes (7 with AES-CCM-16-64-128)
     * @param store the persisted sequence number
     * @return this builder
     */
    public Builder counterNonces(byte[] senderId, SequenceStore store) {
      // 7 bytes fit only the 13-byte nonces of AES-CCM; the sealer checks each key's nonce.
      if (senderId.length > OscoreNonce.maxSenderIdLength(13)) {
        throw new IllegalArgumentException("sender id longer than 7 bytes");
      }
      this.nonceMode = NonceMode.COUNTER;
      this.senderId = senderId.clone();
      this.sequenceStore = Objects.requireNonNull(store);
      return this;
    }

    /**
     * Sets the algorithm profile (default {@link AlgorithmProfile#FULL}).
     *
     * @param profile the profile
     * @return this builder
     */
    public Builder algorithmProfile(AlgorithmProfile profile) {
      this.profile = Objects.requireNonNull(profile);
      return this;
    }

    /**
     * Sets the largest payload sealed or accepted (default 256 KiB); a payload of exactly this size
     * is accepted. Profile R9.1: every receiver accepts at least 1024 bytes, so no smaller maximum.
     *
     * @param bytes the maximum in bytes, at least {@link CoseMqttProfile#MIN_MAX_PAYLOAD}
     * @return this builder
     */
    public Builder maxPayloadSize(int bytes) {
      if (bytes < CoseMqttProfile.MIN_MAX_PAYLOAD) {
        throw new IllegalArgumentException(
            "max payload size must be at least "
                + CoseMqttProfile.MIN_MAX_PAYLOAD
                + ", got "
                + bytes);
      }
      this.maxPayloadSize = bytes;
      return this;
    }

    /**
     * Sets the random source for Encrypt0 IVs (default {@link SecureRandoms#fastDrbg()}: a JDK DRBG
     * per thread at 256-bit strength, which keeps the IV from costing as much as the cipher and
     * takes no lock shared between publishing threads). ECDH recipients draw their IV and ephemeral
     * keys from core's own DRBG.
     *
     * @param random the source
     * @return this builder
     */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random);
      return this;
    }

    /**
     * Sets this publisher's private signing key (with kid) for the Sign1 modes.
     *
     * @param key the key
     * @return this builder
     */
    public Builder signingKey(CoseKey key) {
      this.signingKey = key;
      return this;
    }

    /**
     * Adds public keys (with kid) whose signatures subscribers accept.
     *
     * @param keys the keys
     * @return this builder
     */
    public Builder trustedSigners(Collection<CoseKey> keys) {
      trustedSigners.addAll(keys);
      return this;
    }

    /**
     * Adds the subscribers' public keys (with kid) a COSE_Encrypt publisher encrypts to.
     *
     * @param keys the keys
     * @return this builder
     */
    public Builder recipients(Collection<CoseKey> keys) {
      recipients.addAll(keys);
      return this;
    }

    /**
     * Adds this subscriber's private keys (with kid) for COSE_Encrypt.
     *
     * @param keys the keys
     * @return this builder
     */
    public Builder recipientKeys(Collection<CoseKey> keys) {
      recipientKeys.addAll(keys);
      return this;
    }

    /**
     * Sets the content algorithm of COSE_Encrypt (default A128GCM).
     *
     * @param alg the algorithm
     * @return this builder
     */
    public Builder contentAlgorithm(Algorithm alg) {
      this.contentAlgorithm = Objects.requireNonNull(alg);
      return this;
    }

    /**
     * Builds the codec.
     *
     * @return the codec
     * @throws CoseException if a key does not fit the profile
     */
    public CoseMqttCodec build() throws CoseException {
      return new CoseMqttCodec(this);
    }
  }
}
