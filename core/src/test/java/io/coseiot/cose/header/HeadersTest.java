package io.coseiot.cose.header;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.cbor.CborReader;
import io.coseiot.cose.exception.AlgorithmException;
import io.coseiot.cose.exception.CriticalHeaderException;
import io.coseiot.cose.exception.HeaderException;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeadersTest {
  private static Headers read(String hex) throws Exception {
    return Headers.read(new CborReader(HexFormat.of().parseHex(hex)), "test", Set.of());
  }

  @Test
  void emptyProtectedIsSentAsEmptyBstrAndA0IsKeptAsReceived() throws Exception {
    assertArrayEquals(
        new byte[0], Headers.of(HeaderMap.empty(), HeaderMap.empty()).protectedBytes());
    Headers h = read("41a0a0");
    assertArrayEquals(new byte[] {(byte) 0xa0}, h.protectedBytes());
    assertEquals(0, h.protectedMap().size());
  }

  @Test
  void protectedBytesAreNeverReencoded() throws Exception {
    // alg 1 written with a non-preferred one-byte argument: kept exactly.
    Headers h = read("44a1011801a0");
    assertArrayEquals(HexFormat.of().parseHex("a1011801"), h.protectedBytes());
    assertEquals(Algorithm.A128GCM, h.algorithm("test"));
  }

  @Test
  void duplicateLabelsAreRefused() {
    assertThrows(HeaderException.class, () -> read("40a204400440"));
  }

  @Test
  void labelInBothBucketsIsRefused() {
    assertThrows(HeaderException.class, () -> read("43a10101a10101"));
  }

  @Test
  void critMustBeProtectedNonEmptyPresentAndUnderstood() {
    // crit in the unprotected bucket.
    assertThrows(CriticalHeaderException.class, () -> read("40a1028101"));
    // crit empty.
    assertThrows(HeaderException.class, () -> read("43a10280a0"));
    // crit names a label that is not in the protected bucket.
    assertThrows(CriticalHeaderException.class, () -> read("44a1028104a0"));
    // crit names a label nobody understands.
    assertThrows(CriticalHeaderException.class, () -> read("4aa2028119ffff19ffff01a0"));
  }

  @Test
  void critNamingUnderstoodProtectedLabelIsAccepted() throws Exception {
    assertEquals(Algorithm.A128GCM, read("46a20101028101a0").algorithm("t"));
  }

  @Test
  void genericHeaderTypesAreChecked() {
    // kid must be a bstr.
    assertThrows(HeaderException.class, () -> read("40a10401"));
    // IV must be a bstr.
    assertThrows(HeaderException.class, () -> read("40a1056161"));
  }

  @Test
  void unknownAlgorithmStaysRawAndFailsOnUse() throws Exception {
    Headers h = read("45a1013903e6a0");
    assertEquals(-999, h.rawAlgorithm().AsInt32Value());
    assertThrows(AlgorithmException.class, () -> h.algorithm("test"));
  }

  @Test
  void protectedMustBeOneMapWithNoTrailingBytes() {
    assertThrows(HeaderException.class, () -> read("4101a0"));
    assertThrows(Exception.class, () -> read("42a000a0"));
  }

  @Test
  void addingOneUnprotectedLabelMatchesAddingItThroughAMap() throws Exception {
    Headers base =
        Headers.of(
            HeaderMap.builder().algorithm(Algorithm.A128GCM).build(),
            HeaderMap.builder().keyId(new byte[] {7}).build());
    com.upokecenter.cbor.CBORObject iv = com.upokecenter.cbor.CBORObject.FromObject(new byte[12]);
    Headers one = base.withUnprotected(HeaderLabel.IV, iv);
    Headers viaMap =
        base.withUnprotected(base.unprotectedMap().toBuilder().set(HeaderLabel.IV, iv).build());
    assertArrayEquals(viaMap.unprotectedMap().encode(), one.unprotectedMap().encode());
    assertArrayEquals(base.protectedBytes(), one.protectedBytes());
    assertEquals(Algorithm.A128GCM, one.algorithm("test"));
    // The bucket it was added to is unchanged.
    assertEquals(1, base.unprotectedMap().size());
  }

  @Test
  void addingOneUnprotectedLabelRefusesCritAndProtectedLabels() throws Exception {
    Headers base =
        Headers.of(HeaderMap.builder().algorithm(Algorithm.A128GCM).build(), HeaderMap.empty());
    com.upokecenter.cbor.CBORObject v = com.upokecenter.cbor.CBORObject.FromObject(1);
    assertThrows(HeaderException.class, () -> base.withUnprotected(HeaderLabel.ALG, v));
    assertThrows(CriticalHeaderException.class, () -> base.withUnprotected(HeaderLabel.CRIT, v));
  }

  @Test
  void aRepeatedProtectedBucketIsSharedAndAnotherIsParsedAfresh() throws Exception {
    Headers first = read("43a10101a0");
    Headers again = read("43a10101a0");
    assertSame(first.protectedMap(), again.protectedMap());
    assertEquals(Algorithm.A128GCM, again.algorithm("test"));
    Headers other = read("43a10103a0");
    assertEquals(Algorithm.A256GCM, other.algorithm("test"));
    // A bucket that repeats a label, after a good one, is still refused, and the good one still
    // decodes.
    assertThrows(HeaderException.class, () -> read("45a201010103a0"));
    assertEquals(Algorithm.A256GCM, read("43a10103a0").algorithm("test"));
    // The crit check runs per message, against each receiver's own understood labels.
    assertThrows(CriticalHeaderException.class, () -> read("47a2028118640101a0"));
  }

  @Test
  void changedSharedProtectedBytesAreNeverPairedWithTheBucketParsedFromThem() throws Exception {
    // authenticatedProtected hands out the shared array; its caller must not change it. If one
    // does, the next message must still be parsed from its own bytes: {1: 1} turned into {1: 3}
    // must not make a message that sends {1: 3} read as alg 1.
    Headers first = read("43a10101a0");
    first.authenticatedProtected()[2] = 3;
    Headers other = read("43a10103a0");
    assertEquals(Algorithm.A256GCM, other.algorithm("test"));
    assertEquals(CBORObject.FromObject(3), other.protectedMap().get(HeaderLabel.ALG));
    Headers again = read("43a10101a0");
    assertEquals(Algorithm.A128GCM, again.algorithm("test"));
    assertArrayEquals(HexFormat.of().parseHex("a10101"), again.authenticatedProtected());
  }

  @Test
  void theBuilderReplacesRemovesAndGrows() {
    HeaderMap.Builder b = HeaderMap.builder();
    for (long l = 10; l < 16; l++) {
      b.set(l, com.upokecenter.cbor.CBORObject.FromObject(l));
    }
    b.set("t", com.upokecenter.cbor.CBORObject.True);
    b.set(12, com.upokecenter.cbor.CBORObject.FromObject("twelve"));
    b.remove(11L).remove("absent").remove(15L);
    HeaderMap m = b.build();
    assertEquals(java.util.List.of(10L, 12L, 13L, 14L, "t"), m.labels());
    assertEquals("twelve", m.get(12).AsString());
    assertEquals(null, m.get(11));
    // The builder goes on independently of the map it built.
    b.remove(10L);
    assertEquals(5, m.size());
    assertEquals(4, b.build().size());
  }

  @Test
  void aFullBuilderHandsItsArraysOverAndCopiesThemBeforeAnyChange() {
    HeaderMap.Builder b = HeaderMap.builder().keyId(new byte[] {1}).partialIv(new byte[] {2});
    HeaderMap two = b.build();
    b.partialIv(new byte[] {3});
    HeaderMap replaced = b.build();
    b.remove(HeaderLabel.KID);
    HeaderMap removed = b.build();
    b.iv(new byte[12]);
    assertArrayEquals(new byte[] {2}, two.getBytes(HeaderLabel.PARTIAL_IV));
    assertArrayEquals(new byte[] {1}, two.getBytes(HeaderLabel.KID));
    assertArrayEquals(new byte[] {3}, replaced.getBytes(HeaderLabel.PARTIAL_IV));
    assertEquals(2, replaced.size());
    assertEquals(java.util.List.of(HeaderLabel.PARTIAL_IV), removed.labels());
    assertEquals(2, b.build().size());
  }

  @Test
  void aProtectedBucketWithAValueSomeoneCouldChangeIsNeverShared() throws Exception {
    // {1: 1, 4: h'01'}: a byte string value, whose array the core's own reads use uncopied.
    Headers first = read("46a20101044101a0");
    first.protectedMap().get(HeaderLabel.KID).GetByteString()[0] = 9;
    Headers again = read("46a20101044101a0");
    assertNotSame(first.protectedMap(), again.protectedMap());
    assertArrayEquals(new byte[] {1}, again.protectedMap().get(HeaderLabel.KID).GetByteString());
  }
}
