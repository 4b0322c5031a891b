/**
 * The library's one checked exception family: {@link io.coseiot.cose.exception.CoseException} and a
 * subclass per kind of failure (CBOR, structure, tag, header, critical header, algorithm, key,
 * nonce, authentication), each message saying what was wrong and where. Catch {@code CoseException}
 * to handle them all; a {@code NullPointerException} naming the parameter marks a programming error
 * instead (see {@link io.coseiot.cose.message}).
 */
package io.coseiot.cose.exception;
