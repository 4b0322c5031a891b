package io.coseiot.vectors.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleLoaderTest {
  private static final String SIGN1 =
      "{\"title\":\"t\",\"fail\":true,\"input\":{\"plaintext_hex\":\"0102\",\"sign0\":{"
          + "\"external\":\"aa\"},\"rng_stream\":[\"01\",\"0203\"],\"failures\":{\"ChangeTag\":1}},"
          + "\"output\":{\"cbor\":\"D2\"}}";

  @Test
  void loadsSortedAndReportsBadFiles(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("b"));
    Files.writeString(dir.resolve("b/z.json"), SIGN1);
    Files.writeString(dir.resolve("a.json"), "not json {");
    Files.writeString(dir.resolve("c.json"), "{\"title\":\"x\",\"input\":{\"plaintext\":\"\"}}");
    Files.writeString(dir.resolve("ignored.txt"), "x");

    List<ExampleLoader.Entry> entries =
        new ExampleLoader().loadAll(List.of(dir, dir.resolve("missing")));

    assertEquals(4, entries.size());
    assertTrue(entries.get(0).error().startsWith("not readable as JSON"));
    assertFalse(entries.get(1).isError(), entries.get(1).error());
    assertEquals(dir.resolve("b/z.json"), entries.get(1).path());
    assertTrue(entries.get(2).error().contains("no known COSE structure"));
    assertEquals("no such file or folder", entries.get(3).error());
  }

  @Test
  void exposesTheExampleFields(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("e.json");
    Files.writeString(f, SIGN1);
    Example e = new ExampleLoader().load(f).example();
    assertEquals(Structure.SIGN0, e.structure());
    assertTrue(e.fail());
    assertFalse(e.detached());
    assertArrayEquals(new byte[] {1, 2}, e.plaintext());
    assertArrayEquals(new byte[] {(byte) 0xAA}, e.externalAad());
    assertArrayEquals(new byte[] {(byte) 0xD2}, e.outputCbor());
    assertEquals(2, e.rngStream().size());
    assertEquals(1, e.failures().path("ChangeTag").asInt());
  }

  @Test
  void rngStreamReplaysInOrderThenRunsOut(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("e.json");
    Files.writeString(f, SIGN1);
    RngStream rng = new ExampleLoader().load(f).example().rng();
    byte[] two = new byte[2];
    rng.nextBytes(two);
    assertArrayEquals(new byte[] {1, 2}, two);
    assertEquals(1, rng.remaining());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> rng.nextBytes(two));
    assertTrue(e.getMessage().contains("e.json"), e.getMessage());
  }
}
