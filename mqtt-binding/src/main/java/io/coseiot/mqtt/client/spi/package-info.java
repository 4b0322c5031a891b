/**
 * The client SPI: what an adapter for an MQTT client library implements ({@link
 * io.coseiot.mqtt.client.spi.MqttAdapter}, {@link io.coseiot.mqtt.client.spi.MqttTransport}) and
 * what it reports to ({@link io.coseiot.mqtt.client.spi.Inbound}). Applications do not use it: they
 * build clients through an adapter module's entry point, e.g. {@code PahoMqtt.client(uri)}.
 */
package io.coseiot.mqtt.client.spi;
