package io.coseiot.cose.cbor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.exception.CborException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CborReaderTest {
  private static byte[] hex(String h) {
    return HexFormat.of().parseHex(h);
  }

  @Test
  void readsIntegersOfEveryWidth() throws Exception {
    assertEquals(0, new CborReader(hex("00")).readInt());
    assertEquals(-1, new CborReader(hex("20")).readInt());
    assertEquals(24, new CborReader(hex("1818")).readInt());
    assertEquals(-500, new CborReader(hex("3901f3")).readInt());
    assertEquals(1_000_000, new CborReader(hex("1a000f4240")).readInt());
    assertEquals(Long.MAX_VALUE, new CborReader(hex("1b7fffffffffffffff")).readInt());
    assertThrows(CborException.class, () -> new CborReader(hex("1bffffffffffffffff")).readInt());
  }

  @Test
  void lengthLargerThanInputIsRefusedBeforeAllocating() {
    // A byte string claiming 2^32-1 bytes with three bytes present.
    CborException e =
        assertThrows(
            CborException.class, () -> new CborReader(hex("5affffffff010203")).readByteString());
    assertTrue(e.getMessage().contains("remain"), e.getMessage());
    assertThrows(
        CborException.class, () -> new CborReader(hex("9bffffffffffffffff")).readArrayHeader());
    assertThrows(
        CborException.class, () -> new CborReader(hex("a2 01 02".replace(" ", ""))).skipItem());
  }

  @Test
  void truncatedHeadsAreRefused() {
    assertThrows(
        CborException.class, () -> new CborReader(hex("19 01".replace(" ", ""))).readInt());
    assertThrows(CborException.class, () -> new CborReader(new byte[0]).peekMajorType());
  }

  @Test
  void indefiniteLengthsAreRefused() {
    assertThrows(CborException.class, () -> new CborReader(hex("9f01ff")).readArrayHeader());
    assertThrows(CborException.class, () -> new CborReader(hex("5f4101ff")).skipItem());
  }

  @Test
  void duplicateMapKeysAreRefusedAtAnyDepth() {
    assertThrows(CborException.class, () -> new CborReader(hex("a201010102")).skipItem());
    assertThrows(CborException.class, () -> new CborReader(hex("a201010102")).readValue());
    assertThrows(CborException.class, () -> new CborReader(hex("81a2616101616102")).readValue());
  }

  @Test
  void nestingIsBounded() {
    byte[] deep = new byte[CborReader.MAX_DEPTH + 3];
    java.util.Arrays.fill(deep, (byte) 0x81);
    deep[deep.length - 1] = 0x00;
    assertThrows(CborException.class, () -> new CborReader(deep).skipItem());
    assertThrows(CborException.class, () -> new CborReader(deep).readValue());
  }

  @Test
  void invalidUtf8IsRefused() {
    assertThrows(CborException.class, () -> new CborReader(hex("62c328")).readTextString());
  }

  @Test
  void trailingBytesAreReported() throws Exception {
    CborReader r = new CborReader(hex("0102"));
    r.readInt();
    assertThrows(CborException.class, () -> r.requireEnd("test"));
  }

  @Test
  void reservedAndTwoByteSimpleValuesAreRefused() {
    assertThrows(CborException.class, () -> new CborReader(hex("1c")).skipItem());
    assertThrows(CborException.class, () -> new CborReader(hex("f814")).skipItem());
  }

  @Test
  void rawItemKeepsTheExactBytes() throws Exception {
    // A non-preferred integer encoding is accepted and kept as sent.
    byte[] data = hex("82190001f6");
    CborReader r = new CborReader(data);
    assertArrayEquals(data, r.readRawItem());
  }

  @Test
  void readsFloatsOfEveryWidth() throws Exception {
    assertEquals(1.5, new CborReader(hex("f93e00")).readValue().AsDoubleValue());
    assertEquals(100000.0, new CborReader(hex("fa47c35000")).readValue().AsDoubleValue());
    assertEquals(1.1, new CborReader(hex("fb3ff199999999999a")).readValue().AsDoubleValue());
    CBORObject v = new CborReader(hex("f97c00")).readValue();
    assertTrue(Double.isInfinite(v.AsDoubleValue()));
  }

  @Test
  void aByteStringEqualToTheCandidateIsTheCandidateItself() throws Exception {
    byte[] data = {0x43, 1, 2, 3, 0x43, 1, 2, 4};
    byte[] candidate = {1, 2, 3};
    CborReader r = new CborReader(data);
    assertSame(candidate, r.readByteString(candidate));
    byte[] other = r.readByteString(candidate);
    assertArrayEquals(new byte[] {1, 2, 4}, other);
    assertTrue(r.atEnd());
    byte[] copy = new CborReader(data).readByteString(null);
    assertArrayEquals(candidate, copy);
    // A prefix of the candidate is not the candidate.
    assertArrayEquals(
        new byte[] {1, 2}, new CborReader(new byte[] {0x42, 1, 2}).readByteString(candidate));
  }
}
