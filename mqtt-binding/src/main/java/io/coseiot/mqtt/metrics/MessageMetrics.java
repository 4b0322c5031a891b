package io.coseiot.mqtt.metrics;

import io.coseiot.mqtt.codec.RejectedMessageException.Reason;
import java.util.function.LongSupplier;

/**
 * What a codec reports as it seals and opens, for an application's monitoring: give one to {@code
 * CoseMqttCodec.Builder.metrics}. {@link MicrometerMetrics#of} makes the Micrometer one; without
 * one the codec reports nothing and costs nothing. Called on publishing and callback threads, so
 * implementations are thread-safe and quick.
 */
public interface MessageMetrics {
  /** One payload was sealed. */
  void sealed();

  /** One received message opened. */
  void opened();

  /**
   * One received message was rejected.
   *
   * @param reason why
   */
  void rejected(Reason reason);

  /**
   * The in-memory replay state forgot its oldest remembered message id to make room: a replay of
   * that message would no longer be caught, so a steady rate says its capacity is too small.
   */
  void replayEvicted();

  /**
   * Reports, from now on, the key epoch in use: called once by a codec with a keyring.
   *
   * @param currentEpoch reads the keyring's current epoch
   */
  void keyEpoch(LongSupplier currentEpoch);
}
