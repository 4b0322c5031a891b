package io.coseiot.cose.message;

import io.coseiot.cose.cbor.CborWriter;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.internal.RawAccess;

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
  static {
    RawAccess.register((RawAccess.MessageReader) CoseMessage::countersignPayload);
  }

  CoseMessage(Headers headers) {
    super(headers);
  }

  /**
   * Returns which of the six message types this is.
   *
   * @return the type
   */
  public abstract MessageType type();

  /**
   * Returns whether the payload or ciphertext is detached (sent as nil), so that it must be passed
   * to {@code verifyDetached} or {@code decryptDetached}.
   *
   * @return true if detached
   */
  public final boolean isDetached() {
    return countersignPayload() == null;
  }

  /** The number of array elements after the two header buckets. */
  abstract int contentElements();

  /** The encoded size of those elements, or a close estimate, to size the buffer once. */
  abstract int contentSize();

  /** Writes the elements after the two header buckets. */
  abstract void writeContent(CborWriter w);

  /** The encoded size of the two header buckets. */
  int headersSize() {
    return headers().encodedSize();
  }

  /** Writes the two header buckets. */
  void writeHeaders(CborWriter w) {
    headers().writeTo(w);
  }

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
    int tagSize = tagged ? CborWriter.headLength(type().tag()) : 0;
    CborWriter w = new CborWriter(tagSize + 1 + headersSize() + contentSize());
    if (tagged) {
      w.writeTag(type().tag());
    }
    w.writeArrayHeader(2 + contentElements());
    writeHeaders(w);
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
}
