package io.coseiot.vectors.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coseiot.vectors.examples.ExampleResult.Status;
import io.coseiot.vectors.generate.Profile;
import io.coseiot.vectors.generate.Vector;
import io.coseiot.vectors.generate.VectorGenerator;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The profile receiver of {@code cose-tck run} and {@code examples} on the generated MQTT set. */
class MqttProfileRunnerTest {
  private final MqttProfileRunner runner = new MqttProfileRunner(new ExampleRunner()::run);

  @ParameterizedTest
  @EnumSource(Profile.class)
  void everyMqttVectorPassesAndAChangedVerdictFails(Profile profile) throws Exception {
    int refused = 0;
    for (Vector v : new VectorGenerator(profile, 1).generate()) {
      if (!v.path().startsWith("mqtt/")) {
        continue;
      }
      ExampleResult r = runner.run(Example.of(Path.of(v.path()), v.json()));
      assertEquals(Status.PASS, r.outcome(), v.path() + ": " + r.reason());
      ObjectNode m = (ObjectNode) v.json().at("/coseiot/mqtt");
      if (m.has("expected_rejection") && !v.json().path("fail").asBoolean(false)) {
        // A valid COSE message the profile refuses: claiming it opens must fail the run.
        m.remove("expected_rejection");
        ExampleResult wrong = runner.run(Example.of(Path.of(v.path()), v.json()));
        assertEquals(Status.FAIL, wrong.outcome(), v.path());
        assertTrue(wrong.reason().startsWith("profile: refused "), wrong.reason());
        refused++;
      }
    }
    assertTrue(refused >= 14, "profile-only refusals: " + refused);
  }
}
