package io.coseiot.tck.probe;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every requirement probe reports is stated in the profile and listed in its annex. */
class RequirementAnnexTest {
  @Test
  void everyRequirementIsInTheTextAndTheAnnex() throws Exception {
    String doc = Files.readString(Path.of("../docs/mqtt-cose-profile.md"));
    int annex = doc.indexOf("## 12. Conformance annex");
    assertTrue(annex > 0, "no conformance annex");
    for (Requirement r : Requirement.values()) {
      String bold = "**" + r.id() + "**";
      int stated = doc.indexOf(bold);
      assertTrue(stated >= 0, r.id() + " is not stated in the profile");
      assertTrue(
          doc.indexOf("\n| " + r.id() + " |", annex) > annex,
          r.id() + " is not in the annex table");
    }
  }
}
