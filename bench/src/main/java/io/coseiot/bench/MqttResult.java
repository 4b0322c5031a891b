package io.coseiot.bench;

/**
 * One MQTT run: a fixed number of messages from a publisher to a subscriber in one process, through
 * a broker on loopback.
 *
 * @param client the MQTT v5 client both ends used: {@code paho} (Eclipse Paho 1.2.5) or {@code
 *     hivemq-client} (the HiveMQ MQTT client)
 * @param payload {@code sealed} (COSE_Encrypt0 A128GCM through the codec), {@code plaintext}, or
 *     {@code plaintext+props} (plaintext with the MQTT v5 properties a sealed message carries)
 * @param qos the QoS of the publishes
 * @param subscriptionQos the QoS of the subscription (the broker delivers at the lower of the two)
 * @param size the application payload in bytes
 * @param sent messages published in the measured runs
 * @param received messages delivered (and opened) in the measured runs
 * @param messagesPerSecond the median over runs of received messages over the time from the first
 *     publish to the last delivery
 * @param p50Micros the median end-to-end latency (publish call to listener), microseconds
 * @param p99Micros the 99th percentile of the same, microseconds
 * @param runs the measured runs
 * @param wireBytes the payload bytes each message carried through the broker
 * @param cpuMicrosPerMessage the median over runs of the whole process's CPU time (clients, broker,
 *     garbage collector) per delivered message, microseconds: what the throughput follows when the
 *     machine's cores are the limit
 */
public record MqttResult(
    String client,
    String payload,
    int qos,
    int subscriptionQos,
    int size,
    long sent,
    long received,
    double messagesPerSecond,
    double p50Micros,
    double p99Micros,
    int runs,
    int wireBytes,
    double cpuMicrosPerMessage) {
  /** The payload kind of plaintext carrying the MQTT v5 properties a sealed message carries. */
  public static final String PLAINTEXT_WITH_PROPERTIES = "plaintext+props";
}
