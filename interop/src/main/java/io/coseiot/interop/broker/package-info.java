/**
 * An embedded HiveMQ CE broker on a free loopback port, for MQTT round trips and examples that need
 * a broker inside the JVM.
 */
package io.coseiot.interop.broker;
