/**
 * The client API: {@link io.coseiot.mqtt.client.SecureMqttClient}, which seals what it publishes
 * and opens what it receives, its options, the listeners for opened and rejected messages, and its
 * health counters. The adapters for concrete MQTT clients live in their own modules.
 */
package io.coseiot.mqtt.client;
