/**
 * JMH benchmarks of the COSE messages against the bare primitives, wire overhead, replay-state
 * backends and MQTT throughput, and the runner and report behind {@code cose-tck bench}.
 */
package io.coseiot.bench;
