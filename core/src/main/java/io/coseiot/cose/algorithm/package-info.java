/**
 * The IANA COSE algorithms this library implements ({@link io.coseiot.cose.algorithm.Algorithm})
 * and the primitives behind them: AEAD ciphers, MACs, signature schemes, key wrap, ECDH and HKDF,
 * and {@link io.coseiot.cose.algorithm.SecureRandoms}, the random sources the messages draw IVs and
 * keys from. Applications name algorithms here and otherwise use the message package.
 */
package io.coseiot.cose.algorithm;
