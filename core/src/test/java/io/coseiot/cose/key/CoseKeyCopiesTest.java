package io.coseiot.cose.key;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.message.Encrypt0Message;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/**
 * Whatever a key's accessors hand out, changing it leaves the key and its messages as they were.
 */
class CoseKeyCopiesTest {
  private static final byte[] K = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
  private static final byte[] KID = {'k', '1'};
  private static final byte[] BASE_IV = {7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7};
  private static final byte[] PLAINTEXT = {'h', 'i'};

  private static CoseKey key() {
    return CoseKey.symmetric(K).keyId(KID).setBytes(KeyLabel.BASE_IV, BASE_IV).build();
  }

  /** A Partial IV makes the nonce, and so the whole message, depend only on key and headers. */
  private static Encrypt0Message seal(CoseKey key) throws Exception {
    Headers h =
        Headers.of(
            HeaderMap.builder().algorithm(Algorithm.A128GCM).build(),
            HeaderMap.builder().keyId(KID).partialIv(new byte[] {5}).build());
    return Encrypt0Message.encryptForTestVectors(key, PLAINTEXT, null, h, new SecureRandom());
  }

  private static void flipAll(byte[] b) {
    for (int i = 0; i < b.length; i++) {
      b[i] ^= (byte) 0xff;
    }
  }

  @Test
  void changingReturnedBytesChangesNeitherTheKeyNorWhatItSeals() throws Exception {
    CoseKey key = key();
    byte[] encodedBefore = key.encode();
    // Sealed under an equal, untouched key: the same nonce twice under one instance is refused.
    byte[] sealedBefore = seal(key()).encode();

    flipAll(key.getBytes(KeyLabel.K));
    flipAll(key.getBytes(KeyLabel.BASE_IV));
    flipAll(key.getBytes(KeyLabel.KID));
    flipAll(key.keyId());

    assertArrayEquals(K, key.getBytes(KeyLabel.K));
    assertArrayEquals(BASE_IV, key.getBytes(KeyLabel.BASE_IV));
    assertArrayEquals(KID, key.keyId());
    assertArrayEquals(encodedBefore, key.encode());
    Encrypt0Message after = seal(key);
    assertArrayEquals(sealedBefore, after.encode());
    // A key built afresh from the original bytes still opens what the handled key seals.
    assertArrayEquals(PLAINTEXT, after.decrypt(key(), null));
  }

  @Test
  void eachCallReturnsItsOwnArray() {
    CoseKey key = key();
    assertNotSame(key.getBytes(KeyLabel.K), key.getBytes(KeyLabel.K));
    assertNotSame(key.keyId(), key.keyId());
  }

  @Test
  void changingReturnedCborValuesChangesNothing() throws Exception {
    CoseKey key = key();
    byte[] encodedBefore = key.encode();

    flipAll(key.get(KeyLabel.K).GetByteString());
    CBORObject map = key.toCbor();
    flipAll(map.get(CBORObject.FromObject(KeyLabel.BASE_IV)).GetByteString());
    map.Remove(CBORObject.FromObject(KeyLabel.KID));

    assertArrayEquals(encodedBefore, key.encode());
    assertArrayEquals(seal(key()).encode(), seal(key).encode());
  }

  @Test
  void changingWhatWasGivenToTheBuilderChangesNothing() {
    byte[] k = K.clone();
    CBORObject kid = CBORObject.FromObject(KID.clone());
    CoseKey key = CoseKey.symmetric(k).set(KeyLabel.KID, kid).build();
    flipAll(k);
    flipAll(kid.GetByteString());
    assertArrayEquals(K, key.getBytes(KeyLabel.K));
    assertArrayEquals(KID, key.keyId());
  }
}
