package io.coseiot.cose.message;

import io.coseiot.cose.cbor.CborWriter;
import io.coseiot.cose.header.Headers;

/**
 * A top-level COSE message (RFC 9052 §2): a tagged or untagged array of the two header buckets
 * followed by the type's own elements.
 *
 * <pre>
 * COSE_Messages = COSE_Untagged_Message / COSE_Tagged_Message
 * </pre>
 *
 * @param <T> the concrete type
 */
public abstract class CoseMessage<T extends CoseMessage<T>> extends CoseStructure<T> {
  CoseMessage(Headers headers) {
    super(headers);
  }

  /**
   * Returns which of the six message types this is.
   *
   * @return the type
   */
  public abstract MessageType type();

  /** The number of array elements after the two header buckets. */
  abstract int contentElements();

  /** The encoded size of those elements, or a close estimate, to size the buffer once. */
  abstract int contentSize();

  /** Writes the elements after the two header buckets. */
  abstract void writeContent(CborWriter w);

  /**
   * Encodes the message with its tag.
   *
   * @return the encoding
   */
  public final byte[] encode() {
    return encode(true);
  }

  /**
   * Encodes the message deterministically.
   *
   * @param tagged whether to write the type's CBOR tag
   * @return the encoding
   */
  public final byte[] encode(boolean tagged) {
    Headers h = headers();
    CborWriter w =
        new CborWriter(
            16 + h.protectedBytes().length + 16 * h.unprotectedMap().size() + contentSize());
    if (tagged) {
      w.writeTag(type().tag());
    }
    w.writeArrayHeader(2 + contentElements());
    h.writeTo(w);
    writeContent(w);
    return w.toByteArray();
  }

  @Override
  final String structureName() {
    return type().structureName();
  }

  /** Writes a bstr, or nil for a detached field. */
  static void writeBstrOrNil(CborWriter w, byte[] value) {
    if (value == null) {
      w.writeNull();
    } else {
      w.writeBytes(value);
    }
  }

  /** The encoded size of a bstr (or nil) of this content. */
  static int bstrSize(byte[] value) {
    return value == null ? 1 : CborWriter.headLength(value.length) + value.length;
  }
}
