package io.coseiot.vectors.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.Curve;
import io.coseiot.cose.key.KeyLabel;
import io.coseiot.cose.key.KeyType;
import org.junit.jupiter.api.Test;

class ExampleKeysTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static CoseKey key(String json) throws Exception {
    return ExampleKeys.toCoseKey(JSON.readTree(json));
  }

  @Test
  void symmetricBase64UrlAndKid() throws Exception {
    CoseKey k = key("{\"kty\":\"oct\",\"kid\":\"our-secret\",\"use\":\"enc\",\"k\":\"AQID\"}");
    assertEquals(KeyType.SYMMETRIC, k.keyType());
    assertArrayEquals(new byte[] {1, 2, 3}, k.getBytes(KeyLabel.K));
    assertArrayEquals("our-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8), k.keyId());
  }

  @Test
  void okpHexValues() throws Exception {
    CoseKey k =
        key(
            "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x_hex\":\"0a0b\",\"d_hex\":\"0c\",\"kid_hex\":\"31\"}");
    assertEquals(Curve.ED25519, k.curve());
    assertArrayEquals(new byte[] {10, 11}, k.getBytes(KeyLabel.X));
    assertArrayEquals(new byte[] {'1'}, k.keyId());
    assertTrue(k.hasPrivate());
  }

  @Test
  void rsaCrtFieldsInBothSpellings() throws Exception {
    CoseKey k =
        key("{\"kty\":\"RSA\",\"n_hex\":\"01\",\"e_hex\":\"03\",\"dP_hex\":\"05\",\"dq\":\"Bg\"}");
    assertArrayEquals(new byte[] {5}, k.getBytes(KeyLabel.RSA_DP));
    assertArrayEquals(new byte[] {6}, k.getBytes(KeyLabel.RSA_DQ));
  }

  @Test
  void rejectsWhatItCannotRepresent() {
    assertThrows(KeyException.class, () -> key("{\"kty\":\"HSS-LMS\",\"public\":\"00\"}"));
    assertThrows(KeyException.class, () -> key("{\"kty\":\"EC\",\"crv\":\"Ed25519\"}"));
    // An unknown field may hold key material, so it is not silently dropped.
    assertThrows(KeyException.class, () -> key("{\"kty\":\"oct\",\"k2\":\"AQ\"}"));
    assertThrows(KeyException.class, () -> key("{\"kty\":\"oct\",\"k\":\"!!\"}"));
  }
}
