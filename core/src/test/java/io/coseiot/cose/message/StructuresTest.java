package io.coseiot.cose.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.coseiot.cose.cbor.CborWriter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The structures laid out by hand from pre-encoded contexts are the CBOR arrays RFC 9052 §5.3 and
 * §6.3 define, here written item by item through {@link CborWriter}.
 */
class StructuresTest {
  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) n);
    return b;
  }

  @Test
  void encStructureIsTheThreeElementArray() {
    // Lengths on both sides of each head size: 0, 23, 24, 255, 256.
    for (int p : new int[] {0, 3, 23, 24}) {
      for (int a : new int[] {-1, 0, 23, 24, 255, 256}) {
        byte[] aad = a < 0 ? null : bytes(a);
        for (String context : new String[] {"Encrypt0", "Encrypt"}) {
          byte[] expected =
              new CborWriter()
                  .writeArrayHeader(3)
                  .writeText(context)
                  .writeBytes(bytes(p))
                  .writeBytes(aad == null ? new byte[0] : aad)
                  .toByteArray();
          byte[] encoded = context.equals("Encrypt0") ? Structures.ENCRYPT0 : Structures.ENCRYPT;
          assertArrayEquals(expected, Structures.enc(encoded, bytes(p), aad));
        }
      }
    }
  }

  @Test
  void macHeadFollowedByThePayloadIsTheFourElementArray() {
    for (int n : new int[] {0, 23, 24, 255, 256, 65535, 65536}) {
      byte[] payload = bytes(n);
      for (int a : new int[] {-1, 0, 30}) {
        byte[] aad = a < 0 ? null : bytes(a);
        byte[] expected =
            new CborWriter()
                .writeArrayHeader(4)
                .writeText("MAC0")
                .writeBytes(bytes(3))
                .writeBytes(aad == null ? new byte[0] : aad)
                .writeBytes(payload)
                .toByteArray();
        byte[] head = Structures.macHead(Structures.MAC0, bytes(3), aad, n);
        byte[] joined = Arrays.copyOf(head, head.length + n);
        System.arraycopy(payload, 0, joined, head.length, n);
        assertArrayEquals(expected, joined, "payload " + n);
      }
    }
  }

  @Test
  void anEncStructureWithoutExternalAadIsReusedForTheSameProtectedArray() {
    byte[] prot = {(byte) 0xa1, 1, 1};
    byte[] first = Structures.enc(Structures.ENCRYPT0, prot, null);
    assertSame(first, Structures.enc(Structures.ENCRYPT0, prot, null));
    // Equal bytes in another array, another context, or an external AAD: built again, correctly.
    byte[] copy = prot.clone();
    assertArrayEquals(first, Structures.enc(Structures.ENCRYPT0, copy, null));
    byte[] other = Structures.enc(Structures.ENCRYPT, copy, null);
    assertArrayEquals(
        new CborWriter()
            .writeArrayHeader(3)
            .writeText("Encrypt")
            .writeBytes(prot)
            .writeBytes(new byte[0])
            .toByteArray(),
        other);
    byte[] withAad = Structures.enc(Structures.ENCRYPT, copy, new byte[0]);
    assertNotSame(withAad, Structures.enc(Structures.ENCRYPT, copy, new byte[0]));
    assertArrayEquals(other, withAad);
  }
}
