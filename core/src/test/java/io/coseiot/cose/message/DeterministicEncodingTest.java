package io.coseiot.cose.message;

import static io.coseiot.cose.message.Strict.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.key.CoseKey;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Exact bytes of a small COSE_Encrypt0, derived by hand from RFC 8949 §4.2.1 (shortest heads, map
 * keys sorted by the bytewise order of their encodings) and RFC 9052 §5.3 (Enc_structure), with the
 * AES-GCM output computed by the JDK directly, not by the library.
 */
class DeterministicEncodingTest {
  private static final byte[] KEY = hex("000102030405060708090a0b0c0d0e0f");
  private static final byte[] IV = hex("101112131415161718191a1b");
  private static final byte[] PLAINTEXT = {'h', 'i'};

  /** AES-128-GCM with a 128-bit tag, straight from the JDK. */
  static byte[] gcm(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) throws Exception {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
    c.updateAAD(aad);
    return c.doFinal(plaintext);
  }

  @Test
  void smallEncrypt0HasExactlyTheDeterministicBytes() throws Exception {
    // Labels added in the reverse of their deterministic order, so sorting must happen.
    HeaderMap unprotected =
        HeaderMap.builder()
            .set("a", CBORObject.FromObject(-1))
            .set(-100, CBORObject.FromObject("x"))
            .set(24, CBORObject.FromObject(1000))
            .iv(IV)
            .keyId(new byte[] {'k', 'i', 'd'})
            .build();
    Headers h = Headers.of(HeaderMap.builder().algorithm(Algorithm.A128GCM).build(), unprotected);
    Encrypt0Message m =
        Encrypt0Message.encryptForTestVectors(
            CoseKey.symmetric(KEY).build(), PLAINTEXT, null, h, Fixtures.seeded(0));

    // Enc_structure = ["Encrypt0", h'A10101', h'']
    byte[] aad =
        hex(
            "83" // array(3)
                + "68 456e637279707430" // text(8) "Encrypt0"
                + "43 a10101" // bstr(3) containing {1: 1}, alg A128GCM
                + "40"); // bstr(0): no external AAD
    byte[] ct = gcm(KEY, IV, aad, PLAINTEXT);
    assertEquals(18, ct.length); // 2 bytes of content, 16 of tag
    String expected =
        "d0" // tag(16): COSE_Encrypt0
            + "83" // array(3)
            + "43 a10101" // protected: bstr(3) {1: 1}
            + "a5" // unprotected: map(5), keys in bytewise order of their encodings:
            + "04 43 6b6964" //   0x04        kid (4): bstr(3) "kid"
            + "05 4c 101112131415161718191a1b" //   0x05        IV (5): bstr(12)
            + "1818 1903e8" //   0x18 0x18   24: 1000, which needs a two-byte argument
            + "3863 6178" //   0x38 0x63   -100: text(1) "x"
            + "6161 20" //   0x61 0x61   "a": -1
            + "52"; // ciphertext: bstr(18), then the GCM output
    byte[] expectedBytes = concat(hex(expected), ct);
    assertEquals(HexFormat.of().formatHex(expectedBytes), HexFormat.of().formatHex(m.encode(true)));
    // Decoding and re-encoding keeps the same bytes.
    assertArrayEquals(expectedBytes, Encrypt0Message.decode(expectedBytes).encode(true));
  }

  @Test
  void emptyProtectedIsSentAsEmptyBstrAndA0AuthenticatesTheSame() throws Exception {
    Headers h =
        Headers.of(
            HeaderMap.empty(), HeaderMap.builder().algorithm(Algorithm.A128GCM).iv(IV).build());
    CoseKey key = CoseKey.symmetric(KEY).build();
    Encrypt0Message m =
        Encrypt0Message.encryptForTestVectors(key, PLAINTEXT, null, h, Fixtures.seeded(0));
    // Enc_structure = ["Encrypt0", h'', h''] for an empty protected bucket.
    byte[] ct = gcm(KEY, IV, hex("83 68 456e637279707430 40 40"), PLAINTEXT);
    // [h'', {1: 1, 5: IV}, ct]
    String body = "a2 0101 054c 101112131415161718191a1b 52";
    assertArrayEquals(concat(hex("83 40" + body), ct), m.encode(false));

    // The same message with the protected bucket sent as h'A0' (an encoded empty map).
    byte[] withA0 = concat(hex("83 41a0" + body), ct);
    // Its alg can only be unprotected, so decoding has to allow that.
    Encrypt0Message received =
        Encrypt0Message.decode(withA0, DecodeOptions.strict().allowUnprotectedAlg());
    assertArrayEquals(hex("a0"), received.headers().protectedBytes());
    assertArrayEquals(new byte[0], received.headers().authenticatedProtected());
    assertArrayEquals(PLAINTEXT, received.decrypt(key, null));
    // It is kept as received, not rewritten to h''.
    assertArrayEquals(withA0, received.encode(false));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
