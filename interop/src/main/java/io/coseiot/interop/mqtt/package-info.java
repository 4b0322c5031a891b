/**
 * MQTT round trips of the MQTT profile through a broker: the JVM client against itself and against
 * COSE-JAVA as an MQTT peer.
 */
package io.coseiot.interop.mqtt;
