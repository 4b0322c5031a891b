/**
 * cose-iot core: COSE messages, keys and algorithms (RFC 9052, RFC 9053) on CBOR (RFC 8949).
 *
 * <p>{@code io.coseiot.cose.message} holds the six message types, {@code io.coseiot.cose.key} the
 * COSE_Key model, {@code io.coseiot.cose.algorithm} the IANA algorithm registry and the primitives
 * behind it, {@code io.coseiot.cose.header} header maps and labels, {@code io.coseiot.cose.cbor}
 * the strict reader and deterministic writer, {@code io.coseiot.cose.primitive} keyed Encrypt0,
 * Mac0 and Sign1 primitives made once per key, and {@code io.coseiot.cose.exception} the one
 * checked exception family.
 */
module io.coseiot.cose {
  // The CBOR library ships no module descriptor; its automatic name comes from the jar file.
  requires transitive cbor;
  requires transitive numbers;
  requires org.bouncycastle.provider;

  exports io.coseiot.cose.algorithm;
  exports io.coseiot.cose.cbor;
  exports io.coseiot.cose.exception;
  exports io.coseiot.cose.header;
  exports io.coseiot.cose.key;
  exports io.coseiot.cose.message;
  exports io.coseiot.cose.primitive;
}
