package io.coseiot.cose.header;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.cbor.CborWriter;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.message.Encrypt0Message;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/**
 * Whatever a header bucket's accessors hand out, changing it leaves the bucket, and every message
 * made with it, as it was.
 */
class HeaderMapCopiesTest {
  private static final byte[] KID = {'k', '1'};
  private static final long ARRAY_LABEL = 100;
  private static final long MAP_LABEL = 101;
  private static final CoseKey KEY = CoseKey.symmetric(new byte[16]).build();
  private static final byte[] PLAINTEXT = {'h', 'i'};

  private static void flipAll(byte[] b) {
    for (int i = 0; i < b.length; i++) {
      b[i] ^= (byte) 0xff;
    }
  }

  /** A bucket with a value of each kind a holder could change: bytes, an array and a map. */
  private static HeaderMap mutableKinds() {
    CBORObject array = CBORObject.NewArray().Add(1).Add(CBORObject.FromObject(new byte[] {2}));
    CBORObject map = CBORObject.NewOrderedMap();
    map.set(CBORObject.FromObject(1), CBORObject.FromObject(new byte[] {3}));
    return HeaderMap.builder()
        .keyId(KID)
        .set(ARRAY_LABEL, array)
        .set(MAP_LABEL, map)
        .set("note", CBORObject.FromObject("text"))
        .build();
  }

  private static void changeEverythingReturned(HeaderMap m) {
    flipAll(m.getBytes(HeaderLabel.KID));
    flipAll(m.get(HeaderLabel.KID).GetByteString());
    flipAll(m.get((Object) HeaderLabel.KID).GetByteString());
    CBORObject array = m.get(ARRAY_LABEL);
    flipAll(array.get(1).GetByteString());
    array.Add(4);
    CBORObject map = m.get((Object) MAP_LABEL);
    flipAll(map.get(CBORObject.FromObject(1)).GetByteString());
    map.set(CBORObject.FromObject(2), CBORObject.FromObject(5));
  }

  @Test
  void changingWhatGetAndGetBytesReturnChangesNothing() {
    HeaderMap m = mutableKinds();
    byte[] before = m.encode();
    changeEverythingReturned(m);
    assertArrayEquals(before, m.encode());
    assertArrayEquals(KID, m.getBytes(HeaderLabel.KID));
    assertEquals(mutableKinds(), m);
  }

  @Test
  void eachCallReturnsItsOwnArray() {
    HeaderMap m = mutableKinds();
    assertNotSame(m.getBytes(HeaderLabel.KID), m.getBytes(HeaderLabel.KID));
  }

  @Test
  void changingWhatTheBucketsOfHeadersReturnChangesNothing() throws Exception {
    Headers h =
        Headers.of(HeaderMap.builder().algorithm(Algorithm.A128GCM).build(), mutableKinds());
    byte[] before = encode(h);
    flipAll(h.getBytes(HeaderLabel.KID));
    flipAll(h.get(HeaderLabel.KID).GetByteString());
    h.get(ARRAY_LABEL).Add(4);
    changeEverythingReturned(h.unprotectedMap());
    assertArrayEquals(before, encode(h));
  }

  @Test
  void changingWhatWasGivenToTheBuilderOrWithChangesNothing() {
    CBORObject kid = CBORObject.FromObject(KID.clone());
    CBORObject array = CBORObject.NewArray().Add(1);
    HeaderMap built = HeaderMap.builder().set(HeaderLabel.KID, kid).set(ARRAY_LABEL, array).build();
    CBORObject iv = CBORObject.FromObject(new byte[12]);
    HeaderMap derived = built.with(HeaderLabel.IV, iv);
    byte[] builtBefore = built.encode();
    byte[] derivedBefore = derived.encode();
    flipAll(kid.GetByteString());
    array.Add(2);
    flipAll(iv.GetByteString());
    assertArrayEquals(builtBefore, built.encode());
    assertArrayEquals(derivedBefore, derived.encode());
  }

  @Test
  void aBucketSentWithEveryMessageStaysAsBuilt() throws Exception {
    // The same headers for every message, as a sender keeps them. From its second write the bucket
    // keeps its encoding and sends that, so a change before then would reach every later message,
    // and one after would make the bucket read differently from what it sends.
    Headers h =
        Headers.of(
            HeaderMap.builder().algorithm(Algorithm.A128GCM).build(),
            HeaderMap.builder().keyId(KID).build());
    SecureRandom random = new SecureRandom();
    for (int round = 0; round < 2; round++) {
      flipAll(h.getBytes(HeaderLabel.KID));
      flipAll(h.unprotectedMap().getBytes(HeaderLabel.KID));
      flipAll(h.get(HeaderLabel.KID).GetByteString());
      for (int i = 0; i < 3; i++) {
        byte[] wire =
            Encrypt0Message.encryptForTestVectors(KEY, PLAINTEXT, null, h, random).encode();
        Encrypt0Message sent = Encrypt0Message.decode(wire);
        assertArrayEquals(KID, sent.headers().getBytes(HeaderLabel.KID));
        assertArrayEquals(PLAINTEXT, sent.decrypt(KEY, null));
      }
      assertArrayEquals(KID, h.getBytes(HeaderLabel.KID));
    }
  }

  @Test
  void aDecodedBucketStaysAsReceivedForTheNextMessage() throws Exception {
    // Received messages with the same protected bucket may share its parsed map.
    Headers h =
        Headers.of(
            HeaderMap.builder().algorithm(Algorithm.A128GCM).keyId(KID).build(), HeaderMap.empty());
    byte[] wire =
        Encrypt0Message.encryptForTestVectors(KEY, PLAINTEXT, null, h, new SecureRandom()).encode();
    Headers first = Encrypt0Message.decode(wire).headers();
    flipAll(first.getBytes(HeaderLabel.KID));
    flipAll(first.protectedMap().getBytes(HeaderLabel.KID));
    flipAll(first.protectedMap().get(HeaderLabel.KID).GetByteString());
    Encrypt0Message second = Encrypt0Message.decode(wire);
    assertArrayEquals(KID, first.protectedMap().getBytes(HeaderLabel.KID));
    assertArrayEquals(KID, second.headers().getBytes(HeaderLabel.KID));
    assertArrayEquals(PLAINTEXT, second.decrypt(KEY, null));
  }

  private static byte[] encode(Headers h) {
    CborWriter w = new CborWriter();
    h.writeTo(w);
    return w.toByteArray();
  }
}
