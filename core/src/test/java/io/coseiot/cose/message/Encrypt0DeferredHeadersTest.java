package io.coseiot.cose.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.key.CoseKey;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A message sealed with a random IV writes its headers without making them; these compare that
 * encoding with the one written from the headers made, and with what a receiver decodes, for
 * unprotected buckets whose labels sort before the IV, after it, or not at all, and for the first
 * messages and those after a bucket keeps its encoding.
 */
class Encrypt0DeferredHeadersTest {
  private static List<HeaderMap> unprotectedBuckets() {
    return List.of(
        HeaderMap.empty(),
        HeaderMap.builder().keyId(new byte[] {1, 2, 3}).build(),
        HeaderMap.builder().keyId(new byte[] {1}).contentType(42).build(),
        // Labels that sort after the IV's (5): a larger int, a negative int and a text label.
        HeaderMap.builder().keyId(new byte[] {4}).set(33, CBORObject.FromObject(7)).build(),
        HeaderMap.builder().set(-70000, CBORObject.FromObject("n")).build(),
        HeaderMap.builder().keyId(new byte[] {5}).set("app", CBORObject.True).build());
  }

  @Test
  void theEncodingWrittenDirectlyIsTheOneOfTheHeadersMade() throws Exception {
    SecureRandom random = Fixtures.seeded(7);
    CoseKey key = Fixtures.symmetric(random, 16);
    HeaderMap prot = HeaderMap.builder().algorithm(Algorithm.A128GCM).build();
    for (HeaderMap unprotected : unprotectedBuckets()) {
      Headers headers = Headers.of(prot, unprotected);
      // Several messages: the bucket keeps its encoding from its second write on.
      for (int i = 0; i < 4; i++) {
        byte[] plaintext = Fixtures.bytes(random, 10 + i);
        Encrypt0Message sealed =
            Encrypt0Message.encryptForTestVectors(key, plaintext, null, headers, random);
        byte[] direct = sealed.encode();
        byte[] untagged = sealed.encode(false);
        Headers made = sealed.headers();
        assertEquals(12, made.getBytes(HeaderLabel.IV).length);
        assertEquals(unprotected.size() + 1, made.unprotectedMap().size());
        Encrypt0Message rebuilt = sealed.withHeaders(made);
        assertArrayEquals(rebuilt.encode(), direct, unprotected + " message " + i);
        assertArrayEquals(rebuilt.encode(false), untagged, unprotected + " message " + i);
        Encrypt0Message received =
            Encrypt0Message.decode(
                direct, DecodeOptions.strict().withTagPolicy(TagPolicy.REQUIRED));
        assertArrayEquals(
            made.unprotectedMap().encode(), received.headers().unprotectedMap().encode());
        assertArrayEquals(plaintext, received.decrypt(key, null));
      }
    }
  }

  @Test
  void theHeadersAskedForFirstAreTheOnesEncoded() throws Exception {
    SecureRandom random = Fixtures.seeded(8);
    CoseKey key = Fixtures.symmetric(random, 16);
    Headers headers =
        Headers.of(
            HeaderMap.builder().algorithm(Algorithm.A128GCM).build(),
            HeaderMap.builder().keyId(new byte[] {9}).build());
    Encrypt0Message sealed =
        Encrypt0Message.encryptForTestVectors(key, new byte[5], null, headers, random);
    // Made before encoding, then the same object is returned and encoded the generic way.
    Headers made = sealed.headers();
    assertSame(made, sealed.headers());
    Encrypt0Message received = Encrypt0Message.decode(sealed.encode());
    assertArrayEquals(made.getBytes(HeaderLabel.IV), received.headers().getBytes(HeaderLabel.IV));
    assertArrayEquals(new byte[5], received.decrypt(key, null));
  }
}
