package io.coseiot.mqtt.keyring;

/**
 * The outcome of looking up a received message's kid for the topic it arrived on.
 *
 * @param status what was found
 * @param key the key, set when {@code status} is {@link Status#ACCEPTED} or {@link
 *     Status#EPOCH_NOT_ACCEPTED}, else null
 */
public record KeyLookup(Status status, TopicKey key) {
  /** What a kid lookup found. */
  public enum Status {
    /** A key covering the topic, of an epoch accepted now. */
    ACCEPTED,
    /** No key of the keyring has this kid. */
    UNKNOWN_KEY,
    /** A key with this kid exists but covers other topics: the message was moved. */
    OTHER_TOPIC,
    /** A key covering the topic, but its epoch is not accepted now. */
    EPOCH_NOT_ACCEPTED
  }
}
