package io.coseiot.tck;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coseiot.interop.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a {@code run} as {@code report.json}: the kit's version, the SHA-256 of every vector file
 * read and every outcome, so that two CI runs can be compared field by field.
 */
final class RunReport {
  /** The version of this file's layout; raised when a field changes meaning or goes away. */
  static final int FORMAT = 1;

  private RunReport() {}

  static void write(Matrix m, Path file) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("format", FORMAT).put("version", CoseTck.VERSION).put("unexpected", m.unexpected());
    ObjectNode suites = root.putObject("suites");
    for (Map.Entry<String, Path> e : m.roots.entrySet()) {
      ObjectNode files = suites.putObject(e.getKey()).putObject("sha256");
      for (Path f : vectorFiles(e.getValue())) {
        files.put(e.getValue().relativize(f).toString(), sha256(f));
      }
    }
    ArrayNode out = root.putArray("outcomes");
    for (Matrix.JvmResult r : m.jvm) {
      out.addObject()
          .put("suite", r.suite())
          .put("vector", r.vector())
          .put("peer", "jvm")
          .put("direction", "self")
          .put("verdict", r.status().name())
          .put("quirk", "")
          .put("detail", r.reason());
    }
    for (Outcome o : m.outcomes) {
      out.addObject()
          .put("suite", o.suite())
          .put("vector", o.vector())
          .put("peer", o.peer())
          .put("direction", o.direction())
          .put("verdict", o.verdict().name())
          .put("quirk", o.quirk())
          .put("detail", o.detail());
    }
    ObjectNode unavailable = root.putObject("unavailable");
    m.unavailable.forEach(unavailable::put);
    mapper.writeValue(file.toFile(), root);
  }

  /** The files the runners read: every {@code *.json} under the root, in a stable order. */
  private static List<Path> vectorFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(f -> Files.isRegularFile(f) && f.toString().endsWith(".json"))
          .sorted()
          .toList();
    }
  }

  private static String sha256(Path f) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
