package io.coseiot.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coseiot.interop.Outcome;
import io.coseiot.interop.Outcome.Verdict;
import io.coseiot.interop.Replay;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

  @Test
  void htmlPutsEachFailureFirstWithAnchorBytesAndRequirements(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("bad.json"),
        "{\"title\":\"bad\",\"output\":{\"cbor\":\"D08343A10101A0F6\","
            + "\"cbor_diag\":\"16([h'a10101', {}, nil])\"},"
            + "\"coseiot\":{\"mqtt\":{\"requirements\":[\"R2.10\",\"R2.9\"]}}}");
    Matrix m = matrix();
    m.roots.put("s", dir);
    String html = Reports.html(m);

    String anchor = "fail-s-bad.json-pycose-" + Replay.PEER_OPENS;
    int failure = html.indexOf("id=\"" + anchor + "\"");
    assertTrue(failure > 0, html);
    assertTrue(failure < html.indexOf("<h2>Matrix</h2>"), "failures come first: " + html);
    String entry = html.substring(failure, html.indexOf("</div>", failure));
    assertTrue(entry.contains("accepted a forgery"), entry);
    assertTrue(entry.contains("d08343a10101a0f6"), entry);
    assertTrue(entry.contains("href=\"#req-R2.9\""), entry);
    assertTrue(entry.contains("16([h'a10101', {}, nil])"), entry);
    // The per-requirement view, R2.9 before R2.10, links back to the failure.
    int r9 = html.indexOf("<tr id=\"req-R2.9\">");
    int r10 = html.indexOf("<tr id=\"req-R2.10\">");
    assertTrue(r9 > 0 && r10 > r9, html);
    assertTrue(html.substring(r9, r10).contains("href=\"#" + anchor + "\""), html);
  }

  @Test
  void aFailureShowsThePeersMessageAndRoundTripsReachTheRequirementView() {
    Matrix m = matrix();
    m.outcomes.add(
        new Outcome(
                "s",
                "theirs.json",
                "pycose",
                Replay.JVM_OPENS,
                Verdict.FAIL,
                false,
                "accepted",
                "",
                false,
                "the library refuses the peer's message")
            .withPeerMessage(new byte[] {(byte) 0x83, 0x40, (byte) 0xa0, (byte) 0xf6}));
    m.suites.add("mqtt-trip");
    m.tripRequirements.put("mqtt-trip", List.of("R6.2"));
    m.outcomes.add(
        new Outcome(
            "mqtt-trip",
            "jvm-opens",
            "pycose",
            Replay.JVM_OPENS,
            Verdict.PASS,
            false,
            "accepted",
            "",
            false,
            ""));
    String html = Reports.html(m);

    int failure = html.indexOf("id=\"fail-s-theirs.json-pycose-" + Replay.JVM_OPENS + "\"");
    assertTrue(failure > 0, html);
    String entry = html.substring(failure, html.indexOf("</div>", failure));
    assertTrue(entry.contains("the peer's message: <code>8340a0f6</code>"), entry);
    // Diagnostic notation of [h'', {}, null], as the CBOR library writes it.
    assertTrue(entry.contains("[h'', {}, null]"), entry);
    int r62 = html.indexOf("<tr id=\"req-R6.2\">");
    assertTrue(r62 > 0, html);
    assertTrue(
        html.substring(r62, html.indexOf("</tr>", r62)).contains("mqtt-trip/jvm-opens"), html);
  }
}
