package io.coseiot.mqtt.client;

import io.coseiot.mqtt.codec.RejectedMessageException;

/**
 * Hears about received messages that did not open; their payload is never passed on as data. Called
 * on the MQTT client's callback thread, like {@link OpenedMessageListener}. Anything it throws is
 * logged and the client carries on.
 */
@FunctionalInterface
public interface RejectionListener {
  /**
   * Handles one rejected message.
   *
   * @param wireTopic the topic the message arrived on
   * @param rejection why it was rejected: {@link RejectedMessageException#reason()}
   */
  void onRejected(String wireTopic, RejectedMessageException rejection);

  /**
   * A listener that ignores rejections (they are still logged by the client).
   *
   * @return the listener
   */
  static RejectionListener ignore() {
    return (topic, rejection) -> {};
  }
}
