package io.coseiot.cose.cbor;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.numbers.EInteger;
import io.coseiot.cose.exception.CborException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * A strict pull reader over a byte array. Every length is checked against the bytes that remain
 * before anything is allocated, indefinite lengths are refused, nesting is bounded by {@link
 * #MAX_DEPTH}, text must be valid UTF-8 and maps must not repeat a key. Errors carry the byte
 * offset where they were found.
 */
public final class CborReader {
  /** The deepest nesting of arrays, maps and tags accepted in one item. */
  public static final int MAX_DEPTH = 32;

  private static final int MT_UNSIGNED = 0;
  private static final int MT_NEGATIVE = 1;
  private static final int MT_BYTES = 2;
  private static final int MT_TEXT = 3;
  private static final int MT_ARRAY = 4;
  private static final int MT_MAP = 5;
  private static final int MT_TAG = 6;
  private static final int MT_SIMPLE = 7;

  private final byte[] data;
  private final int end;
  private int pos;

  /**
   * Reads the whole array.
   *
   * @param data the encoded bytes; not copied, so the caller must not change them
   */
  public CborReader(byte[] data) {
    this(data, 0, data.length);
  }

  /**
   * Reads part of an array.
   *
   * @param data the encoded bytes; not copied
   * @param offset first byte to read
   * @param end one past the last byte to read
   */
  public CborReader(byte[] data, int offset, int end) {
    this.data = data;
    this.pos = offset;
    this.end = end;
  }

  /**
   * Returns the current byte offset.
   *
   * @return the offset
   */
  public int position() {
    return pos;
  }

  /**
   * Returns whether every byte has been consumed.
   *
   * @return true at the end
   */
  public boolean atEnd() {
    return pos >= end;
  }

  /**
   * Fails unless every byte has been consumed.
   *
   * @param what names the item for the message
   * @throws CborException if bytes remain
   */
  public void requireEnd(String what) throws CborException {
    if (pos != end) {
      throw new CborException(what + ": " + (end - pos) + " trailing byte(s) at offset " + pos);
    }
  }

  /**
   * Returns the major type (0..7) of the next item without consuming it.
   *
   * @return the major type
   * @throws CborException at the end of input
   */
  public int peekMajorType() throws CborException {
    need(1);
    return (data[pos] & 0xFF) >>> 5;
  }

  /**
   * Returns whether the next item is {@code nil}.
   *
   * @return true for nil
   * @throws CborException at the end of input
   */
  public boolean peekNull() throws CborException {
    need(1);
    return (data[pos] & 0xFF) == 0xF6;
  }

  /**
   * Returns whether the next item is a tag.
   *
   * @return true for a tag
   * @throws CborException at the end of input
   */
  public boolean peekTag() throws CborException {
    return peekMajorType() == MT_TAG;
  }

  private void need(int n) throws CborException {
    if (n < 0 || end - pos < n) {
      throw new CborException(
          "truncated CBOR at offset " + pos + ": need " + n + " byte(s), " + (end - pos) + " left");
    }
  }

  /** Reads an item head of the expected major type and returns its argument. */
  private long head(int expectedType, String what) throws CborException {
    need(1);
    int start = pos;
    int ib = data[pos] & 0xFF;
    int mt = ib >>> 5;
    if (expectedType >= 0 && mt != expectedType) {
      throw new CborException(
          "expected " + what + " at offset " + start + " but found " + typeName(mt));
    }
    pos++;
    int ai = ib & 0x1F;
    if (ai < 24) {
      return ai;
    }
    int n;
    switch (ai) {
      case 24:
        n = 1;
        break;
      case 25:
        n = 2;
        break;
      case 26:
        n = 4;
        break;
      case 27:
        n = 8;
        break;
      case 31:
        throw new CborException("indefinite-length " + typeName(mt) + " at offset " + start);
      default:
        throw new CborException("reserved additional information " + ai + " at offset " + start);
    }
    need(n);
    long v = 0;
    for (int i = 0; i < n; i++) {
      v = (v << 8) | (data[pos++] & 0xFF);
    }
    return v;
  }

  private int length(long arg, int unitSize, String what, int start) throws CborException {
    // Each element takes at least unitSize bytes, so a count above what remains is a lie.
    if (arg < 0 || arg > (end - pos) / unitSize) {
      throw new CborException(
          what
              + " at offset "
              + start
              + " claims "
              + Long.toUnsignedString(arg)
              + " element(s) but only "
              + (end - pos)
              + " byte(s) remain");
    }
    return (int) arg;
  }

  /**
   * Reads a definite-length array header.
   *
   * @return the number of elements
   * @throws CborException if the next item is not an array or its length is impossible
   */
  public int readArrayHeader() throws CborException {
    int start = pos;
    return length(head(MT_ARRAY, "array"), 1, "array", start);
  }

  /**
   * Reads a definite-length map header.
   *
   * @return the number of pairs
   * @throws CborException if the next item is not a map or its length is impossible
   */
  public int readMapHeader() throws CborException {
    int start = pos;
    return length(head(MT_MAP, "map"), 2, "map", start);
  }

  /**
   * Reads a tag number.
   *
   * @return the tag
   * @throws CborException if the next item is not a tag
   */
  public long readTag() throws CborException {
    int start = pos;
    long tag = head(MT_TAG, "tag");
    if (tag < 0) {
      throw new CborException("tag number at offset " + start + " is above 2^63-1");
    }
    return tag;
  }

  /**
   * Reads an integer that fits a Java long.
   *
   * @return the value
   * @throws CborException if the next item is not an integer or does not fit
   */
  public long readInt() throws CborException {
    int start = pos;
    int mt = peekMajorType();
    if (mt != MT_UNSIGNED && mt != MT_NEGATIVE) {
      throw new CborException("expected integer at offset " + start + " but found " + typeName(mt));
    }
    long arg = head(mt, "integer");
    if (arg < 0) {
      throw new CborException("integer at offset " + start + " does not fit 64-bit signed");
    }
    return mt == MT_UNSIGNED ? arg : -1 - arg;
  }

  /**
   * Reads a byte string.
   *
   * @return a copy of its content
   * @throws CborException if the next item is not a byte string or is truncated
   */
  public byte[] readByteString() throws CborException {
    int start = pos;
    int n = length(head(MT_BYTES, "byte string"), 1, "byte string", start);
    byte[] out = new byte[n];
    System.arraycopy(data, pos, out, 0, n);
    pos += n;
    return out;
  }

  /**
   * Reads a byte string, returning {@code candidate} itself when the content equals it: lets a
   * caller share one array for a value that repeats from message to message instead of copying it
   * each time.
   *
   * @param candidate the bytes expected, or null
   * @return {@code candidate}, or a copy of the content if it differs
   * @throws CborException if the next item is not a byte string or is truncated
   */
  public byte[] readByteString(byte[] candidate) throws CborException {
    int start = pos;
    int n = length(head(MT_BYTES, "byte string"), 1, "byte string", start);
    byte[] out =
        candidate != null && Arrays.equals(candidate, 0, candidate.length, data, pos, pos + n)
            ? candidate
            : Arrays.copyOfRange(data, pos, pos + n);
    pos += n;
    return out;
  }

  /**
   * Reads a byte string header and returns the offset of its content, leaving the reader after it;
   * lets callers use the bytes in place without copying.
   *
   * @return the offset of the content in the underlying array; the length is {@code position() -
   *     offset}
   * @throws CborException if the next item is not a byte string or is truncated
   */
  public int skipByteString() throws CborException {
    int start = pos;
    int n = length(head(MT_BYTES, "byte string"), 1, "byte string", start);
    int contentStart = pos;
    pos += n;
    return contentStart;
  }

  /**
   * Reads a UTF-8 text string.
   *
   * @return the text
   * @throws CborException if the next item is not a text string, is truncated or is not UTF-8
   */
  public String readTextString() throws CborException {
    int start = pos;
    int n = length(head(MT_TEXT, "text string"), 1, "text string", start);
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(data, pos, n))
              .toString();
      pos += n;
      return s;
    } catch (CharacterCodingException e) {
      throw new CborException("text string at offset " + start + " is not valid UTF-8", e);
    }
  }

  /**
   * Skips one complete item, checking it is well-formed, and returns where it started.
   *
   * @return the offset of the item's first byte
   * @throws CborException if the item is not well-formed
   */
  public int skipItem() throws CborException {
    int start = pos;
    skip(0);
    return start;
  }

  /**
   * Returns a copy of the next complete item's bytes, checking it is well-formed.
   *
   * @return the encoded item
   * @throws CborException if the item is not well-formed
   */
  public byte[] readRawItem() throws CborException {
    int start = skipItem();
    byte[] out = new byte[pos - start];
    System.arraycopy(data, start, out, 0, out.length);
    return out;
  }

  private void skip(int depth) throws CborException {
    if (depth > MAX_DEPTH) {
      throw new CborException("nesting deeper than " + MAX_DEPTH + " at offset " + pos);
    }
    int start = pos;
    int mt = peekMajorType();
    switch (mt) {
      case MT_UNSIGNED:
      case MT_NEGATIVE:
        head(mt, "integer");
        break;
      case MT_BYTES:
        skipByteString();
        break;
      case MT_TEXT:
        readTextString();
        break;
      case MT_ARRAY:
        for (int i = readArrayHeader(); i > 0; i--) {
          skip(depth + 1);
        }
        break;
      case MT_MAP:
        int pairs = readMapHeader();
        Set<ByteBuffer> keys = new HashSet<>();
        for (int i = 0; i < pairs; i++) {
          int keyStart = pos;
          skip(depth + 1);
          if (!keys.add(ByteBuffer.wrap(data, keyStart, pos - keyStart))) {
            throw new CborException("duplicate map key at offset " + keyStart);
          }
          skip(depth + 1);
        }
        break;
      case MT_TAG:
        readTag();
        skip(depth + 1);
        break;
      default:
        skipSimple(start);
    }
  }

  private void skipSimple(int start) throws CborException {
    int ai = data[pos] & 0x1F;
    if (ai == 24) {
      need(2);
      if ((data[pos + 1] & 0xFF) < 32) {
        throw new CborException("simple value in two-byte form below 32 at offset " + start);
      }
    }
    head(MT_SIMPLE, "simple value");
  }

  /**
   * Reads the next complete item into a {@link CBORObject}, with the same strictness as the rest of
   * this reader. Used for header values and keys, never for whole messages.
   *
   * @return the decoded value
   * @throws CborException if the item is not well-formed, repeats a map key or nests too deep
   */
  public CBORObject readValue() throws CborException {
    return value(0);
  }

  private CBORObject value(int depth) throws CborException {
    if (depth > MAX_DEPTH) {
      throw new CborException("nesting deeper than " + MAX_DEPTH + " at offset " + pos);
    }
    int start = pos;
    int mt = peekMajorType();
    switch (mt) {
      case MT_UNSIGNED:
      case MT_NEGATIVE:
        long arg = head(mt, "integer");
        if (arg >= 0) {
          return CBORObject.FromObject(mt == MT_UNSIGNED ? arg : -1 - arg);
        }
        EInteger big = EInteger.FromInt64(arg).Add(EInteger.FromInt64(1).ShiftLeft(64));
        return CBORObject.FromObject(mt == MT_UNSIGNED ? big : big.Add(1).Negate());
      case MT_BYTES:
        return CBORObject.FromObject(readByteString());
      case MT_TEXT:
        return CBORObject.FromObject(readTextString());
      case MT_ARRAY:
        CBORObject array = CBORObject.NewArray();
        for (int i = readArrayHeader(); i > 0; i--) {
          array.Add(value(depth + 1));
        }
        return array;
      case MT_MAP:
        CBORObject map = CBORObject.NewOrderedMap();
        int pairs = readMapHeader();
        for (int i = 0; i < pairs; i++) {
          int keyStart = pos;
          CBORObject key = value(depth + 1);
          if (map.ContainsKey(key)) {
            throw new CborException("duplicate map key at offset " + keyStart);
          }
          map.set(key, value(depth + 1));
        }
        return map;
      case MT_TAG:
        long tag = readTag();
        return CBORObject.FromObjectAndTag(value(depth + 1), EInteger.FromInt64(tag));
      default:
        return simple(start);
    }
  }

  private CBORObject simple(int start) throws CborException {
    int ai = data[pos] & 0x1F;
    if (ai == 25 || ai == 26 || ai == 27) {
      long bits = head(MT_SIMPLE, "float");
      double v;
      if (ai == 25) {
        v = HalfFloat.toFloat((int) bits);
      } else if (ai == 26) {
        v = Float.intBitsToFloat((int) bits);
      } else {
        v = Double.longBitsToDouble(bits);
      }
      return CBORObject.FromObject(v);
    }
    skipSimple(start);
    long sv = ai < 24 ? ai : data[pos - 1] & 0xFF;
    switch ((int) sv) {
      case 20:
        return CBORObject.False;
      case 21:
        return CBORObject.True;
      case 22:
        return CBORObject.Null;
      case 23:
        return CBORObject.Undefined;
      default:
        return CBORObject.FromSimpleValue((int) sv);
    }
  }

  private static String typeName(int mt) {
    switch (mt) {
      case MT_UNSIGNED:
        return "unsigned integer";
      case MT_NEGATIVE:
        return "negative integer";
      case MT_BYTES:
        return "byte string";
      case MT_TEXT:
        return "text string";
      case MT_ARRAY:
        return "array";
      case MT_MAP:
        return "map";
      case MT_TAG:
        return "tag";
      default:
        return "simple value or float";
    }
  }
}
