package io.coseiot.tck.probe;

import java.util.List;
import java.util.Map;

/**
 * One PUBLISH as the probe received it, before anything opened it: the bytes and the MQTT metadata
 * exactly as the broker delivered them.
 *
 * @param index 1-based position in the observation
 * @param topic the topic name (a topic alias already resolved by the client)
 * @param payload the payload bytes
 * @param qos the QoS of the delivery
 * @param dup whether the broker marked the delivery as a retransmission
 * @param retained whether it was a retained message
 * @param contentType the MQTT v5 Content Type, or null (absent, or MQTT 3.1.1)
 * @param utf8Indicator whether the MQTT v5 Payload Format Indicator was 1
 * @param userProperties the MQTT v5 user properties in order, empty for MQTT 3.1.1
 */
public record Observed(
    int index,
    String topic,
    byte[] payload,
    int qos,
    boolean dup,
    boolean retained,
    String contentType,
    boolean utf8Indicator,
    List<Map.Entry<String, String>> userProperties) {

  /** Copies the mutable parts. */
  public Observed {
    payload = payload.clone();
    userProperties = List.copyOf(userProperties);
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /**
   * Returns the values of one user property, in order.
   *
   * @param name the property name
   * @return its values, empty if absent
   */
  public List<String> userProperty(String name) {
    return userProperties.stream()
        .filter(e -> e.getKey().equals(name))
        .map(Map.Entry::getValue)
        .toList();
  }
}
