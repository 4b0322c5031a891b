package io.coseiot.cose.algorithm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.coseiot.cose.exception.AuthenticationException;
import io.coseiot.cose.exception.CoseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The primitives against the COSE working group examples, using their intermediates (CEK, AAD,
 * ToMac, KDF context) so that only the primitive is under test, not the message layer. These cover
 * what Wycheproof does not: AES-CCM with 64-bit tags, AES-CBC-MAC and HKDF with AES-CBC-MAC.
 */
class CoseWgSymmetricExamplesTest {
  private static final int ALG = 1;
  private static final int IV = 5;

  /**
   * Its AAD_hex intermediate has the context "Encrypt1", which RFC 9052 does not define; the
   * ciphertext was made with "Encrypt0", so the intermediate cannot be used to test the cipher.
   */
  private static final String WRONG_AAD = "chacha-poly-enc-01.json";

  @TestFactory
  List<DynamicTest> macExamples() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : files("cbc-mac-examples", "hmac-examples")) {
      tests.add(dynamicTest(file.getFileName().toString(), () -> checkMac(read(file))));
    }
    return nonEmpty(tests);
  }

  @TestFactory
  List<DynamicTest> aeadExamples() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : files("aes-ccm-examples", "aes-gcm-examples", "chacha-poly-examples")) {
      JsonNode example = read(file);
      // Examples with a partial IV need the message layer to build the nonce.
      if (header(message(example).get(1), IV) != null
          && !WRONG_AAD.equals(file.getFileName().toString())) {
        tests.add(dynamicTest(file.getFileName().toString(), () -> checkAead(example)));
      }
    }
    return nonEmpty(tests);
  }

  @TestFactory
  List<DynamicTest> keyWrapExamples() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : files("aes-wrap-examples")) {
      tests.add(dynamicTest(file.getFileName().toString(), () -> checkKeyWrap(read(file))));
    }
    return nonEmpty(tests);
  }

  @TestFactory
  List<DynamicTest> hkdfAesExamples() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : files("hkdf-aes-examples")) {
      tests.add(dynamicTest(file.getFileName().toString(), () -> checkHkdfAes(read(file))));
    }
    return nonEmpty(tests);
  }

  private static void checkMac(JsonNode example) throws CoseException {
    CBORObject message = message(example);
    MacFunction mac = MacFunction.of(algorithm(message.get(0)));
    byte[] key = intermediate(example, "CEK_hex");
    byte[] toMac = intermediate(example, "ToMac_hex");
    byte[] tag = message.get(3).GetByteString();
    if (example.path("fail").asBoolean()) {
      assertThrows(AuthenticationException.class, () -> mac.verify(key, toMac, tag));
    } else {
      assertArrayEquals(tag, mac.compute(key, toMac));
      mac.verify(key, toMac, tag);
    }
  }

  private static void checkAead(JsonNode example) throws CoseException {
    CBORObject message = message(example);
    AeadCipher aead = AeadCipher.of(algorithm(message.get(0)));
    byte[] key = intermediate(example, "CEK_hex");
    byte[] aad = intermediate(example, "AAD_hex");
    byte[] nonce = header(message.get(1), IV).GetByteString();
    byte[] ciphertext = message.get(2).GetByteString();
    byte[] plaintext =
        example.get("input").get("plaintext").asText().getBytes(StandardCharsets.UTF_8);
    if (example.path("fail").asBoolean()) {
      assertThrows(AuthenticationException.class, () -> aead.decrypt(key, nonce, aad, ciphertext));
    } else {
      assertArrayEquals(ciphertext, aead.encrypt(key, nonce, aad, plaintext), "encrypt");
      assertArrayEquals(plaintext, aead.decrypt(key, nonce, aad, ciphertext), "decrypt");
    }
  }

  private static void checkKeyWrap(JsonNode example) throws CoseException {
    CBORObject recipient = firstRecipient(example);
    KeyWrap wrap = KeyWrap.of(algorithm(recipient.get(1)));
    byte[] kek = recipientKey(example);
    byte[] cek = intermediate(example, "CEK_hex");
    byte[] wrapped = recipient.get(2).GetByteString();
    assertArrayEquals(wrapped, wrap.wrap(kek, cek), "wrap");
    assertArrayEquals(cek, wrap.unwrap(kek, wrapped), "unwrap");
  }

  private static void checkHkdfAes(JsonNode example) throws CoseException {
    CBORObject recipient = firstRecipient(example);
    Algorithm alg = algorithm(CBORObject.DecodeFromBytes(recipient.get(0).GetByteString()));
    byte[] secret = recipientKey(example);
    byte[] info =
        HexFormat.of()
            .parseHex(
                example.get("intermediates").get("recipients").get(0).get("Context_hex").asText());
    byte[] cek = intermediate(example, "CEK_hex");
    assertArrayEquals(cek, Hkdf.deriveAesMac(secret, info, cek.length));
    // The salt header the examples carry must change nothing (RFC 9053 §5.1).
    assertArrayEquals(
        cek,
        Hkdf.derive(
            alg, "aabbccddeeffgghh".getBytes(StandardCharsets.US_ASCII), secret, info, cek.length));
  }

  private static Stream<Path> dir(String name) {
    try {
      return Files.list(Wycheproof.dir().resolveSibling("cose-wg-examples").resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> files(String... dirs) {
    return Stream.of(dirs).flatMap(CoseWgSymmetricExamplesTest::dir).sorted().toList();
  }

  private static JsonNode read(Path file) throws IOException {
    return new ObjectMapper().readTree(Files.readAllBytes(file));
  }

  private static CBORObject message(JsonNode example) {
    return CBORObject.DecodeFromBytes(
        HexFormat.of().parseHex(example.get("output").get("cbor").asText()));
  }

  private static byte[] intermediate(JsonNode example, String field) {
    return HexFormat.of().parseHex(example.get("intermediates").get(field).asText());
  }

  /** The recipients are the last element of COSE_Encrypt and COSE_Mac alike. */
  private static CBORObject firstRecipient(JsonNode example) {
    CBORObject message = message(example);
    return message.get(message.size() - 1).get(0);
  }

  /** The first recipient's key: the examples name their body after the message type. */
  private static byte[] recipientKey(JsonNode example) {
    JsonNode input = example.get("input");
    JsonNode body = input.has("enveloped") ? input.get("enveloped") : input.get("mac");
    return Base64.getUrlDecoder()
        .decode(body.get("recipients").get(0).get("key").get("k").asText());
  }

  /** The alg of a header map, given either as a map or as the bstr of a protected header. */
  private static Algorithm algorithm(CBORObject headers) {
    CBORObject map =
        headers.getType() == CBORType.ByteString
            ? CBORObject.DecodeFromBytes(headers.GetByteString())
            : headers;
    Algorithm alg = Algorithm.fromId(header(map, ALG).AsInt64Value());
    assertNotNull(alg);
    return alg;
  }

  private static CBORObject header(CBORObject map, int label) {
    return map.get(CBORObject.FromObject(label));
  }

  private static List<DynamicTest> nonEmpty(List<DynamicTest> tests) {
    int count = tests.size();
    tests.add(dynamicTest("examples found", () -> assertTrue(count > 0)));
    return tests;
  }
}
