package io.coseiot.cose.primitive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.AlgorithmException;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.Curve;
import io.coseiot.cose.key.KeyLabel;
import io.coseiot.cose.key.KeyType;
import io.coseiot.cose.message.MessageType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The primitives against the COSE working group's examples (bytes made by another implementation).
 * Where the example's headers are exactly what a primitive writes ({@code alg} alone protected;
 * nothing, the IV or the kid unprotected) the primitive must produce the same bytes: with the
 * example's IV handed to it as its random source, since AES-GCM/CCM examples fix the IV; and for
 * deterministic signatures (EdDSA). Every passing example with a protected alg must open or verify
 * to its plaintext; every failing one ({@code *-fail-*}) and every one with {@code alg} only
 * unprotected or without its tag must be refused.
 */
class CoseWgPrimitiveVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  @TestFactory
  List<DynamicTest> encrypt0() {
    return tests(
        "encrypted",
        (name, ex, bytes, key) -> {
          CBORObject msg = CBORObject.DecodeFromBytes(bytes);
          byte[] iv = msg.get(1).get(CBORObject.FromObject(5)).GetByteString();
          Encrypt0Primitive p = Encrypt0Primitive.builder(key).random(fixed(iv)).build();
          Aad aad = p.prepare(external(ex, "encrypted"));
          byte[] opened = p.open(parse(MessageType.ENCRYPT0, bytes), aad);
          assertArrayEquals(plaintext(ex), opened, name);
          if (onlyAlgProtected(msg) && msg.get(1).size() == 1) {
            assertArrayEquals(bytes, p.seal(plaintext(ex), aad), name + ": sealed bytes");
          }
        },
        (key, bytes, ext) -> {
          Encrypt0Primitive p = Encrypt0Primitive.builder(key).build();
          p.open(parse(MessageType.ENCRYPT0, bytes), p.prepare(ext));
        },
        "encrypted-tests",
        "aes-gcm-examples",
        "aes-ccm-examples",
        "chacha-poly-examples");
  }

  @TestFactory
  List<DynamicTest> mac0() {
    return tests(
        "mac0",
        (name, ex, bytes, key) -> {
          CBORObject msg = CBORObject.DecodeFromBytes(bytes);
          Mac0Primitive p = Mac0Primitive.builder(key).build();
          Aad aad = p.prepare(external(ex, "mac0"));
          assertArrayEquals(plaintext(ex), p.verify(parse(MessageType.MAC0, bytes), aad), name);
          if (onlyAlgProtected(msg) && msg.get(1).size() == 0) {
            assertArrayEquals(bytes, p.create(plaintext(ex), aad), name + ": created bytes");
          }
        },
        (key, bytes, ext) -> {
          Mac0Primitive p = Mac0Primitive.builder(key).build();
          p.verify(parse(MessageType.MAC0, bytes), p.prepare(ext));
        },
        "mac0-tests",
        "hmac-examples",
        "cbc-mac-examples");
  }

  @TestFactory
  List<DynamicTest> sign1() {
    return tests(
        "sign0",
        (name, ex, bytes, key) -> {
          CBORObject msg = CBORObject.DecodeFromBytes(bytes);
          Sign1Primitive verifier = Sign1Primitive.builder(key.publicKey()).build();
          Aad aad = verifier.prepare(external(ex, "sign0"));
          byte[] verified = verifier.verify(parse(MessageType.SIGN1, bytes), aad);
          assertArrayEquals(plaintext(ex), verified, name);
          if (key.algorithm() == Algorithm.EDDSA && onlyAlgProtected(msg)) {
            Sign1Primitive signer = Sign1Primitive.builder(key).build();
            assertArrayEquals(
                bytes, signer.sign(plaintext(ex), signer.prepare(external(ex, "sign0"))), name);
          }
        },
        (key, bytes, ext) -> {
          Sign1Primitive p = Sign1Primitive.builder(key.publicKey()).build();
          p.verify(parse(MessageType.SIGN1, bytes), p.prepare(ext));
        },
        "sign1-tests",
        "ecdsa-examples",
        "eddsa-examples");
  }

  /** Opens or verifies; throws if the example is refused. */
  private interface Pass {
    void check(String name, JsonNode example, byte[] bytes, CoseKey key) throws Exception;
  }

  /** Must throw for a refused example. */
  private interface Refuse {
    void check(CoseKey key, byte[] bytes, byte[] externalAad) throws Exception;
  }

  private static List<DynamicTest> tests(String type, Pass pass, Refuse refuse, String... dirs) {
    List<DynamicTest> out = new ArrayList<>();
    for (Path file : files(dirs)) {
      JsonNode ex = read(file);
      JsonNode in = ex.get("input").get(type);
      if (in == null) {
        continue;
      }
      String name = file.getFileName().toString();
      byte[] bytes = HEX.parseHex(ex.get("output").get("cbor").asText());
      boolean failing = name.contains("-fail-");
      boolean algUnprotected = in.has("unprotected") && in.get("unprotected").has("alg");
      boolean untagged = (bytes[0] & 0xe0) != 0xc0;
      out.add(
          dynamicTest(
              name,
              () -> {
                CoseKey key = key(ex, type);
                if (failing || algUnprotected || untagged) {
                  Exception e =
                      assertThrows(
                          CoseException.class,
                          () -> refuse.check(key, bytes, external(ex, type)),
                          name);
                  if (algUnprotected && !untagged) {
                    // Strict: an unprotected alg is not accepted, even when all else is right.
                    assertInstanceOf(AlgorithmException.class, e, name);
                  }
                } else {
                  pass.check(name, ex, bytes, key);
                }
              }));
    }
    assertFalse(out.isEmpty(), "no examples found under " + String.join(", ", dirs));
    return out;
  }

  private static ReceivedMessage parse(MessageType type, byte[] bytes) throws CoseException {
    return ReceivedMessage.parse(type, bytes, Set.of());
  }

  private static boolean onlyAlgProtected(CBORObject msg) {
    byte[] prot = msg.get(0).GetByteString();
    return prot.length > 0 && CBORObject.DecodeFromBytes(prot).size() == 1;
  }

  /** The key of an example, with the alg its message names (a primitive takes alg from its key). */
  private static CoseKey key(JsonNode ex, String type) {
    JsonNode in = ex.get("input").get(type);
    JsonNode k = in.has("key") ? in.get("key") : in.get("recipients").get(0).get("key");
    CoseKey.Builder b;
    switch (k.get("kty").asText()) {
      case "oct":
        b = CoseKey.symmetric(b64(k.get("k").asText()));
        break;
      case "EC", "EC2":
        b =
            CoseKey.builder(KeyType.EC2)
                .curve(Curve.fromName(k.get("crv").asText()))
                .setBytes(KeyLabel.X, b64(k.get("x").asText()))
                .setBytes(KeyLabel.Y, b64(k.get("y").asText()))
                .setBytes(KeyLabel.D, b64(k.get("d").asText()));
        break;
      default:
        b =
            CoseKey.builder(KeyType.OKP)
                .curve(Curve.fromName(k.get("crv").asText()))
                .setBytes(KeyLabel.X, HEX.parseHex(k.get("x_hex").asText()))
                .setBytes(KeyLabel.D, HEX.parseHex(k.get("d_hex").asText()));
    }
    if (type.equals("sign0") && in.has("unprotected") && in.get("unprotected").has("kid")) {
      b.keyId(in.get("unprotected").get("kid").asText().getBytes(StandardCharsets.UTF_8));
    }
    Algorithm alg = algorithm(ex);
    return b.algorithm(alg != null ? alg : FAILING_ALGS.get(type)).build();
  }

  /**
   * The algorithm of the failing examples whose message names none that exists (they change it to
   * test that): the one of the passing examples beside them.
   */
  private static final Map<String, Algorithm> FAILING_ALGS =
      Map.of(
          "encrypted", Algorithm.A128GCM, "mac0", Algorithm.HMAC_256_256, "sign0", Algorithm.ES256);

  private static Algorithm algorithm(JsonNode ex) {
    CBORObject msg =
        CBORObject.DecodeFromBytes(HEX.parseHex(ex.get("output").get("cbor").asText()));
    if (msg.isTagged()) {
      msg = msg.UntagOne();
    }
    byte[] prot = msg.get(0).GetByteString();
    CBORObject alg =
        prot.length > 0 ? CBORObject.DecodeFromBytes(prot).get(CBORObject.FromObject(1)) : null;
    if (alg == null) {
      alg = msg.get(1).get(CBORObject.FromObject(1));
    }
    return alg.isNumber() ? Algorithm.fromId(alg.AsInt64Value()) : null;
  }

  private static byte[] external(JsonNode ex, String type) {
    JsonNode e = ex.get("input").get(type).get("external");
    return e == null ? null : HEX.parseHex(e.asText());
  }

  private static byte[] plaintext(JsonNode ex) {
    return ex.get("input").get("plaintext").asText().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] b64(String s) {
    return Base64.getUrlDecoder().decode(s);
  }

  /** A random source that yields the example's IV, so that sealing is reproducible. */
  private static SecureRandom fixed(byte[] iv) {
    return new SecureRandom() {
      private static final long serialVersionUID = 1L;

      @Override
      public void nextBytes(byte[] bytes) {
        System.arraycopy(iv, 0, bytes, 0, bytes.length);
      }
    };
  }

  private static List<Path> files(String... dirs) {
    return Stream.of(dirs).flatMap(CoseWgPrimitiveVectorsTest::dir).sorted().toList();
  }

  private static Stream<Path> dir(String name) {
    String shared = System.getProperty("cose.shared.dir", "../shared");
    try {
      return Files.list(Path.of(shared, "vectors", "cose-wg-examples", name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(Path file) {
    try {
      return new ObjectMapper().readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
