/**
 * Bridges between the core's packages that no application should use: reads without copies for the
 * per-message paths, per-key state, and the received content of a message before verification for
 * the test vectors, peers and conformance checks. Exported only to those modules.
 */
package io.coseiot.cose.internal;
