/**
 * Monitoring of the MQTT binding: {@link io.coseiot.mqtt.metrics.MessageMetrics}, what a codec
 * reports, and {@link io.coseiot.mqtt.metrics.MicrometerMetrics}, the same as Micrometer meters
 * (Micrometer is an optional dependency, needed only by that class).
 */
package io.coseiot.mqtt.metrics;
