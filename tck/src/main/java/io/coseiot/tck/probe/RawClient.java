package io.coseiot.tck.probe;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A plain MQTT client without any COSE: the probe sees the bytes and properties as the broker
 * delivered them, and publishes bytes it sealed itself.
 */
interface RawClient extends AutoCloseable {
  /**
   * Connects a client of the given MQTT version.
   *
   * @param uri the broker, {@code tcp://host:port}
   * @param v5 MQTT 5, else 3.1.1
   * @param clientId the client id
   * @param sink gets every message that arrives
   * @return the connected client
   * @throws ProbeSetupException if the broker cannot be reached or refuses the connection
   */
  static RawClient connect(String uri, boolean v5, String clientId, Consumer<Observed> sink)
      throws ProbeSetupException {
    return v5 ? RawV5Client.connect(uri, clientId, sink) : RawV3Client.connect(uri, clientId, sink);
  }

  /**
   * Subscribes at QoS 1 (in MQTT 5 without its own messages).
   *
   * @param filters the topic filters
   * @throws ProbeSetupException if the broker refuses a subscription
   */
  void subscribe(List<String> filters) throws ProbeSetupException;

  /**
   * Publishes at QoS 1 and waits for the acknowledgement.
   *
   * @param topic the topic
   * @param payload the bytes
   * @param contentType the MQTT v5 content type (ignored in 3.1.1), or null
   * @param userProperties MQTT v5 user properties (ignored in 3.1.1)
   * @throws ProbeSetupException if the publish fails
   */
  void publish(String topic, byte[] payload, String contentType, Map<String, String> userProperties)
      throws ProbeSetupException;

  /**
   * Tells whether the connection dropped.
   *
   * @return why it dropped, or null while connected
   */
  String lost();

  @Override
  void close();
}
