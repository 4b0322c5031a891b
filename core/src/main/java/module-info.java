/**
 * cose-iot core: COSE messages, keys and algorithms (RFC 9052, RFC 9053) on CBOR (RFC 8949).
 *
 * <p>{@code io.coseiot.cose.message} holds the six message types, {@code io.coseiot.cose.key} the
 * COSE_Key model, {@code io.coseiot.cose.algorithm} the IANA algorithm registry and the primitives
 * behind it, {@code io.coseiot.cose.header} header maps and labels, {@code
 * io.coseiot.cose.primitive} keyed Encrypt0, Mac0 and Sign1 primitives made once per key, and
 * {@code io.coseiot.cose.exception} the one checked exception family. The strict CBOR reader and
 * deterministic writer ({@code cbor}) and the raw-access bridge ({@code internal}) are exported
 * only to the project's own modules that need them.
 */
module io.coseiot.cose {
  // The CBOR library ships no module descriptor; its automatic name comes from the jar file.
  requires transitive cbor;
  requires transitive numbers;
  requires org.bouncycastle.provider;

  exports io.coseiot.cose.algorithm;
  exports io.coseiot.cose.exception;
  exports io.coseiot.cose.header;
  exports io.coseiot.cose.key;
  exports io.coseiot.cose.message;
  exports io.coseiot.cose.primitive;

  // Internal: the CBOR reader and writer for the binding's topic envelope, profile AAD and key
  // derivation info (none a COSE structure) and the benchmarks, and the raw-access bridge for the
  // modules that must see received content unverified (vectors, peers, conformance checks).
  // Neither is API.
  exports io.coseiot.cose.cbor to
      io.coseiot.mqtt,
      io.coseiot.bench;
  exports io.coseiot.cose.internal to
      io.coseiot.vectors,
      io.coseiot.interop,
      io.coseiot.tck;
}
