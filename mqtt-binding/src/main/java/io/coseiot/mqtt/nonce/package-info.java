/**
 * Counter-mode nonces of the MQTT profile (after OSCORE, RFC 8613): the nonce construction, the
 * crash-safe sender sequence number and the sender id lease.
 */
package io.coseiot.mqtt.nonce;
