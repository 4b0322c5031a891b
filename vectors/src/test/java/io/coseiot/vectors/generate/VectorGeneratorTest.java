package io.coseiot.vectors.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.vectors.examples.Example;
import io.coseiot.vectors.examples.ExampleResult;
import io.coseiot.vectors.examples.ExampleResult.Status;
import io.coseiot.vectors.examples.ExampleRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VectorGeneratorTest {
  @ParameterizedTest
  @EnumSource(Profile.class)
  void sameSeedGivesSameBytes(Profile profile) throws Exception {
    Map<String, byte[]> a = VectorGenerator.render(new VectorGenerator(profile, 7).generate());
    Map<String, byte[]> b = VectorGenerator.render(new VectorGenerator(profile, 7).generate());
    assertEquals(a.keySet(), b.keySet());
    a.forEach((k, v) -> assertArrayEquals(v, b.get(k), k));
    Map<String, byte[]> c = VectorGenerator.render(new VectorGenerator(profile, 8).generate());
    String first = a.keySet().iterator().next();
    assertNotEquals(new String(a.get(first)), new String(c.get(first)));
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void everyVectorPassesTheExampleRunner(Profile profile) throws Exception {
    List<Vector> vectors = new VectorGenerator(profile, 1).generate();
    ExampleRunner runner = new ExampleRunner();
    List<String> failures = new ArrayList<>();
    int negatives = 0;
    int rebuilt = 0;
    for (Vector v : vectors) {
      Example e = Example.of(Path.of(v.path()), v.json());
      ExampleResult r = runner.run(e);
      if (e.fail()) {
        negatives++;
      }
      if (r.encode() == Status.PASS) {
        rebuilt++;
      }
      boolean ok =
          r.decode() == Status.PASS
              && (e.fail() ? r.encode() == Status.NOT_APPLICABLE : r.encode() != Status.FAIL);
      if (!ok) {
        failures.add(v.path() + ": " + r.decode() + "/" + r.encode() + " " + r.reason());
      }
    }
    assertEquals(List.of(), failures);
    assertTrue(negatives > 20, "negatives: " + negatives);
    // Every positive vector without ECDSA (whose signatures the runner treats as randomized) must
    // rebuild byte for byte.
    long deterministic =
        vectors.stream()
            .filter(v -> !v.json().path("fail").asBoolean(false))
            .filter(v -> !v.json().toString().contains("\"alg\":\"ES"))
            .count();
    assertEquals(deterministic, rebuilt, "rebuilt byte for byte");
  }

  /** The MQTT vectors are what the binding itself opens: derived kid, topic, epoch, cose-kid. */
  @ParameterizedTest
  @EnumSource(Profile.class)
  void mqttVectorsOpenWithTheBindingsCodec(Profile profile) throws Exception {
    int n = 0;
    for (Vector v : new VectorGenerator(profile, 1).generate()) {
      if (!v.path().startsWith("mqtt/")) {
        continue;
      }
      com.fasterxml.jackson.databind.JsonNode m = v.json().at("/coseiot/mqtt");
      java.util.HexFormat hex = java.util.HexFormat.of();
      io.coseiot.cose.algorithm.Algorithm alg =
          io.coseiot.cose.algorithm.Algorithm.fromId(v.json().at("/coseiot/alg").asLong());
      io.coseiot.mqtt.keyring.Keyring keyring =
          io.coseiot.mqtt.keyring.Keyring.builder()
              .add(
                  io.coseiot.mqtt.keyring.TopicKeyset.derived(
                      m.get("filter").asText(),
                      alg,
                      hex.parseHex(m.get("master_secret_hex").asText()),
                      null))
              .schedule(io.coseiot.mqtt.keyring.RotationSchedule.fixed(m.get("epoch").asLong()))
              .build();
      io.coseiot.mqtt.codec.OpenedMessage opened =
          io.coseiot.mqtt.codec.CoseMqttCodec.builder()
              .keyring(keyring)
              .build()
              .opener()
              .open(
                  m.get("topic").asText(),
                  hex.parseHex(v.json().at("/output/cbor").asText()),
                  m.at("/properties/content_type").asText(),
                  Map.of(
                      m.at("/properties/user_properties/0/0").asText(),
                      m.at("/properties/user_properties/0/1").asText()));
      assertEquals(Positives.PLAINTEXT, new String(opened.plaintext(), "UTF-8"), v.path());
      n++;
    }
    assertTrue(n >= 2, "MQTT vectors: " + n);
  }
}
