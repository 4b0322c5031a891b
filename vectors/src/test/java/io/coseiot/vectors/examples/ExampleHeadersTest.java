package io.coseiot.vectors.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.HeaderException;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.cose.key.KeyLabel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExampleHeadersTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static HeaderMap convert(String json) throws Exception {
    return ExampleHeaders.toHeaderMap(JSON.readTree(json));
  }

  @Test
  void examplesNamesMapToIanaIds() {
    Map<String, Long> expected =
        Map.ofEntries(
            Map.entry("A128GCM", 1L),
            Map.entry("AES-CCM-16-128/64", 10L),
            Map.entry("AES-CCM-64-256/128", 33L),
            Map.entry("ChaCha-Poly1305", 24L),
            Map.entry("HS256", 5L),
            Map.entry("HS256/64", 4L),
            Map.entry("HS512", 7L),
            Map.entry("AES-MAC-128/64", 14L),
            Map.entry("AES-MAC-256/128", 26L),
            Map.entry("ES256", -7L),
            Map.entry("EdDSA", -8L),
            Map.entry("PS256", -37L),
            Map.entry("RSA-PSS-384", -38L),
            Map.entry("direct", -6L),
            Map.entry("HKDF-HMAC-SHA-256", -10L),
            Map.entry("HKDF-AES-128", -12L),
            Map.entry("A128KW", -3L),
            Map.entry("ECDH-ES", -25L),
            Map.entry("ECDH-ES-512", -26L),
            Map.entry("ECDH-SS", -27L),
            Map.entry("ECDH-SS-256", -27L),
            Map.entry("ECDH-ES-A128KW", -29L),
            Map.entry("ECDH-ES+A128KW", -29L),
            Map.entry("ECDH-SS-A256KW", -34L),
            Map.entry("RSA-OAEP", -40L),
            Map.entry("RSA-OAEP-256", -41L),
            Map.entry("HSS-LMS", -46L));
    expected.forEach((name, id) -> assertEquals(id, ExampleAlgorithms.id(name), name));
    assertEquals(Algorithm.AES_CCM_16_64_128, ExampleAlgorithms.algorithm("AES-CCM-16-128/64"));
  }

  @Test
  void unknownAlgorithmStaysText() throws Exception {
    assertEquals(CBORObject.FromObject("unknown"), convert("{\"alg\":\"unknown\"}").get(1L));
    assertEquals(CBORObject.FromObject(-65535), convert("{\"alg\":-65535}").get(1L));
  }

  @Test
  void byteValuedHeaders() throws Exception {
    HeaderMap m =
        convert(
            "{\"kid\":\"our-secret\",\"IV_hex\":\"89F52F\",\"partialIV_hex\":\"61A7\","
                + "\"spk_kid\":\"p\",\"apu_nonce_hex\":\"0101\",\"salt\":\"aabb\",\"ctyp\":0}");
    assertArrayEquals(
        "our-secret".getBytes(StandardCharsets.UTF_8), m.get(HeaderLabel.KID).GetByteString());
    assertArrayEquals(
        new byte[] {(byte) 0x89, (byte) 0xF5, 0x2F}, m.get(HeaderLabel.IV).GetByteString());
    assertArrayEquals(
        new byte[] {0x61, (byte) 0xA7}, m.get(HeaderLabel.PARTIAL_IV).GetByteString());
    assertArrayEquals(new byte[] {'p'}, m.get(HeaderLabel.STATIC_KEY_ID).GetByteString());
    assertArrayEquals(new byte[] {1, 1}, m.get(HeaderLabel.PARTY_U_NONCE).GetByteString());
    assertArrayEquals(new byte[] {'a', 'a', 'b', 'b'}, m.get(HeaderLabel.SALT).GetByteString());
    assertEquals(CBORObject.FromObject(0), m.get(HeaderLabel.CONTENT_TYPE));
  }

  @Test
  void ephemeralKeyIsThePublicCoseKey() throws Exception {
    HeaderMap m =
        convert(
            "{\"epk\":{\"kty\":\"EC\",\"crv\":\"P-256\","
                + "\"x\":\"mPUKT_bAWGHIhg0TpjjqVsP1rXWQu_vwVOHHtNkdYoA\","
                + "\"y\":\"8BQAsImGeAS46fyWw5MhYfGTT0IjBpFw2SS34Dv4Irs\",\"d\":\"AAAA\"}}");
    CBORObject epk = m.get(HeaderLabel.EPHEMERAL_KEY);
    assertEquals(CBORObject.FromObject(2), epk.get(CBORObject.FromObject(KeyLabel.KTY)));
    assertEquals(CBORObject.FromObject(1), epk.get(CBORObject.FromObject(KeyLabel.CRV)));
    assertEquals(32, epk.get(CBORObject.FromObject(KeyLabel.Y)).GetByteString().length);
    assertFalse(epk.ContainsKey(CBORObject.FromObject(KeyLabel.D)));
  }

  @Test
  void critNamesBecomeLabels() throws Exception {
    HeaderMap m = convert("{\"reserved\":false,\"crit\":[\"reserved\",\"alg\"]}");
    assertEquals(CBORObject.False, m.get("reserved"));
    CBORObject crit = m.get(HeaderLabel.CRIT);
    assertEquals(CBORObject.FromObject("reserved"), crit.get(0));
    assertEquals(CBORObject.FromObject(1), crit.get(1));
  }

  @Test
  void unsentKeepsComputationInputs() throws Exception {
    JsonNode recipient =
        JSON.readTree(
            "{\"unsent\":{\"compressed\":1,\"pub_other\":\"Public Other\","
                + "\"priv_other\":\"P\",\"apu_id\":\"lighting-client\"}}");
    HeaderMap unsent = ExampleHeaders.unsent(recipient);
    assertEquals(CBORObject.True, unsent.get(ExampleHeaders.COMPRESSED));
    assertArrayEquals(
        "Public Other".getBytes(StandardCharsets.UTF_8),
        unsent.get(ExampleHeaders.PUB_OTHER).GetByteString());
    assertArrayEquals(new byte[] {'P'}, unsent.get(ExampleHeaders.PRIV_OTHER).GetByteString());
    assertTrue(unsent.contains(HeaderLabel.PARTY_U_IDENTITY));
    assertTrue(ExampleHeaders.unsent(JSON.readTree("{}")).isEmpty());
  }

  @Test
  void certificateHeaders() throws Exception {
    HeaderMap m =
        convert(
            "{\"x5bag\":\"3001\",\"x5chain\":[\"3001\",\"3002\"],\"x5t\":[\"SHA-256\",\"11\"]}");
    assertEquals(2, m.get(32L).GetByteString().length);
    assertEquals(2, m.get(HeaderLabel.X5CHAIN).size());
    assertEquals(CBORObject.FromObject(-16), m.get(34L).get(0));
  }

  @Test
  void badHexIsAHeaderException() {
    assertThrows(HeaderException.class, () -> convert("{\"kid_hex\":\"zz\"}"));
  }
}
