/**
 * The codec of the cose-iot MQTT profile: seals a payload for a topic and opens a received one,
 * independent of any MQTT client, with the profile's constants and the reasons a message is
 * rejected.
 */
package io.coseiot.mqtt.codec;
