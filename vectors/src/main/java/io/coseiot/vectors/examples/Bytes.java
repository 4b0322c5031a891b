package io.coseiot.vectors.examples;

import java.util.Base64;
import java.util.HexFormat;

/** Decodes the two byte encodings the Examples files use: hex and unpadded base64url. */
final class Bytes {
  private Bytes() {}

  /**
   * Decodes hex, either case.
   *
   * @param hex the text
   * @return the bytes
   * @throws IllegalArgumentException if it is not hex
   */
  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  /**
   * Decodes base64url, with or without padding.
   *
   * @param text the text
   * @return the bytes
   * @throws IllegalArgumentException if it is not base64url
   */
  static byte[] base64Url(String text) {
    return Base64.getUrlDecoder().decode(text);
  }
}
