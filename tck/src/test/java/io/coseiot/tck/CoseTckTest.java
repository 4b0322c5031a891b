package io.coseiot.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the command line in-process, as the launcher script would. */
class CoseTckTest {
  static final String EXAMPLE =
      "{\"title\":\"tiny\",\"input\":{\"plaintext\":\"hi\",\"sign0\":{\"protected\":"
          + "{\"alg\":\"HSS-LMS\"}}},\"output\":{\"cbor\":\"D2\"}}";

  private final StringWriter out = new StringWriter();

  private int tck(String... args) {
    return CoseTck.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter()), args);
  }

  private List<String> lines() {
    return out.toString().lines().toList();
  }

  private String lastLine() {
    List<String> l = lines();
    return l.get(l.size() - 1);
  }

  @Test
  void skippedExampleExitsZeroAndNamesTheAlgorithm(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("tiny.json"), EXAMPLE);
    Path report = dir.resolve("report.json");

    assertEquals(0, tck("examples", dir.toString(), "--json", report.toString()));

    assertEquals("0 passed, 0 failed, 1 skipped", lastLine());
    assertTrue(
        lines().get(0).startsWith("SKIP ") && lines().get(0).contains("(HSS-LMS)"), out.toString());
    JsonNode json = new ObjectMapper().readTree(report.toFile());
    JsonNode e = json.get("examples").get(0);
    assertEquals("tiny", e.get("title").asText());
    assertEquals("SKIP", e.get("decode").asText());
    assertEquals("SKIP", e.get("encode").asText());
    assertEquals("HSS-LMS", e.get("skippedFor").asText());
    assertTrue(e.get("file").asText().endsWith("tiny.json"));
    assertEquals(1, json.get("skipped").asInt());
  }

  @Test
  void fileThatIsNotJsonFails(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "this is not JSON");

    assertEquals(1, tck("examples", bad.toString()));

    assertEquals("0 passed, 1 failed, 0 skipped", lastLine());
    assertTrue(lines().get(0).startsWith("FAIL " + bad + ": not readable as JSON"), out.toString());
  }

  @Test
  void closingLineMatchesItsFormat(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.json"), EXAMPLE);
    Files.writeString(dir.resolve("b.json"), "[]");
    assertEquals(1, tck("examples", dir.toString()));
    assertTrue(lastLine().matches("\\d+ passed, \\d+ failed, \\d+ skipped"), lastLine());
  }

  @Test
  void runFindsTheSuiteUnderShared(@TempDir Path dir) throws Exception {
    Path suite = Files.createDirectories(dir.resolve("vectors/cose-wg-examples/x"));
    Files.writeString(suite.resolve("tiny.json"), EXAMPLE);
    Path report = dir.resolve("report");
    assertEquals(
        0,
        tck(
            "run",
            "--shared",
            dir.toString(),
            "--suite",
            "wg",
            "--no-peers",
            "--report",
            report.toString()));
    assertEquals("0 passed, 0 failed, 1 skipped", lastLine());
    assertTrue(Files.exists(report.resolve("index.html")));
    assertTrue(Files.exists(report.resolve("TEST-cose-tck.xml")));
  }

  @Test
  void runReportCarriesTheVersionAndTheDigestOfEveryVectorFile(@TempDir Path dir) throws Exception {
    Path wg = Files.createDirectories(dir.resolve("vectors/cose-wg-examples"));
    Path a = Files.createDirectories(wg.resolve("x")).resolve("tiny.json");
    Path b = Files.createDirectories(wg.resolve("y/z")).resolve("other.json");
    Files.writeString(a, EXAMPLE);
    Files.writeString(b, EXAMPLE.replace("\"tiny\"", "\"other\""));
    Path report = dir.resolve("report");
    tck("run", "--shared", dir.toString(), "--suite", "wg", "--no-peers", "--report", "" + report);

    JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
    assertEquals(CoseTck.VERSION, json.get("version").asText());
    assertEquals(1, json.get("format").asInt());
    JsonNode sha = json.get("suites").get("cose-wg-examples").get("sha256");
    assertEquals(2, sha.size(), sha.toString());
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    for (Path f : List.of(a, b)) {
      String want = HexFormat.of().formatHex(md.digest(Files.readAllBytes(f)));
      assertEquals(want, sha.get(wg.relativize(f).toString()).asText(), sha.toString());
    }
    JsonNode outcomes = json.get("outcomes");
    assertEquals(2, outcomes.size(), outcomes.toString());
    assertEquals("jvm", outcomes.get(0).get("peer").asText());
    assertEquals("SKIP", outcomes.get(0).get("verdict").asText());
  }

  @Test
  void usageErrors() {
    assertEquals(2, tck());
    assertEquals(2, tck("examples"));
    assertEquals(2, tck("run", "--shared", "/nonexistent"));
  }
}
