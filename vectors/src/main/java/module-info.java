/**
 * cose-iot vectors: reads the COSE WG Examples JSON suite into objects the core library accepts
 * (keys, header maps, a replayable random stream), and defines the seam through which each example
 * is run.
 */
module io.coseiot.vectors {
  // Both appear in the public API (CoseKey, HeaderMap, JsonNode), so users get them too.
  requires transitive io.coseiot.cose;
  requires transitive com.fasterxml.jackson.databind;

  // The generator signs ECDSA vectors with RFC 6979 nonces through Bouncy Castle's lightweight API.
  requires org.bouncycastle.provider;

  // MQTT-profile vectors derive keys and external_aad with the binding's own functions.
  requires io.coseiot.mqtt;

  exports io.coseiot.vectors.examples;
  exports io.coseiot.vectors.generate;
}
