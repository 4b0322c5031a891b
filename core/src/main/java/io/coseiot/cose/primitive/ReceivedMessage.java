package io.coseiot.cose.primitive;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.cbor.CborReader;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.StructureException;
import io.coseiot.cose.exception.TagException;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.internal.RawAccess;
import io.coseiot.cose.message.MessageType;
import java.util.Objects;
import java.util.Set;

/**
 * A tagged COSE_Encrypt0, COSE_Mac0 or COSE_Sign1 as received, parsed once and strictly (one
 * well-formed item, the tag of its type, both header buckets checked as core's messages check them,
 * the protected bytes kept exactly as sent) and not yet authenticated. It tells a receiver what it
 * needs to choose the key and check for replay before any cryptography: the kid, the IV or Partial
 * IV, its own header labels. Its content is not on offer: {@link Encrypt0Primitive#open}, {@link
 * Mac0Primitive#verify} and {@link Sign1Primitive#verify} return it once it is authenticated.
 * Immutable.
 */
public final class ReceivedMessage {
  private final MessageType type;
  private final Headers headers;
  private final byte[] content;
  private final byte[] tag;

  private ReceivedMessage(MessageType type, Headers headers, byte[] content, byte[] tag) {
    this.type = type;
    this.headers = headers;
    this.content = content;
    this.tag = tag;
  }

  /**
   * Parses a tagged message of one type.
   *
   * @param type {@link MessageType#ENCRYPT0}, {@link MessageType#MAC0} or {@link MessageType#SIGN1}
   * @param data the encoded message, with its tag
   * @param understoodLabels labels beyond the generic ones that the caller processes, each a {@code
   *     Long} or {@code String}; {@code crit} naming any other label is refused
   * @return the message
   * @throws TagException if the tag is absent or another type's
   * @throws CoseException if the bytes are not one valid message of the type
   */
  public static ReceivedMessage parse(MessageType type, byte[] data, Set<?> understoodLabels)
      throws CoseException {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(understoodLabels, "understoodLabels");
    int arity = arity(Objects.requireNonNull(type, "type"));
    String name = type.structureName();
    CborReader r = new CborReader(data);
    if (!r.peekTag()) {
      throw new TagException(name + ": tag " + type.tag() + " required but absent");
    }
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
    if (r.peekMajorType() != 4) {
      throw new StructureException(name + ": expected an array at offset " + r.position());
    }
    int n = r.readArrayHeader();
    if (n != arity) {
      throw new StructureException(name + ": array has " + n + " elements, expected " + arity);
    }
    Headers headers = Headers.read(r, name, understoodLabels);
    byte[] content =
        bstrOrNil(r, name + (type == MessageType.ENCRYPT0 ? " ciphertext" : " payload"));
    byte[] authenticator = null;
    if (arity == 4) {
      if (r.peekMajorType() != 2) {
        throw new StructureException(
            name
                + (type == MessageType.MAC0 ? " tag" : " signature")
                + " is not a byte string at "
                + r.position());
      }
      authenticator = r.readByteString();
    }
    r.requireEnd(name);
    return new ReceivedMessage(type, headers, content, authenticator);
  }

  private static int arity(MessageType type) {
    return switch (type) {
      case ENCRYPT0 -> 3;
      case MAC0, SIGN1 -> 4;
      default ->
          throw new IllegalArgumentException(
              type.structureName() + " has recipients or signers; parse it with its message class");
    };
  }

  private static byte[] bstrOrNil(CborReader r, String what) throws CoseException {
    if (r.peekNull()) {
      r.skipItem();
      return null;
    }
    if (r.peekMajorType() != 2) {
      throw new StructureException(what + " is not a byte string or nil at " + r.position());
    }
    return r.readByteString();
  }

  /**
   * Returns the message type.
   *
   * @return the type it was parsed as
   */
  public MessageType type() {
    return type;
  }

  /**
   * Returns the header buckets as received, the protected one with its bytes as sent.
   *
   * @return the headers
   */
  public Headers headers() {
    return headers;
  }

  /**
   * Returns the algorithm of the protected bucket: the only place a primitive accepts it from,
   * since an unprotected alg could be changed on the way.
   *
   * @return the algorithm, or null if the protected bucket has no alg or one not implemented here
   */
  public Algorithm algorithm() {
    return headers.protectedMap().algorithm();
  }

  /**
   * Returns the kid, from whichever bucket holds it.
   *
   * @return a copy, or null if absent or not a byte string
   */
  public byte[] kid() {
    // The headers read a text kid as its UTF-8 bytes (some examples send one); RFC 9052 §3.1 and
    // the primitives' callers want the bstr only, so a kid retyped to tstr is no kid at all.
    CBORObject v = RawAccess.headerValue(headers, HeaderLabel.KID);
    return v == null || v.getType() != CBORType.ByteString ? null : copy(v.GetByteString());
  }

  /**
   * Returns the IV of the unprotected bucket.
   *
   * @return a copy, or null if absent or not a byte string
   */
  public byte[] iv() {
    return copy(unprotectedBytes(HeaderLabel.IV));
  }

  /**
   * Returns the Partial IV, from whichever bucket holds it (a COSE_Mac0, which has no nonce to bind
   * it, must carry it protected).
   *
   * @return a copy, or null if absent or not a byte string
   */
  public byte[] partialIv() {
    return copy(RawAccess.headerBytes(headers, HeaderLabel.PARTIAL_IV));
  }

  /**
   * Returns an untagged byte string header of the caller's own text label, such as a sender id.
   *
   * @param label the label
   * @param protectedBucket which bucket to read
   * @return a copy, or null if absent, tagged or not a byte string
   */
  public byte[] bytes(String label, boolean protectedBucket) {
    return textLabelBytes(
        protectedBucket ? headers.protectedMap() : headers.unprotectedMap(), label);
  }

  /**
   * Returns whether the content (ciphertext or payload) was sent as nil, to be carried apart; the
   * primitives open only attached content.
   *
   * @return true if detached
   */
  public boolean isDetached() {
    return content == null;
  }

  /**
   * Returns the MAC tag of a COSE_Mac0 or the signature of a COSE_Sign1: public bytes that identify
   * the message, for a receiver's replay check.
   *
   * @return a copy, or null for a COSE_Encrypt0
   */
  public byte[] tag() {
    return copy(tag);
  }

  static byte[] textLabelBytes(HeaderMap map, String label) {
    CBORObject v = map.get((Object) label);
    return v != null && v.getType() == CBORType.ByteString && !v.isTagged()
        ? v.GetByteString()
        : null;
  }

  /** The unprotected bucket's byte string, as held; callers only read it. */
  byte[] unprotectedBytes(long label) {
    CBORObject v = RawAccess.headerValue(headers.unprotectedMap(), label);
    return v != null && v.getType() == CBORType.ByteString
        ? RawAccess.headerBytes(headers, label)
        : null;
  }

  /** The content as held, for the primitives' own use after checking what they need. */
  byte[] content() {
    return content;
  }

  /** The tag or signature as held. */
  byte[] rawTag() {
    return tag;
  }

  private static byte[] copy(byte[] b) {
    return b == null ? null : b.clone();
  }
}
