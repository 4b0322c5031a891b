package io.coseiot.vectors.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.mqtt.codec.AlgorithmProfile;
import io.coseiot.mqtt.codec.CoseMqttCodec;
import io.coseiot.mqtt.codec.OpenedMessage;
import io.coseiot.mqtt.codec.PayloadOpener;
import io.coseiot.mqtt.codec.RejectedMessageException;
import io.coseiot.mqtt.codec.SealMode;
import io.coseiot.mqtt.keyring.Keyring;
import io.coseiot.mqtt.keyring.RotationSchedule;
import io.coseiot.mqtt.keyring.TopicKeyset;
import io.coseiot.vectors.examples.Example;
import io.coseiot.vectors.examples.ExampleKeys;
import io.coseiot.vectors.examples.ExampleResult;
import io.coseiot.vectors.examples.ExampleResult.Status;
import io.coseiot.vectors.examples.ExampleRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The MQTT-profile vectors against the binding's codec, configured only from {@code coseiot.mqtt}
 * (and, for the asymmetric modes, the standard input's keys), and against the plain Examples
 * runner.
 */
class MqttVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  private static List<Vector> mqtt(Profile profile) throws Exception {
    List<Vector> out = new ArrayList<>();
    for (Vector v : new VectorGenerator(profile, 1).generate()) {
      if (v.path().startsWith("mqtt/")) {
        out.add(v);
      }
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void positivesOpenWithTheCodecAndNegativesAreRejectedAsStated(Profile profile) throws Exception {
    Set<SealMode> modes = EnumSet.noneOf(SealMode.class);
    Set<String> nonceModes = new TreeSet<>();
    int negatives = 0;
    for (Vector v : mqtt(profile)) {
      JsonNode m = v.json().at("/coseiot/mqtt");
      byte[] payload = HEX.parseHex(v.json().at("/output/cbor").asText());
      String topic = m.get("topic").asText();
      PayloadOpener opener = codec(v.json()).opener();
      for (JsonNode before : m.path("received_before")) {
        opener.open(
            topic, HEX.parseHex(before.get("cbor_hex").asText()), contentType(m), properties(m));
      }
      assertEquals(
          v.json().path("fail").asBoolean(false),
          m.has("expected_rejection") && !v.json().at("/input/failures").isMissingNode(),
          v.path() + ": fail is for what a plain COSE runner refuses too");
      if (m.has("expected_rejection")) {
        RejectedMessageException e =
            assertThrows(
                RejectedMessageException.class,
                () -> opener.open(topic, payload, contentType(m), properties(m)),
                v.path());
        assertEquals(m.get("expected_rejection").asText(), e.reason().name(), v.path());
        negatives++;
        continue;
      }
      OpenedMessage o = opener.open(topic, payload, contentType(m), properties(m));
      assertEquals(
          Positives.PLAINTEXT, new String(o.plaintext(), StandardCharsets.UTF_8), v.path());
      assertEquals(topic, o.topic(), v.path());
      if ("counter".equals(m.path("nonce_mode").asText())) {
        assertArrayEquals(HEX.parseHex(m.get("sender_id_hex").asText()), o.senderId(), v.path());
        assertEquals(m.get("sequence_number").asLong(), o.sequenceNumber(), v.path());
      } else {
        assertEquals(-1, o.sequenceNumber(), v.path());
      }
      modes.add(SealMode.valueOf(m.get("mode").asText()));
      nonceModes.add(m.get("mode").asText() + "/" + m.path("nonce_mode").asText());
    }
    assertEquals(EnumSet.allOf(SealMode.class), modes);
    assertEquals(
        Set.of(
            "ENCRYPT0/random",
            "ENCRYPT0/counter",
            "SIGN1_IN_ENCRYPT0/random",
            "SIGN1_IN_ENCRYPT0/counter",
            "MAC0/random",
            "MAC0/counter",
            "SIGN1/",
            "ENCRYPT_ECDH/random"),
        nonceModes);
    assertTrue(negatives >= 25, "negatives: " + negatives);
  }

  /** Every MQTT vector names the profile requirements it checks, each stated in the profile. */
  @ParameterizedTest
  @EnumSource(Profile.class)
  void everyVectorNamesItsRequirements(Profile profile) throws Exception {
    String doc = Files.readString(Path.of("../docs/mqtt-cose-profile.md"));
    for (Vector v : mqtt(profile)) {
      JsonNode ids = v.json().at("/coseiot/mqtt/requirements");
      assertTrue(ids.isArray() && ids.size() > 0, v.path());
      for (JsonNode id : ids) {
        assertTrue(doc.contains("**" + id.asText() + "**"), v.path() + ": " + id);
      }
    }
  }

  /**
   * The standard fields alone: the plain runner opens every positive and refuses every negative.
   */
  @ParameterizedTest
  @EnumSource(Profile.class)
  void standardFieldsAloneSufficeForThePlainRunner(Profile profile) throws Exception {
    ExampleRunner runner = new ExampleRunner();
    for (Vector v : mqtt(profile)) {
      Example e = Example.of(Path.of(v.path()), v.json());
      ExampleResult r = runner.run(e);
      assertEquals(Status.PASS, r.decode(), v.path() + ": " + r.reason());
      if (!e.fail()) {
        assertTrue(r.encode() != Status.FAIL, v.path() + ": " + r.reason());
      }
      JsonNode inner = v.json().at("/coseiot/mqtt/inner");
      if (!inner.isMissingNode()) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        ObjectNode input = doc.putObject("input");
        input.set("plaintext", inner.get("plaintext"));
        input.set("sign0", inner.get("sign0"));
        doc.putObject("output").set("cbor", inner.get("cbor_hex"));
        ExampleResult ri = runner.run(Example.of(Path.of(v.path() + "#inner"), doc));
        assertEquals(Status.PASS, ri.decode(), v.path() + " inner: " + ri.reason());
      }
    }
  }

  /**
   * Counter mode recomputed from the profile text (section 6 derivation, section 7 nonce) with JCA
   * alone, and the GCM ones decrypted with JCA's AES/GCM.
   */
  @ParameterizedTest
  @EnumSource(Profile.class)
  void counterNoncesFollowTheProfileText(Profile profile) throws Exception {
    int checked = 0;
    for (Vector v : mqtt(profile)) {
      JsonNode m = v.json().at("/coseiot/mqtt");
      JsonNode s = v.json().at("/input/encrypted");
      boolean positive = !m.has("expected_rejection");
      if (!positive || !"counter".equals(m.path("nonce_mode").asText()) || s.isMissingNode()) {
        continue;
      }
      ProfileText.Check c = ProfileText.check(v.json());
      assertArrayEquals(c.commonIv(), HEX.parseHex(m.get("common_iv_hex").asText()), v.path());
      assertArrayEquals(c.nonce(), HEX.parseHex(s.at("/unsent/IV_hex").asText()), v.path());
      assertArrayEquals(c.externalAad(), HEX.parseHex(s.get("external").asText()), v.path());
      if (c.plaintext() != null) {
        byte[] expected =
            v.json().at("/input/plaintext_hex").isMissingNode()
                ? Positives.PLAINTEXT.getBytes(StandardCharsets.UTF_8)
                : HEX.parseHex(v.json().at("/input/plaintext_hex").asText());
        assertArrayEquals(expected, c.plaintext(), v.path());
      }
      checked++;
    }
    assertTrue(checked >= 8, "counter-mode Encrypt0 vectors checked: " + checked);
  }

  private static String contentType(JsonNode m) {
    JsonNode ct = m.at("/properties/content_type");
    return ct.isMissingNode() ? null : ct.asText();
  }

  private static Map<String, String> properties(JsonNode m) {
    Map<String, String> out = new HashMap<>();
    for (JsonNode p : m.at("/properties/user_properties")) {
      out.put(p.get(0).asText(), p.get(1).asText());
    }
    return out;
  }

  /** The codec a subscriber of the vector's topic would run. */
  private static CoseMqttCodec codec(JsonNode v) throws Exception {
    JsonNode m = v.at("/coseiot/mqtt");
    SealMode mode = SealMode.valueOf(m.get("mode").asText());
    CoseMqttCodec.Builder b =
        CoseMqttCodec.builder()
            .mode(mode)
            .algorithmProfile(AlgorithmProfile.valueOf(m.get("algorithm_profile").asText()));
    if (m.has("master_secret_hex")) {
      String salt = m.get("master_salt_hex").asText();
      b.keyring(
          Keyring.builder()
              .add(
                  TopicKeyset.derived(
                      m.get("filter").asText(),
                      Algorithm.fromId(m.get("key_alg").asLong()),
                      HEX.parseHex(m.get("master_secret_hex").asText()),
                      salt.isEmpty() ? null : HEX.parseHex(salt)))
              .schedule(RotationSchedule.fixed(m.get("epoch").asLong()))
              .build());
    }
    switch (mode) {
      case SIGN1 -> b.trustedSigners(List.of(publicKey(v.at("/input/sign0/key"))));
      case SIGN1_IN_ENCRYPT0 -> b.trustedSigners(List.of(publicKey(m.at("/inner/sign0/key"))));
      case ENCRYPT_ECDH -> {
        List<CoseKey> keys = new ArrayList<>();
        for (JsonNode r : v.at("/input/enveloped/recipients")) {
          keys.add(ExampleKeys.toCoseKey(r.get("key")));
        }
        b.recipientKeys(keys);
      }
      default -> {}
    }
    return b.build();
  }

  private static CoseKey publicKey(JsonNode key) throws Exception {
    return ExampleKeys.toCoseKey(key).publicKey();
  }
}
