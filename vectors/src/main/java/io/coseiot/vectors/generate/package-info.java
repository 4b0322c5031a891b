/**
 * Generates the project's own vectors in the Examples format: positive vectors built with the
 * library from a deterministic random source, negative and strictness vectors derived from them by
 * hand-assembled CBOR, and the MQTT-profile vectors.
 */
package io.coseiot.vectors.generate;
