/**
 * Runs the COSE WG Examples suite (and files in its format) against the core library: loading,
 * converting each example's keys and headers, decoding and checking {@code output.cbor}, and
 * rebuilding the message from its input byte for byte.
 */
package io.coseiot.vectors.examples;
