package io.coseiot.cose.message;

import io.coseiot.cose.cbor.CborWriter;

/**
 * Writes the byte strings that COSE authenticates, straight into a buffer sized in advance.
 *
 * <pre>
 * Enc_structure = [ context, protected : empty_or_serialized_map, external_aad : bstr ]
 * MAC_structure = [ context, protected : empty_or_serialized_map, external_aad : bstr,
 *                   payload : bstr ]
 * Sig_structure = [ context, body_protected : empty_or_serialized_map,
 *                   ? sign_protected : empty_or_serialized_map, external_aad : bstr,
 *                   payload : bstr ]
 * Countersign_structure = [ context, body_protected, ? sign_protected, external_aad,
 *                           payload, ? other_fields : [+ bstr] ]   ; RFC 9338 §3.3
 * </pre>
 */
final class Structures {
  // The contexts of Enc_structure and MAC_structure, already encoded as tstr: they are copied into
  // every structure on the seal and open paths.
  static final byte[] ENCRYPT0 = text("Encrypt0");
  static final byte[] ENCRYPT = text("Encrypt");
  static final byte[] MAC0 = text("MAC0");
  static final byte[] MAC = text("MAC");
  static final String SIGNATURE1 = "Signature1";
  static final String SIGNATURE = "Signature";

  private static final byte[] NO_BYTES = new byte[0];

  private Structures() {}

  private static int bstrSize(int length) {
    return CborWriter.headLength(length) + length;
  }

  /** The encoded size of a bstr, or of nil (one byte) for null: sizes message buffers exactly. */
  static int bstrOrNilSize(byte[] b) {
    return b == null ? 1 : bstrSize(b.length);
  }

  private static byte[] orEmpty(byte[] b) {
    return b == null ? NO_BYTES : b;
  }

  private static byte[] text(String context) {
    return new CborWriter().writeText(context).toByteArray();
  }

  /** Copies a bstr into {@code out} at {@code at}; returns the offset after it. */
  private static int putBstr(byte[] out, int at, byte[] value) {
    int start = CborWriter.putBytesHead(out, at, value.length);
    System.arraycopy(value, 0, out, start, value.length);
    return start + value.length;
  }

  /** An Enc_structure with no external AAD, and the context and protected array it was made of. */
  private record Built(byte[] context, byte[] protectedBytes, byte[] structure) {}

  // The Enc_structure built last without external AAD, by any thread. It depends only on the
  // context and the protected bytes, and a sender or receiver reuses one protected array for
  // message after message (Headers share it, and so does a received bucket equal to the last
  // one), so it is matched by identity. The ciphers only read it.
  private static volatile Built lastEnc;

  /**
   * Builds an Enc_structure in one exactly sized array, or returns the last one built when it has
   * the same context and protected array and no external AAD. Callers must not change it.
   */
  static byte[] enc(byte[] context, byte[] protectedBytes, byte[] externalAad) {
    if (externalAad == null) {
      Built last = lastEnc;
      if (last != null && last.context() == context && last.protectedBytes() == protectedBytes) {
        return last.structure();
      }
      byte[] structure = build(context, protectedBytes, NO_BYTES);
      lastEnc = new Built(context, protectedBytes, structure);
      return structure;
    }
    return build(context, protectedBytes, externalAad);
  }

  private static byte[] build(byte[] context, byte[] protectedBytes, byte[] aad) {
    byte[] out =
        new byte[1 + context.length + bstrSize(protectedBytes.length) + bstrSize(aad.length)];
    out[0] = (byte) 0x83; // array(3)
    System.arraycopy(context, 0, out, 1, context.length);
    putBstr(out, putBstr(out, 1 + context.length, protectedBytes), aad);
    return out;
  }

  /**
   * Builds a MAC_structure up to and including the head of its payload bstr: the MAC runs over
   * these bytes and then the payload itself, which is not copied.
   */
  static byte[] macHead(
      byte[] context, byte[] protectedBytes, byte[] externalAad, int payloadLength) {
    byte[] aad = orEmpty(externalAad);
    byte[] out =
        new byte
            [1
                + context.length
                + bstrSize(protectedBytes.length)
                + bstrSize(aad.length)
                + CborWriter.headLength(payloadLength)];
    out[0] = (byte) 0x84; // array(4)
    System.arraycopy(context, 0, out, 1, context.length);
    int at = putBstr(out, putBstr(out, 1 + context.length, protectedBytes), aad);
    CborWriter.putBytesHead(out, at, payloadLength);
    return out;
  }

  /**
   * Builds a Sig_structure, or a Countersign_structure when {@code otherFields} is given.
   *
   * @param signProtected null for Signature1 and CounterSignature0 of RFC 9338, which omit it
   * @param otherFields null or empty to omit
   */
  static byte[] sig(
      String context,
      byte[] bodyProtected,
      byte[] signProtected,
      byte[] externalAad,
      byte[] payload,
      byte[][] otherFields) {
    byte[] aad = orEmpty(externalAad);
    boolean others = otherFields != null && otherFields.length > 0;
    int size =
        1
            + bstrSize(context.length())
            + bstrSize(bodyProtected.length)
            + (signProtected == null ? 0 : bstrSize(signProtected.length))
            + bstrSize(aad.length)
            + bstrSize(payload.length);
    if (others) {
      size += CborWriter.headLength(otherFields.length);
      for (byte[] f : otherFields) {
        size += bstrSize(f.length);
      }
    }
    CborWriter w = new CborWriter(size);
    w.writeArrayHeader(4 + (signProtected == null ? 0 : 1) + (others ? 1 : 0));
    w.writeText(context).writeBytes(bodyProtected);
    if (signProtected != null) {
      w.writeBytes(signProtected);
    }
    w.writeBytes(aad).writeBytes(payload);
    if (others) {
      w.writeArrayHeader(otherFields.length);
      for (byte[] f : otherFields) {
        w.writeBytes(f);
      }
    }
    return w.toByteArray();
  }
}
