package io.coseiot.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.interop.mqtt.MqttRoundTrips;
import io.coseiot.mqtt.codec.MqttVersion;
import io.coseiot.tck.probe.Requirement;
import io.coseiot.vectors.generate.Profile;
import io.coseiot.vectors.generate.Vector;
import io.coseiot.vectors.generate.VectorGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The profile's requirement ids against every check that names them: each id stated once, each id
 * in the conformance annex with at least one check, every check naming only stated ids, and the
 * annex saying exactly which kinds of check (vectors, round trips, probe, tests) cover each id.
 */
class RequirementAnnexTest {
  private static final Pattern STATED = Pattern.compile("\\*\\*(R\\d+\\.\\d+)\\*\\*");
  private static final Pattern ROW = Pattern.compile("(?m)^\\| (R\\d+\\.\\d+) \\| (.+) \\|$");
  private static final Pattern PATH = Pattern.compile("`([^`]+)`");

  private static String doc;
  private static Set<String> stated;
  private static Map<String, String> annex;

  @BeforeAll
  static void read() throws Exception {
    doc = Files.readString(Path.of("../docs/mqtt-cose-profile.md"));
    List<String> all = new ArrayList<>();
    Matcher m = STATED.matcher(doc);
    while (m.find()) {
      all.add(m.group(1));
    }
    stated = new TreeSet<>(all);
    assertEquals(all.size(), stated.size(), "an id is stated twice: " + all);
    int at = doc.indexOf("## 12. Conformance annex");
    assertTrue(at > 0, "no conformance annex");
    int end = doc.indexOf("**What `cose-tck probe` checks.**", at);
    assertTrue(end > at, "no probe table after the annex");
    annex = new LinkedHashMap<>();
    Matcher r = ROW.matcher(doc.substring(at, end));
    while (r.find()) {
      assertEquals(null, annex.put(r.group(1), r.group(2)), r.group(1) + " twice in the annex");
    }
  }

  @Test
  void everyStatedIdIsInTheAnnexAndNoOther() {
    assertEquals(stated, new TreeSet<>(annex.keySet()));
  }

  @Test
  void everyIdHasACheckAndTheAnnexNamesEachKind() throws Exception {
    Map<String, Set<String>> kinds = new TreeMap<>();
    for (String id : stated) {
      kinds.put(id, new TreeSet<>());
    }
    for (Requirement r : Requirement.values()) {
      assertTrue(stated.contains(r.id()), "probe names " + r.id() + ", not stated");
      kinds.get(r.id()).add("probe");
    }
    for (MqttVersion v : MqttVersion.values()) {
      MqttRoundTrips.Trip t =
          new MqttRoundTrips.Trip("s", "p", List.of(), v, Algorithm.A128GCM, null, null);
      for (String id : t.requirements()) {
        assertTrue(stated.contains(id), "round trips name " + id + ", not stated");
        kinds.get(id).add("round trips");
      }
    }
    for (Profile p : Profile.values()) {
      for (Vector v : new VectorGenerator(p, 1).generate()) {
        if (!v.path().startsWith("mqtt/")) {
          continue;
        }
        JsonNode ids = v.json().at("/coseiot/mqtt/requirements");
        assertFalse(ids.isEmpty(), v.path() + " names no requirement");
        for (JsonNode id : ids) {
          assertTrue(stated.contains(id.asText()), v.path() + " names " + id + ", not stated");
          kinds.get(id.asText()).add("vectors");
        }
      }
    }
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, String> e : annex.entrySet()) {
      String cell = e.getValue();
      Set<String> listed = new TreeSet<>();
      for (String kind : List.of("vectors", "round trips", "probe")) {
        if (Pattern.compile("(^|, )" + kind + "(,|$)").matcher(cell).find()) {
          listed.add(kind);
        }
      }
      Matcher paths = PATH.matcher(cell);
      boolean tests = false;
      while (paths.find()) {
        Path test = Path.of("..", paths.group(1));
        assertTrue(Files.isRegularFile(test), e.getKey() + ": no test " + test);
        assertTrue(
            Files.readString(test).contains(e.getKey()),
            e.getKey() + ": " + test + " does not name the id it checks");
        tests = true;
      }
      if (!kinds.get(e.getKey()).equals(listed)) {
        wrong.add(e.getKey() + " is checked by " + kinds.get(e.getKey()) + ", annex: " + listed);
      }
      assertTrue(tests || !listed.isEmpty(), e.getKey() + " has no check");
    }
    assertEquals(List.of(), wrong, "the annex's kinds of check");
  }
}
