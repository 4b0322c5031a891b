/** MQTT topic filters and their matching, and the profile's topic obfuscation. */
package io.coseiot.mqtt.topic;
