package io.coseiot.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.interop.Outcome;
import io.coseiot.interop.Outcome.Verdict;
import io.coseiot.interop.Replay;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportsTest {
  private static Outcome outcome(String vector, Verdict v, String quirk, String detail) {
    return new Outcome(
        "s", vector, "pycose", Replay.PEER_OPENS, v, false, "rejected", quirk, false, detail);
  }

  private static Matrix matrix() {
    Matrix m = new Matrix();
    m.suites.add("s");
    m.outcomes.add(outcome("dev.json", Verdict.DEVIATION, "pycose-refuses-untagged", "refused"));
    m.outcomes.add(outcome("na.json", Verdict.NOT_APPLICABLE, "", "counter signatures"));
    m.outcomes.add(outcome("ok.json", Verdict.PASS, "", ""));
    m.outcomes.add(outcome("bad.json", Verdict.FAIL, "", "accepted a forgery"));
    return m;
  }

  private static Element testcase(Document d, String name) {
    NodeList cases = d.getElementsByTagName("testcase");
    for (int i = 0; i < cases.getLength(); i++) {
      Element e = (Element) cases.item(i);
      if (e.getAttribute("name").equals(name)) {
        return e;
      }
    }
    throw new AssertionError("no testcase " + name);
  }

  @Test
  void aKnownDeviationPassesWithItsQuirkAndOnlyNotApplicableIsSkipped() throws Exception {
    String xml = Reports.junit(matrix());
    Document d =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));

    Element suite = (Element) d.getElementsByTagName("testsuite").item(0);
    assertEquals("4", suite.getAttribute("tests"));
    assertEquals("1", suite.getAttribute("failures"));
    assertEquals("1", suite.getAttribute("skipped"));

    Element dev = testcase(d, "dev.json");
    assertEquals(0, dev.getElementsByTagName("skipped").getLength(), xml);
    assertEquals(0, dev.getElementsByTagName("failure").getLength(), xml);
    String out = dev.getElementsByTagName("system-out").item(0).getTextContent();
    assertTrue(out.contains("pycose-refuses-untagged"), out);
    // The summary comes from quirks.json, not from the outcome.
    assertTrue(out.contains("only decodes tagged messages"), out);

    Element na = (Element) testcase(d, "na.json").getElementsByTagName("skipped").item(0);
    assertEquals("n/a: counter signatures", na.getAttribute("message"));
    assertEquals(1, testcase(d, "bad.json").getElementsByTagName("failure").getLength());
  }
}
