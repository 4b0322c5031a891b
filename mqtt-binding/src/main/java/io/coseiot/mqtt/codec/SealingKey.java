package io.coseiot.mqtt.codec;

import io.coseiot.cose.algorithm.AeadCipher;
import io.coseiot.cose.cbor.CborWriter;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.mqtt.keyring.TopicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the Encrypt0 seal path precomputes per key: the cipher, the key bytes, the protected header
 * bytes, the kid user property and, per topic, the whole Enc_structure, so sealing only draws a
 * nonce, encrypts and writes a few CBOR heads.
 */
final class SealingKey {
  /** How many topics' Enc_structures a sealing key or an opener keeps before starting over. */
  static final int AAD_CACHE_LIMIT = 4096;

  final TopicKey key;
  final AeadCipher cipher;
  final byte[] keyBytes;
  final byte[] kid;
  final byte[] commonIv;
  final byte[] protectedBytes;
  final Map<String, String> v5Properties;
  private final Map<String, byte[]> encStructures = new ConcurrentHashMap<>();

  SealingKey(TopicKey key) throws CoseException {
    this.key = key;
    this.cipher = AeadCipher.of(key.algorithm());
    this.keyBytes = key.keyBytes();
    this.kid = key.kid();
    this.commonIv = key.commonIv();
    this.protectedBytes = HeaderMap.builder().algorithm(key.algorithm()).build().encode();
    this.v5Properties = Map.of(CoseMqttProfile.KID_PROPERTY, CoseMqttProfile.kidHint(kid));
  }

  /** Returns the Enc_structure for a topic, computing it once. */
  byte[] encStructure(String wireTopic) {
    byte[] s = encStructures.get(wireTopic);
    if (s == null) {
      s = encStructure(protectedBytes, CoseMqttProfile.externalAad(wireTopic, key.epoch()));
      if (encStructures.size() >= AAD_CACHE_LIMIT) {
        encStructures.clear();
      }
      encStructures.put(wireTopic, s);
    }
    return s;
  }

  /** Enc_structure = ["Encrypt0", protected : bstr, external_aad : bstr] (RFC 9052 §5.3). */
  static byte[] encStructure(byte[] protectedBytes, byte[] externalAad) {
    CborWriter w = new CborWriter(16 + protectedBytes.length + externalAad.length);
    w.writeArrayHeader(3);
    w.writeText("Encrypt0");
    w.writeBytes(protectedBytes);
    w.writeBytes(externalAad);
    return w.toByteArray();
  }
}
