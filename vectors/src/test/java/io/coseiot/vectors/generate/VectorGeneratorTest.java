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
    // Every positive vector without ECDSA (whose signatures the runner treats as randomized) in its
    // input must rebuild byte for byte; an ECDSA Sign1 nested in an Encrypt0 is only plaintext.
    long deterministic =
        vectors.stream()
            .filter(v -> !v.json().path("fail").asBoolean(false))
            .filter(v -> !v.json().get("input").toString().contains("\"alg\":\"ES"))
            .count();
    assertEquals(deterministic, rebuilt, "rebuilt byte for byte");
  }
}
