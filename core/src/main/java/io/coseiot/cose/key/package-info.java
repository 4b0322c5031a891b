/**
 * COSE_Key and COSE_KeySet (RFC 9052 §7), immutable, with conversion to and from JWK and JCA keys.
 * {@link io.coseiot.cose.key.CoseKey#generate} makes a key for an algorithm; a key that names its
 * algorithm and key id lets every message take them from it instead of from headers.
 */
package io.coseiot.cose.key;
