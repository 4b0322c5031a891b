package io.coseiot.mqtt.keyring;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.mqtt.topic.TopicFilter;
import java.util.HexFormat;

/**
 * One symmetric content key of a keyring: the topic filter it covers, its epoch, kid, algorithm (an
 * AEAD for the Encrypt0 modes, a MAC for Mac0), key bytes and (for counter-mode AEAD keys) common
 * IV. Immutable; accessors return copies.
 */
public final class TopicKey {
  private final TopicFilter filter;
  private final long epoch;
  private final byte[] kid;
  private final Algorithm algorithm;
  private final byte[] key;
  private final byte[] commonIv;

  /**
   * Creates a key.
   *
   * @param filter the topic filter it covers
   * @param epoch its epoch
   * @param kid its COSE kid
   * @param algorithm its content encryption (AEAD) or MAC algorithm
   * @param key the key bytes
   * @param commonIv the common IV for counter mode, or null if the key has none (MAC keys never
   *     need one)
   */
  public TopicKey(
      TopicFilter filter,
      long epoch,
      byte[] kid,
      Algorithm algorithm,
      byte[] key,
      byte[] commonIv) {
    if (algorithm.kind() != Algorithm.Kind.AEAD && algorithm.kind() != Algorithm.Kind.MAC) {
      throw new IllegalArgumentException(algorithm + " is neither an AEAD nor a MAC algorithm");
    }
    if (key.length * 8 != algorithm.keyBits()) {
      throw new IllegalArgumentException(
          algorithm + " needs a " + algorithm.keyBits() + "-bit key");
    }
    if (epoch < 0 || kid.length == 0) {
      throw new IllegalArgumentException("epoch must be >= 0 and kid non-empty");
    }
    this.filter = filter;
    this.epoch = epoch;
    this.kid = kid.clone();
    this.algorithm = algorithm;
    this.key = key.clone();
    this.commonIv = commonIv == null ? null : commonIv.clone();
  }

  /**
   * Returns the filter.
   *
   * @return the topic filter this key covers
   */
  public TopicFilter filter() {
    return filter;
  }

  /**
   * Returns the epoch.
   *
   * @return the epoch
   */
  public long epoch() {
    return epoch;
  }

  /**
   * Returns the kid.
   *
   * @return a copy of the kid
   */
  public byte[] kid() {
    return kid.clone();
  }

  /**
   * Returns the algorithm.
   *
   * @return the content encryption or MAC algorithm
   */
  public Algorithm algorithm() {
    return algorithm;
  }

  /**
   * Returns the key bytes.
   *
   * @return a copy of the key
   */
  public byte[] keyBytes() {
    return key.clone();
  }

  /**
   * Returns the common IV of counter mode.
   *
   * @return a copy, or null if none
   */
  public byte[] commonIv() {
    return commonIv == null ? null : commonIv.clone();
  }

  @Override
  public String toString() {
    // Never print key material.
    return "TopicKey{"
        + filter
        + ", epoch "
        + epoch
        + ", kid "
        + HexFormat.of().formatHex(kid)
        + ", "
        + algorithm.ianaName()
        + "}";
  }
}
