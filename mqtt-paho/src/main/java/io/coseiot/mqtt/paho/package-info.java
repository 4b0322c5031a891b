/**
 * The Eclipse Paho adapter: a {@code SecureMqttClient} on Paho's MQTT v5 or MQTT 3.1.1 asynchronous
 * client.
 */
package io.coseiot.mqtt.paho;
