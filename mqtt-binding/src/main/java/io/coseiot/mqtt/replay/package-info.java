/**
 * Replay protection at the subscriber: the sliding window per sender and the replay states that
 * keep windows, in memory here and durable or shared in the subpackages.
 */
package io.coseiot.mqtt.replay;
