package io.coseiot.vectors.generate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal CBOR writer for hand-assembled messages: negative vectors need encodings (duplicate
 * labels, wrong tags, trailing bytes) that the library's writer refuses to produce.
 */
final class Cbor {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  Cbor head(int major, long n) {
    int mt = major << 5;
    if (n < 24) {
      out.write(mt | (int) n);
    } else if (n < 0x100) {
      out.write(mt | 24);
      out.write((int) n);
    } else if (n < 0x10000) {
      out.write(mt | 25);
      out.write((int) (n >> 8));
      out.write((int) n);
    } else {
      out.write(mt | 26);
      for (int s = 24; s >= 0; s -= 8) {
        out.write((int) (n >> s));
      }
    }
    return this;
  }

  Cbor integer(long v) {
    return v >= 0 ? head(0, v) : head(1, -1 - v);
  }

  Cbor bstr(byte[] b) {
    head(2, b.length);
    out.writeBytes(b);
    return this;
  }

  Cbor tstr(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    head(3, b.length);
    out.writeBytes(b);
    return this;
  }

  Cbor array(int n) {
    return head(4, n);
  }

  Cbor map(int n) {
    return head(5, n);
  }

  Cbor tag(long t) {
    return head(6, t);
  }

  Cbor nil() {
    out.write(0xf6);
    return this;
  }

  Cbor raw(byte[] b) {
    out.writeBytes(b);
    return this;
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  static Cbor writer() {
    return new Cbor();
  }
}
