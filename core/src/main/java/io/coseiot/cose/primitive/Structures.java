package io.coseiot.cose.primitive;

import io.coseiot.cose.cbor.CborWriter;

/**
 * The byte strings COSE authenticates (RFC 9052 §4.4, §5.3, §6.3), for one recipient:
 *
 * <pre>
 * Enc_structure = [ "Encrypt0", protected : bstr, external_aad : bstr ]
 * MAC_structure = [ "MAC0", protected : bstr, external_aad : bstr, payload : bstr ]
 * Sig_structure = [ "Signature1", body_protected : bstr, external_aad : bstr, payload : bstr ]
 * </pre>
 *
 * The last two are built up to the payload: the payload's head and bytes follow per message.
 */
final class Structures {
  static final byte[] ENCRYPT0 = Wire.text("Encrypt0");
  static final byte[] MAC0 = Wire.text("MAC0");
  static final byte[] SIGNATURE1 = Wire.text("Signature1");

  private Structures() {}

  /**
   * The structure's array head, context, protected and external_aad bstrs.
   *
   * @param arity 3 for the Enc_structure, 4 for the others
   */
  static byte[] prefix(int arity, byte[] context, byte[] protectedBytes, byte[] externalAad) {
    byte[] out =
        new byte
            [1
                + context.length
                + Wire.bstrSize(protectedBytes.length)
                + Wire.bstrSize(externalAad.length)];
    out[0] = (byte) (0x80 | arity);
    int at = Wire.put(out, 1, context);
    Wire.putBstr(out, Wire.putBstr(out, at, protectedBytes), externalAad);
    return out;
  }

  /** A prefix followed by the payload bstr: the whole MAC_structure or Sig_structure. */
  static byte[] withPayload(byte[] prefix, byte[] payload) {
    byte[] out = new byte[prefix.length + Wire.bstrSize(payload.length)];
    Wire.putBstr(out, Wire.put(out, 0, prefix), payload);
    return out;
  }

  /** A prefix followed by only the head of a payload bstr of this length. */
  static byte[] withPayloadHead(byte[] prefix, int payloadLength) {
    byte[] out = new byte[prefix.length + CborWriter.headLength(payloadLength)];
    CborWriter.putBytesHead(out, Wire.put(out, 0, prefix), payloadLength);
    return out;
  }
}
