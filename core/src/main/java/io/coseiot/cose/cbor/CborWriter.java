package io.coseiot.cose.cbor;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import com.upokecenter.numbers.EInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes CBOR items straight into a growable byte buffer, always in preferred (shortest) form as
 * RFC 8949 §4.2.1 requires for deterministic encoding. Used on the seal/sign path so that no CBOR
 * object tree is built per message. Not thread-safe; one writer per message being built.
 */
public final class CborWriter {
  private byte[] buf;
  private int len;
  private boolean handedOut;

  /** Creates a writer with a small initial buffer. */
  public CborWriter() {
    this(64);
  }

  /**
   * Creates a writer sized for the expected output so that it never needs to grow.
   *
   * @param capacity initial buffer size in bytes
   */
  public CborWriter(int capacity) {
    buf = new byte[Math.max(capacity, 16)];
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }

  /** Writes a major type with its argument in the shortest form. */
  private CborWriter head(int majorType, long argument) {
    // Only the head's own length: a writer sized exactly must not grow for its last, short item.
    ensure(headLength(argument));
    int mt = majorType << 5;
    if (argument >= 0 && argument < 24) {
      buf[len++] = (byte) (mt | argument);
    } else if (argument >= 0 && argument <= 0xFF) {
      buf[len++] = (byte) (mt | 24);
      buf[len++] = (byte) argument;
    } else if (argument >= 0 && argument <= 0xFFFF) {
      buf[len++] = (byte) (mt | 25);
      buf[len++] = (byte) (argument >>> 8);
      buf[len++] = (byte) argument;
    } else if (argument >= 0 && argument <= 0xFFFFFFFFL) {
      buf[len++] = (byte) (mt | 26);
      for (int s = 24; s >= 0; s -= 8) {
        buf[len++] = (byte) (argument >>> s);
      }
    } else {
      // Arguments above 2^63-1 are passed as negative longs and written as unsigned.
      buf[len++] = (byte) (mt | 27);
      for (int s = 56; s >= 0; s -= 8) {
        buf[len++] = (byte) (argument >>> s);
      }
    }
    return this;
  }

  /**
   * Writes an integer (major type 0 or 1).
   *
   * @param value the value
   * @return this writer
   */
  public CborWriter writeInt(long value) {
    return value >= 0 ? head(0, value) : head(1, -1 - value);
  }

  /**
   * Writes a byte string.
   *
   * @param value the bytes
   * @return this writer
   */
  public CborWriter writeBytes(byte[] value) {
    return writeBytes(value, 0, value.length);
  }

  /**
   * Writes a byte string from part of an array.
   *
   * @param value the array
   * @param offset first byte
   * @param length number of bytes
   * @return this writer
   */
  public CborWriter writeBytes(byte[] value, int offset, int length) {
    head(2, length);
    return writeRaw(value, offset, length);
  }

  /**
   * Writes a byte string header only; the caller then writes exactly {@code length} raw bytes.
   *
   * @param length the byte string length
   * @return this writer
   */
  public CborWriter writeBytesHeader(int length) {
    return head(2, length);
  }

  /**
   * Writes a UTF-8 text string.
   *
   * @param value the text
   * @return this writer
   */
  public CborWriter writeText(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    head(3, utf8.length);
    return writeRaw(utf8, 0, utf8.length);
  }

  /**
   * Writes an array header of definite length.
   *
   * @param size number of elements that follow
   * @return this writer
   */
  public CborWriter writeArrayHeader(int size) {
    return head(4, size);
  }

  /**
   * Writes a map header of definite length.
   *
   * @param size number of key/value pairs that follow
   * @return this writer
   */
  public CborWriter writeMapHeader(int size) {
    return head(5, size);
  }

  /**
   * Writes a tag.
   *
   * @param tag the tag number
   * @return this writer
   */
  public CborWriter writeTag(long tag) {
    return head(6, tag);
  }

  /**
   * Writes a simple value: false, true, null.
   *
   * @param value the simple value number (20 false, 21 true, 22 null, 23 undefined)
   * @return this writer
   */
  public CborWriter writeSimple(int value) {
    return head(7, value);
  }

  /**
   * Writes {@code nil}.
   *
   * @return this writer
   */
  public CborWriter writeNull() {
    return writeSimple(22);
  }

  /**
   * Writes a boolean.
   *
   * @param value the value
   * @return this writer
   */
  public CborWriter writeBoolean(boolean value) {
    return writeSimple(value ? 21 : 20);
  }

  /**
   * Writes a half, single or double float, whichever is the shortest that keeps the value.
   *
   * @param value the value
   * @return this writer
   */
  public CborWriter writeFloat(double value) {
    ensure(9);
    float f = (float) value;
    if (Double.isNaN(value)) {
      buf[len++] = (byte) 0xF9;
      buf[len++] = 0x7E;
      buf[len++] = 0x00;
    } else if (f == value) {
      int half = HalfFloat.fromFloat(f);
      if (half >= 0) {
        buf[len++] = (byte) 0xF9;
        buf[len++] = (byte) (half >>> 8);
        buf[len++] = (byte) half;
      } else {
        int bits = Float.floatToIntBits(f);
        buf[len++] = (byte) 0xFA;
        for (int s = 24; s >= 0; s -= 8) {
          buf[len++] = (byte) (bits >>> s);
        }
      }
    } else {
      long bits = Double.doubleToLongBits(value);
      buf[len++] = (byte) 0xFB;
      for (int s = 56; s >= 0; s -= 8) {
        buf[len++] = (byte) (bits >>> s);
      }
    }
    return this;
  }

  /**
   * Copies bytes that already are one or more encoded CBOR items.
   *
   * @param encoded the encoded items
   * @return this writer
   */
  public CborWriter writeRaw(byte[] encoded) {
    return writeRaw(encoded, 0, encoded.length);
  }

  /**
   * Copies part of an array of already encoded bytes.
   *
   * @param encoded the array
   * @param offset first byte
   * @param length number of bytes
   * @return this writer
   */
  public CborWriter writeRaw(byte[] encoded, int offset, int length) {
    ensure(length);
    System.arraycopy(encoded, offset, buf, len, length);
    len += length;
    return this;
  }

  /**
   * Writes a decoded value deterministically (RFC 8949 §4.2.1): shortest heads and floats, map keys
   * sorted by the bytewise order of their encodings.
   *
   * @param value the value
   * @return this writer
   */
  public CborWriter writeValue(CBORObject value) {
    if (value.isTagged()) {
      EInteger tag = value.getMostOuterTag();
      writeTag(tag.ToInt64Unchecked());
      return writeValue(value.UntagOne());
    }
    CBORType type = value.getType();
    switch (type) {
      case Integer:
        EInteger n = value.AsEInteger();
        if (n.CanFitInInt64()) {
          return writeInt(n.ToInt64Checked());
        }
        // Beyond a signed long but within CBOR's 64-bit argument: write the unsigned form.
        return n.signum() >= 0
            ? head(0, n.ToInt64Unchecked())
            : head(1, n.Add(1).Negate().ToInt64Unchecked());
      case ByteString:
        return writeBytes(value.GetByteString());
      case TextString:
        return writeText(value.AsString());
      case Array:
        writeArrayHeader(value.size());
        for (int i = 0; i < value.size(); i++) {
          writeValue(value.get(i));
        }
        return this;
      case Map:
        byte[][][] pairs = new byte[value.size()][][];
        int i = 0;
        for (Map.Entry<CBORObject, CBORObject> e : value.getEntries()) {
          pairs[i++] =
              new byte[][] {
                new CborWriter().writeValue(e.getKey()).toByteArray(),
                new CborWriter().writeValue(e.getValue()).toByteArray()
              };
        }
        Arrays.sort(pairs, (a, b) -> Arrays.compareUnsigned(a[0], b[0]));
        writeMapHeader(pairs.length);
        for (byte[][] pair : pairs) {
          writeRaw(pair[0]);
          writeRaw(pair[1]);
        }
        return this;
      case Boolean:
        return writeBoolean(value.AsBoolean());
      case FloatingPoint:
        return writeFloat(value.AsDoubleValue());
      default:
        return writeSimple(value.getSimpleValue());
    }
  }

  /**
   * Returns the number of bytes written so far.
   *
   * @return the size
   */
  public int size() {
    return len;
  }

  /**
   * Returns the bytes written, in an array the caller owns. A writer sized exactly for its output
   * hands over its buffer the first time instead of copying it; it never writes into that array
   * again, since any later write needs a larger buffer.
   *
   * @return the encoding
   */
  public byte[] toByteArray() {
    if (len == buf.length && !handedOut) {
      handedOut = true;
      return buf;
    }
    return Arrays.copyOf(buf, len);
  }

  /**
   * Writes a byte string head into an array sized by the caller, for code that lays out a whole
   * structure in one array of known size instead of going through a writer.
   *
   * @param out the array
   * @param offset where the head starts
   * @param length the byte string length
   * @return the offset just after the head, where the content goes
   */
  public static int putBytesHead(byte[] out, int offset, int length) {
    int mt = 2 << 5;
    if (length < 24) {
      out[offset++] = (byte) (mt | length);
    } else if (length <= 0xFF) {
      out[offset++] = (byte) (mt | 24);
      out[offset++] = (byte) length;
    } else if (length <= 0xFFFF) {
      out[offset++] = (byte) (mt | 25);
      out[offset++] = (byte) (length >>> 8);
      out[offset++] = (byte) length;
    } else {
      out[offset++] = (byte) (mt | 26);
      for (int s = 24; s >= 0; s -= 8) {
        out[offset++] = (byte) (length >>> s);
      }
    }
    return offset;
  }

  /**
   * Returns the encoded length of a byte string head for a given length, so callers can size
   * buffers exactly.
   *
   * @param length byte string or array length
   * @return number of head bytes
   */
  public static int headLength(long length) {
    if (length < 0) {
      // An argument above 2^63-1, passed as a negative long.
      return 9;
    } else if (length < 24) {
      return 1;
    } else if (length <= 0xFF) {
      return 2;
    } else if (length <= 0xFFFF) {
      return 3;
    } else if (length <= 0xFFFFFFFFL) {
      return 5;
    }
    return 9;
  }
}
