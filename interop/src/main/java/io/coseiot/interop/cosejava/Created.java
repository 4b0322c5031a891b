package io.coseiot.interop.cosejava;

/**
 * What a creating op made.
 *
 * @param message the encoded message
 * @param detachedContent the content left out of it, or null if it is attached
 */
record Created(byte[] message, byte[] detachedContent) {}
