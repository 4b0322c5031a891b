/**
 * A replay state and sender id leases in Redis, shared by the members of a shared subscription;
 * needs the optional Jedis dependency.
 */
package io.coseiot.mqtt.replay.redis;
