/**
 * The strict CBOR reader (RFC 8949, with the limits COSE needs) and the deterministic writer the
 * messages are encoded with. Not API: exported only to the project's MQTT binding and benchmarks.
 */
package io.coseiot.cose.cbor;
