/**
 * The six COSE message types of RFC 9052, immutable, each made by a static method and read by
 * {@code decode}.
 *
 * <p>The API is safe by construction: a signed or MACed payload is returned only by {@code verify},
 * never by a getter; encryption draws a fresh IV itself, and a caller's IV or Partial IV is
 * accepted only by the methods named {@code ...ForTestVectors}; the key supplies {@code alg} (sent
 * protected) and {@code kid} (sent unprotected); decoding refuses {@code alg} outside the protected
 * bucket unless {@link io.coseiot.cose.message.DecodeOptions#allowUnprotectedAlg()} says otherwise.
 * Every sealing and verifying method takes the key (or recipients, or signers) first, then the
 * content, then the external AAD, then optional headers.
 *
 * <p>Nulls: every parameter must be non-null unless its documentation says {@code or null} (the
 * external AAD, meaning none). A null elsewhere throws {@link java.lang.NullPointerException} whose
 * message is the parameter's name, before any work is done; an argument that breaks another
 * documented precondition throws {@link java.lang.IllegalArgumentException}. Both mark a bug in the
 * caller. Everything that can be wrong with a message, a key or headers throws a {@link
 * io.coseiot.cose.exception.CoseException}.
 */
package io.coseiot.cose.message;
