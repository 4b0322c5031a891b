package io.coseiot.cose.message;

import io.coseiot.cose.cbor.CborReader;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.StructureException;
import io.coseiot.cose.exception.TagException;

/** Shared decoding steps: the tag policy, the outer array and bstr-or-nil fields. */
final class Decoding {
  private Decoding() {}

  /**
   * Applies the tag policy and reads the outer array header.
   *
   * @return a reader positioned at the first element
   */
  static CborReader open(byte[] data, MessageType type, TagPolicy policy, int arity)
      throws CoseException {
    CborReader r = new CborReader(data);
    String name = type.structureName();
    if (r.peekTag()) {
      long tag = r.readTag();
      if (tag != type.tag()) {
        MessageType other = MessageType.fromTag(tag);
        throw new TagException(
            name
                + ": expected tag "
                + type.tag()
                + " but found "
                + tag
                + (other != null ? " (" + other.structureName() + ")" : ""));
      }
      if (policy == TagPolicy.PROHIBITED) {
        throw new TagException(name + ": tag " + tag + " present but the policy prohibits tags");
      }
    } else if (policy == TagPolicy.REQUIRED) {
      throw new TagException(name + ": tag " + type.tag() + " required but absent");
    }
    array(r, name, arity);
    return r;
  }

  /** Reads an array header that must have exactly {@code arity} elements. */
  static void array(CborReader r, String name, int arity) throws CoseException {
    if (r.peekMajorType() != 4) {
      throw new StructureException(name + ": expected an array at offset " + r.position());
    }
    int n = r.readArrayHeader();
    if (n != arity) {
      throw new StructureException(name + ": array has " + n + " elements, expected " + arity);
    }
  }

  /** Reads a bstr, or nil when {@code nilAllowed}, returning null for nil. */
  static byte[] bstrOrNil(CborReader r, String what, boolean nilAllowed) throws CoseException {
    if (nilAllowed && r.peekNull()) {
      r.skipItem();
      return null;
    }
    if (r.peekMajorType() != 2) {
      throw new StructureException(
          what + " is not a byte string" + (nilAllowed ? " or nil" : "") + " at " + r.position());
    }
    return r.readByteString();
  }
}
