package io.coseiot.cose.message;

import io.coseiot.cose.cbor.CborReader;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.HeaderException;
import io.coseiot.cose.exception.StructureException;
import io.coseiot.cose.exception.TagException;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.internal.RawAccess;
import java.util.Objects;

/**
 * The one decoding path of the six message types: the tag policy, the outer array, the headers
 * under the {@link DecodeOptions}, then the type's own elements, then the end of the input.
 */
final class Decoding {
  private Decoding() {}

  /** Reads a message type's elements after its two header buckets. */
  @FunctionalInterface
  interface Body<T> {
    T read(CborReader r, Headers headers, DecodeOptions options) throws CoseException;
  }

  /** Decodes a whole message of {@code type}; {@code body} reads what follows the headers. */
  static <T> T decode(byte[] data, DecodeOptions options, MessageType type, Body<T> body)
      throws CoseException {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(options, "options");
    CborReader r = open(data, type, options.tagPolicy(), arity(type));
    String name = type.structureName();
    T message = body.read(r, headers(r, name, options), options);
    r.requireEnd(name);
    return message;
  }

  private static int arity(MessageType type) {
    switch (type) {
      case ENCRYPT0:
        return 3;
      case MAC:
        return 5;
      default:
        return 4;
    }
  }

  /** Reads the two buckets of a message or COSE_Signature, whose alg must be protected. */
  static Headers headers(CborReader r, String name, DecodeOptions options) throws CoseException {
    Headers h = Headers.read(r, name, options.understoodLabels());
    if (!options.unprotectedAlgAllowed()
        && RawAccess.headerValue(h.unprotectedMap(), HeaderLabel.ALG) != null
        && RawAccess.headerValue(h.protectedMap(), HeaderLabel.ALG) == null) {
      throw new HeaderException(
          name
              + ": alg is only in the unprotected bucket, where nothing authenticates it; the"
              + " sender must put it in the protected bucket, or decode with"
              + " DecodeOptions.strict().allowUnprotectedAlg() for a peer that cannot");
    }
    return h;
  }

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
