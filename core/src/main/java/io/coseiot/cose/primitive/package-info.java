/**
 * Keyed COSE primitives for the single-recipient messages: {@link
 * io.coseiot.cose.primitive.Encrypt0Primitive}, {@link io.coseiot.cose.primitive.Mac0Primitive} and
 * {@link io.coseiot.cose.primitive.Sign1Primitive}, each made once from a COSE_Key that carries its
 * {@code alg} (sent protected) and {@code kid} (sent unprotected), immutable, thread-safe and
 * reused for message after message. What does not change between messages (the protected bytes, the
 * message head, the structure COSE authenticates for a given external_aad, as an {@link
 * io.coseiot.cose.primitive.Aad}) is encoded once, so a seal is one nonce, one cipher call and one
 * output array. A received message is parsed once, strictly, into a {@link
 * io.coseiot.cose.primitive.ReceivedMessage} that shows its kid, IV and Partial IV before any
 * cryptography, and its content only once a primitive has authenticated it. {@link
 * io.coseiot.cose.primitive.PartialIvs} computes the nonces of Partial IVs (RFC 9052 and OSCORE).
 */
package io.coseiot.cose.primitive;
