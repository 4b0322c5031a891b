package io.coseiot.interop.cosejava;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.HexFormat;

/** Reading request fields, and checking that COSE-JAVA sent the headers a request asked for. */
final class Fields {
  static final HexFormat HEX = HexFormat.of();

  private Fields() {}

  /** A hex field decoded; absent is empty. */
  static byte[] hex(JsonNode req, String field) {
    return HEX.parseHex(req.path(field).asText(""));
  }

  /**
   * The detached content an opening op must use: null if the message carries its content, the
   * request's {@code detached_content} if the content is nil.
   *
   * @param lib the library
   * @param req the request
   * @param message the encoded message
   * @return the content to supply, or null
   * @throws Rejected if the content is nil and none was given
   */
  static byte[] detachedContent(CoseJavaLibrary lib, JsonNode req, byte[] message)
      throws ReflectiveOperationException, Rejected {
    Object array = lib.messageArray(message);
    if (lib.size(array) < 3 || !lib.isNull(lib.get(array, 2))) {
      return null;
    }
    if (!req.hasNonNull("detached_content")) {
      throw new Rejected("the content is nil and no detached_content was given");
    }
    return hex(req, "detached_content");
  }

  /**
   * Checks one layer (message, recipient or signature array) of what COSE-JAVA encoded against the
   * request: each bucket must hold the requested labels with the requested values and nothing else.
   * COSE-JAVA re-encodes both buckets from parsed maps (its CBOR orders map keys by hash, and an
   * empty protected map becomes h''), which keeps the meaning and is authenticated as sent; but it
   * also adds labels of its own (a signer key's kid, an ECDH-SS nonce), so a difference means it
   * could not do what was asked.
   *
   * @param lib the library
   * @param layer the layer's CBOR array
   * @param protectedBytes the requested serialized protected map, empty for none
   * @param unprotectedBytes the requested unprotected map, empty or {@code a0} for none
   * @param where the layer's name, for the message
   * @throws Unsupported if COSE-JAVA sent something else
   */
  static void checkSent(
      CoseJavaLibrary lib,
      Object layer,
      byte[] protectedBytes,
      byte[] unprotectedBytes,
      String where)
      throws ReflectiveOperationException, Unsupported {
    byte[] sentProtected = lib.byteString(lib.get(layer, 0));
    if (!sameMap(lib, map(lib, sentProtected), map(lib, protectedBytes))) {
      throw new Unsupported(
          "COSE-JAVA sent the "
              + where
              + " protected header as "
              + show(sentProtected)
              + ", not the requested "
              + show(protectedBytes));
    }
    Object sent = lib.get(layer, 1);
    if (!sameMap(lib, sent, map(lib, unprotectedBytes))) {
      throw new Unsupported(
          "COSE-JAVA sent the "
              + where
              + " unprotected header as "
              + show(lib.encodeCbor(sent))
              + ", not the requested "
              + show(unprotectedBytes));
    }
  }

  /** An encoded map; empty bytes are the empty map. */
  private static Object map(CoseJavaLibrary lib, byte[] encoded)
      throws ReflectiveOperationException {
    return lib.decodeCbor(encoded.length == 0 ? new byte[] {(byte) 0xa0} : encoded);
  }

  /** Same labels with the same values, in any order. */
  private static boolean sameMap(CoseJavaLibrary lib, Object a, Object b)
      throws ReflectiveOperationException {
    if (lib.size(a) != lib.size(b)) {
      return false;
    }
    for (Object label : lib.keys(b)) {
      Object v = lib.get(a, label);
      if (v == null || !Arrays.equals(lib.encodeCbor(v), lib.encodeCbor(lib.get(b, label)))) {
        return false;
      }
    }
    return true;
  }

  private static String show(byte[] b) {
    return b.length == 0 ? "h''" : "h'" + HEX.formatHex(b) + "'";
  }
}
