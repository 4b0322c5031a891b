/**
 * Topic keys: keysets per topic filter, derived from a master secret or given, their epochs and
 * rotation schedule, and the lookup of a received message's kid.
 */
package io.coseiot.mqtt.keyring;
