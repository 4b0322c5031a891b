package io.coseiot.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify --peer-command}, {@code run --peer NAME=CMD} and {@code --peers FILE} with a real
 * peer process: the interop module's misfit peer, which implements nothing honestly (every op
 * {@code unsupported}) and can misbehave once.
 */
class BringYourOwnPeerTest {
  private static final Path MISFIT =
      Path.of("../interop/src/test/resources/io/coseiot/interop/misfit_peer.py")
          .toAbsolutePath()
          .normalize();

  @TempDir Path dir;
  private Path vectors;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void vectors() {
    vectors = dir.resolve("device");
    assertEquals(0, tck("generate", "--out", vectors.toString(), "--profile", "device"));
    out.getBuffer().setLength(0);
  }

  private int tck(String... args) {
    return CoseTck.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
  }

  private String lastLine() {
    List<String> l = out.toString().lines().toList();
    return l.get(l.size() - 1);
  }

  private String misfit(String mode) {
    return "python3 '" + MISFIT + "' " + mode + " 5 '" + dir.resolve("flag") + "'";
  }

  @Test
  void theAdapterTemplateVerifiesHmacAsShipped() {
    Path template = Path.of("../interop/adapters/template/peer.py").toAbsolutePath().normalize();
    assertEquals(0, tck("verify", vectors.toString(), "--peer-command", "python3 " + template));
    // Its one op, verify_mac0 with HMAC 256/256, really verifies the generated Mac0 vectors.
    String row =
        out.toString()
            .lines()
            .filter(l -> l.matches("device +template +peer-opens .*"))
            .findFirst()
            .orElseThrow();
    int pass = Integer.parseInt(row.trim().split(" +")[3]);
    assertTrue(pass >= 30, row);
  }

  @Test
  void aPeerThatSupportsNothingFailsNothing() {
    assertEquals(0, tck("verify", vectors.toString(), "--peer-command", misfit("none")));
    // Named by its hello; every vector asked, each answered unsupported: n/a, not failed.
    assertTrue(out.toString().contains("misfit"), out.toString());
    assertTrue(lastLine().matches("\\d+ passed, 0 failed, \\d+ skipped"), lastLine());
  }

  @Test
  void aPeerThatPrintsGarbageFailsOneVectorWithItsStderrInTheReport() throws Exception {
    Path report = dir.resolve("report");
    assertEquals(
        1,
        tck(
            "verify",
            vectors.toString(),
            "--peer-command",
            misfit("garbage"),
            "--report",
            report.toString()));
    assertTrue(lastLine().matches("\\d+ passed, 1 failed, \\d+ skipped"), lastLine());
    assertTrue(out.toString().contains("restarted 1 times"), out.toString());
    String html = Files.readString(report.resolve("index.html"));
    assertTrue(html.contains("peer answered garbage: Traceback"), html);
    assertTrue(html.contains("stderr: misfit: going to garbage on request 6"), html);
    String junit = Files.readString(report.resolve("TEST-cose-tck.xml"));
    assertTrue(junit.contains("<failure message=\"error: peer answered garbage"), junit);
  }

  @Test
  void runTakesPeersAsNameEqualsCommand() {
    int rc =
        tck(
            "run",
            "--suite",
            "device",
            "--no-mqtt",
            "--report",
            dir.resolve("r").toString(),
            "--peer",
            "mine=" + misfit("hang"),
            "--peer-timeout",
            "2.5");
    assertEquals(1, rc);
    assertTrue(out.toString().contains("peer timed out after 2.5 s"), out.toString());
    assertTrue(lastLine().matches("\\d+ passed, 1 failed, \\d+ skipped"), lastLine());
  }

  @Test
  void runTakesAPeersFile() throws Exception {
    Path file = dir.resolve("peers.toml");
    Files.writeString(
        file,
        "[honest]\ncommand = [\"python3\", \""
            + MISFIT
            + "\", \"none\", \"1\", \"-\"]\ntimeout = 3\n");
    assertEquals(
        0,
        tck(
            "run",
            "--suite",
            "device",
            "--no-mqtt",
            "--report",
            dir.resolve("r").toString(),
            "--peers",
            file.toString(),
            "--peer",
            "honest"));
    assertTrue(out.toString().contains(" honest "), out.toString());
  }

  @Test
  void usageErrorsExitTwoAndSayWhy() throws Exception {
    Path file = dir.resolve("bad.toml");
    Files.writeString(file, "[x]\ncommand = \"not a list\"\n");
    assertEquals(2, tck("run", "--no-mqtt", "--suite", "device", "--peers", file.toString()));
    assertTrue(err.toString().contains(file + ":2: command: expected a non-empty list"), err());
    assertEquals(2, tck("run", "--no-mqtt", "--suite", "device", "--peer", "nobody"));
    assertTrue(err.toString().contains("unknown peer nobody; known: pycose, cose-java"), err());
    assertEquals(2, tck("verify", vectors.toString()));
    assertEquals(2, tck("verify", vectors.toString(), "--peer", "pycose", "--peer-command", "x"));
    assertEquals(2, tck("verify", vectors.toString(), "--peer-command", "'unclosed"));
    assertTrue(err.toString().contains("unclosed ' in command"), err());
  }

  private String err() {
    return err.toString();
  }

  @Test
  void helpAndVersion() {
    for (String cmd : List.of("run", "verify", "peers")) {
      out.getBuffer().setLength(0);
      assertEquals(0, tck(cmd, "--version"));
      assertEquals("cose-tck 0.1.0", out.toString().strip());
    }
    out.getBuffer().setLength(0);
    assertEquals(0, tck("verify", "--help"));
    assertTrue(out.toString().contains("--peer-command"), out.toString());
    assertTrue(out.toString().contains("2 on usage errors."), out.toString());
  }
}
