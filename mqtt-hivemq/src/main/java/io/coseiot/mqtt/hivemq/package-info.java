/**
 * The HiveMQ MQTT client adapter: a {@code SecureMqttClient} on its MQTT v5 asynchronous client.
 */
package io.coseiot.mqtt.hivemq;
