package io.coseiot.vectors.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Locates the shared Examples suite and walks the JSON objects inside each example. */
final class SharedSuite {
  private SharedSuite() {}

  /** The suite folder, from the {@code cose.shared.dir} property that surefire passes. */
  static Path examplesDir() {
    Path dir =
        Path.of(System.getProperty("cose.shared.dir", "../../shared"))
            .resolve("vectors/cose-wg-examples");
    assertTrue(Files.isDirectory(dir), "shared Examples suite not found at " + dir);
    return dir;
  }

  /** Loads the whole suite. */
  static List<ExampleLoader.Entry> load() {
    return new ExampleLoader().loadAll(List.of(examplesDir()));
  }

  /** Every object held under one of the given field names, at any depth. */
  static List<JsonNode> objectsUnder(JsonNode node, List<String> fieldNames) {
    List<JsonNode> out = new ArrayList<>();
    collect(node, fieldNames, out);
    return out;
  }

  private static void collect(JsonNode node, List<String> names, List<JsonNode> out) {
    node.fields()
        .forEachRemaining(
            f -> {
              if (names.contains(f.getKey()) && f.getValue().isObject()) {
                out.add(f.getValue());
              }
            });
    for (JsonNode child : node) {
      collect(child, names, out);
    }
  }
}
