package io.coseiot.mqtt.client;

import io.coseiot.mqtt.codec.OpenedMessage;
import io.coseiot.mqtt.codec.PayloadOpener;
import io.coseiot.mqtt.codec.RejectedMessageException;
import java.lang.System.Logger.Level;
import java.util.Map;

/**
 * Opens one received message and hands it to exactly one listener: what a {@link SealedMqttClient}
 * does with every received PUBLISH, whatever the MQTT library. Runs on the MQTT client's callback
 * thread, so it throws nothing: an exception there would make Paho drop the connection, and would
 * reach the HiveMQ client's Netty thread.
 *
 * <p>Each rejection goes to the {@link RejectionListener} and is also logged at WARNING on the
 * logger {@code io.coseiot.mqtt.rejections} with topic, kid and reason, at most 10 lines per reason
 * per minute (a line after a quiet spell counts those left out); configure that logger to silence
 * or route them.
 */
final class Delivery {
  private static final System.Logger LOG = System.getLogger(Delivery.class.getName());

  private final SecureMqttClient client;
  private final PayloadOpener opener;
  private final OpenedMessageListener listener;
  private final RejectionListener rejections;
  private final RejectionLog rejectionLog;
  private final ClientStats stats;

  /**
   * Delivers through these three, counting into the client's stats.
   *
   * @param client passed to the listener
   * @param opener opens each payload
   * @param listener gets what opened
   * @param rejections gets what did not, with the reason
   * @param stats counts deliveries and rejections for {@link SecureMqttClient#health()}
   */
  Delivery(
      SecureMqttClient client,
      PayloadOpener opener,
      OpenedMessageListener listener,
      RejectionListener rejections,
      ClientStats stats) {
    this.client = client;
    this.opener = opener;
    this.listener = listener;
    this.rejections = rejections;
    this.stats = stats;
    this.rejectionLog = new RejectionLog();
  }

  /**
   * Opens and dispatches. A message that does not open goes to the rejection listener only; an
   * opener that breaks its contract (throws anything but a rejection) counts as a rejection of the
   * message as malformed, since nothing that did not open may reach the application.
   *
   * @param wireTopic the topic as received
   * @param payload the received payload
   * @param contentType the MQTT v5 content type, or null
   * @param userProperties the user properties, the first value of each name
   */
  void deliver(
      String wireTopic, byte[] payload, String contentType, Map<String, String> userProperties) {
    OpenedMessage opened;
    try {
      opened = opener.open(wireTopic, payload, contentType, userProperties);
    } catch (RejectedMessageException e) {
      reject(wireTopic, e);
      return;
    } catch (Throwable t) {
      LOG.log(Level.ERROR, "payload opener failed on a message from " + wireTopic, t);
      reject(
          wireTopic,
          new RejectedMessageException(
              RejectedMessageException.Reason.MALFORMED, "the opener failed: " + t, t));
      return;
    }
    stats.delivered();
    try {
      listener.onMessage(opened, client);
    } catch (Throwable t) {
      LOG.log(Level.WARNING, "message listener threw on a message from " + wireTopic, t);
    }
  }

  private void reject(String wireTopic, RejectedMessageException e) {
    stats.rejected(wireTopic, e);
    rejectionLog.rejected(wireTopic, e);
    try {
      rejections.onRejected(wireTopic, e);
    } catch (Throwable t) {
      LOG.log(Level.WARNING, "rejection listener threw on a message from " + wireTopic, t);
    }
  }
}
