package io.coseiot.mqtt.codec;

import io.coseiot.cose.algorithm.MacFunction;
import io.coseiot.cose.cbor.CborWriter;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.mqtt.keyring.TopicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the Mac0 seal path precomputes per key: the MAC function, the key bytes, the kid, the
 * protected header of stateless mode, the kid user property and, per topic, the external_aad, so
 * sealing only writes a few CBOR heads around the payload and computes one HMAC.
 */
final class MacKey {
  private static final int AAD_CACHE_LIMIT = 4096;

  final TopicKey key;
  final MacFunction mac;
  final byte[] keyBytes;
  final byte[] kid;
  final byte[] statelessProtected;
  final Map<String, String> v5Properties;
  private final Map<String, byte[]> aads = new ConcurrentHashMap<>();

  MacKey(TopicKey key) throws CoseException {
    this.key = key;
    this.mac = MacFunction.of(key.algorithm());
    this.keyBytes = key.keyBytes();
    this.kid = key.kid();
    this.statelessProtected = HeaderMap.builder().algorithm(key.algorithm()).build().encode();
    this.v5Properties = Map.of(CoseMqttProfile.KID_PROPERTY, CoseMqttProfile.kidHint(kid));
  }

  /** Returns the external_aad for a topic, computing it once. */
  byte[] externalAad(String wireTopic) {
    byte[] a = aads.get(wireTopic);
    if (a == null) {
      a = CoseMqttProfile.externalAad(wireTopic, key.epoch());
      if (aads.size() >= AAD_CACHE_LIMIT) {
        aads.clear();
      }
      aads.put(wireTopic, a);
    }
    return a;
  }

  /**
   * The protected header of counter mode, {@code {1: alg, 6: Partial IV, "sid": sender id}}, in
   * deterministic order (1, 6, "sid"): the sequence number must be authenticated, since a MAC has
   * no nonce that would bind it.
   */
  static byte[] counterProtected(long algId, byte[] partialIv, byte[] senderId) {
    CborWriter w = new CborWriter(16 + partialIv.length + senderId.length);
    w.writeMapHeader(3);
    w.writeInt(1).writeInt(algId);
    w.writeInt(6).writeBytes(partialIv);
    w.writeText(CoseMqttProfile.SENDER_ID_LABEL).writeBytes(senderId);
    return w.toByteArray();
  }

  /**
   * MAC_structure = ["MAC0", protected : bstr, external_aad : bstr, payload : bstr] (RFC 9052
   * §6.3).
   */
  static byte[] macStructure(byte[] protectedBytes, byte[] externalAad, byte[] payload) {
    CborWriter w = new CborWriter(24 + protectedBytes.length + externalAad.length + payload.length);
    w.writeArrayHeader(4);
    w.writeText("MAC0");
    w.writeBytes(protectedBytes);
    w.writeBytes(externalAad);
    w.writeBytes(payload);
    return w.toByteArray();
  }
}
