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
  static final String ENCRYPT0 = "Encrypt0";
  static final String ENCRYPT = "Encrypt";
  static final String ENC_RECIPIENT = "Enc_Recipient";
  static final String MAC_RECIPIENT = "Mac_Recipient";
  static final String REC_RECIPIENT = "Rec_Recipient";
  static final String MAC0 = "MAC0";
  static final String MAC = "MAC";
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

  /** Builds an Enc_structure; the context is plain ASCII so its length is its size. */
  static byte[] enc(String context, byte[] protectedBytes, byte[] externalAad) {
    byte[] aad = orEmpty(externalAad);
    int size =
        1 + bstrSize(context.length()) + bstrSize(protectedBytes.length) + bstrSize(aad.length);
    return new CborWriter(size)
        .writeArrayHeader(3)
        .writeText(context)
        .writeBytes(protectedBytes)
        .writeBytes(aad)
        .toByteArray();
  }

  /** Builds a MAC_structure. */
  static byte[] mac(String context, byte[] protectedBytes, byte[] externalAad, byte[] payload) {
    byte[] aad = orEmpty(externalAad);
    int size =
        1
            + bstrSize(context.length())
            + bstrSize(protectedBytes.length)
            + bstrSize(aad.length)
            + bstrSize(payload.length);
    return new CborWriter(size)
        .writeArrayHeader(4)
        .writeText(context)
        .writeBytes(protectedBytes)
        .writeBytes(aad)
        .writeBytes(payload)
        .toByteArray();
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
