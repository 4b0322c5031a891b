package io.coseiot.mqtt.codec;

import io.coseiot.cose.cbor.CborReader;
import io.coseiot.cose.cbor.CborWriter;
import io.coseiot.cose.exception.CoseException;

/**
 * The content of a message on an obfuscated topic: {@code [topic : tstr, payload : bstr]}, so the
 * real topic travels inside the authenticated (and, when encrypted, confidential) content. Not a
 * COSE structure: the profile's own CBOR, inside the COSE content.
 *
 * @param topic the real topic
 * @param payload the application payload
 */
record TopicEnvelope(String topic, byte[] payload) {
  static byte[] wrap(String topic, byte[] payload) {
    CborWriter w = new CborWriter(8 + topic.length() * 3 + payload.length);
    w.writeArrayHeader(2);
    w.writeText(topic);
    w.writeBytes(payload);
    return w.toByteArray();
  }

  /** Parses the content once; throws if the bytes are not exactly one envelope. */
  static TopicEnvelope unwrap(byte[] content) throws CoseException {
    CborReader r = new CborReader(content);
    if (r.readArrayHeader() != 2) {
      throw new CoseException("topic envelope is not a 2-element array");
    }
    String topic = r.readTextString();
    byte[] payload = r.readByteString();
    r.requireEnd("topic envelope");
    return new TopicEnvelope(topic, payload);
  }
}
