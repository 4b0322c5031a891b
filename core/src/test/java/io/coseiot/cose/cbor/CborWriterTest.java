package io.coseiot.cose.cbor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.upokecenter.cbor.CBORObject;
import java.util.Arrays;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class CborWriterTest {
  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  @Test
  void integersUseTheShortestHead() {
    // RFC 8949 Appendix A examples.
    assertEquals("17", hex(new CborWriter().writeInt(23).toByteArray()));
    assertEquals("1818", hex(new CborWriter().writeInt(24).toByteArray()));
    assertEquals("1903e8", hex(new CborWriter().writeInt(1000).toByteArray()));
    assertEquals("1a000f4240", hex(new CborWriter().writeInt(1000000).toByteArray()));
    assertEquals(
        "1b000000e8d4a51000", hex(new CborWriter().writeInt(1000000000000L).toByteArray()));
    assertEquals("3903e7", hex(new CborWriter().writeInt(-1000).toByteArray()));
  }

  @Test
  void floatsUseTheShortestExactForm() {
    // RFC 8949 Appendix A examples.
    assertEquals("f93c00", hex(new CborWriter().writeFloat(1.0).toByteArray()));
    assertEquals("f93e00", hex(new CborWriter().writeFloat(1.5).toByteArray()));
    assertEquals("f97bff", hex(new CborWriter().writeFloat(65504.0).toByteArray()));
    assertEquals("fa47c35000", hex(new CborWriter().writeFloat(100000.0).toByteArray()));
    assertEquals("fb3ff199999999999a", hex(new CborWriter().writeFloat(1.1).toByteArray()));
    assertEquals("f90001", hex(new CborWriter().writeFloat(5.960464477539063e-8).toByteArray()));
    assertEquals("f97e00", hex(new CborWriter().writeFloat(Double.NaN).toByteArray()));
  }

  @Test
  void mapKeysAreSortedBytewise() {
    CBORObject m = CBORObject.NewOrderedMap();
    m.set(CBORObject.FromObject(100), CBORObject.FromObject(1));
    m.set(CBORObject.FromObject(-1), CBORObject.FromObject(2));
    m.set(CBORObject.FromObject("z"), CBORObject.FromObject(3));
    m.set(CBORObject.FromObject(10), CBORObject.FromObject(4));
    // 0a < 1864 < 20 < 617a in bytewise order of the encoded keys (RFC 8949 §4.2.1).
    assertEquals(
        "a40a04186401200261 7a03".replace(" ", ""),
        hex(new CborWriter().writeValue(m).toByteArray()));
  }

  @Property(tries = 300)
  void decodeOfEncodeIsIdentity(@ForAll("values") CBORObject value) throws Exception {
    byte[] encoded = new CborWriter().writeValue(value).toByteArray();
    CBORObject back = new CborReader(encoded).readValue();
    assertArrayEquals(encoded, new CborWriter().writeValue(back).toByteArray());
    assertEquals(value, back);
  }

  @Provide
  Arbitrary<CBORObject> values() {
    Arbitrary<CBORObject> leaves =
        Arbitraries.oneOf(
            Arbitraries.longs().map(CBORObject::FromObject),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(CBORObject::FromObject),
            Arbitraries.strings().ofMaxLength(20).map(CBORObject::FromObject),
            Arbitraries.of(CBORObject.True, CBORObject.False, CBORObject.Null));
    return Arbitraries.recursive(
        () -> leaves,
        inner ->
            Arbitraries.oneOf(
                inner
                    .list()
                    .ofMaxSize(4)
                    .map(
                        l -> {
                          CBORObject a = CBORObject.NewArray();
                          l.forEach(a::Add);
                          return a;
                        }),
                Arbitraries.longs()
                    .between(-30, 30)
                    .list()
                    .uniqueElements()
                    .ofMaxSize(4)
                    .flatMap(
                        keys ->
                            inner
                                .list()
                                .ofSize(keys.size())
                                .map(
                                    vals -> {
                                      CBORObject m = CBORObject.NewMap();
                                      for (int i = 0; i < keys.size(); i++) {
                                        m.set(
                                            CBORObject.FromObject((long) keys.get(i)), vals.get(i));
                                      }
                                      return m;
                                    })),
                inner.map(v -> CBORObject.FromObjectAndTag(v, 1234))),
        3);
  }

  @Test
  void anArgumentAboveTwoToTheSixtyThreeHasANineByteHead() {
    assertEquals(9, CborWriter.headLength(-1L));
    // The head must fit even when the buffer has room for a one-byte head only.
    CborWriter w = new CborWriter(16).writeRaw(new byte[15]).writeTag(-1L);
    // Major type 6 (0xc0) with additional information 27 (eight argument bytes) is 0xdb.
    assertEquals("dbffffffffffffffff", hex(Arrays.copyOfRange(w.toByteArray(), 15, 24)));
  }

  @Test
  void putBytesHeadWritesWhatWriteBytesHeaderWrites() {
    for (int n : new int[] {0, 23, 24, 255, 256, 65535, 65536}) {
      byte[] out = new byte[5];
      int end = CborWriter.putBytesHead(out, 0, n);
      assertEquals(
          hex(new CborWriter().writeBytesHeader(n).toByteArray()), hex(Arrays.copyOf(out, end)));
    }
  }
}
