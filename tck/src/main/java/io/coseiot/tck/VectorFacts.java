package io.coseiot.tck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the HTML report shows of a vector file: its expected bytes ({@code output.cbor}), their
 * diagnostic notation when the vector's author gave it ({@code output.cbor_diag}) and the profile
 * requirement ids it names ({@code coseiot.mqtt.requirements}). Read once per vector.
 */
final class VectorFacts {
  /** One vector's facts; {@code cborHex} and {@code diagnostic} are empty when not given. */
  record Facts(String cborHex, String diagnostic, List<String> requirements) {}

  private static final Facts NONE = new Facts("", "", List.of());
  private final ObjectMapper mapper = new ObjectMapper();
  private final Map<String, Path> roots;
  private final Map<String, Facts> cache = new HashMap<>();

  VectorFacts(Map<String, Path> roots) {
    this.roots = roots;
  }

  /** The facts of a suite's vector; none for a suite without files (the MQTT round trips). */
  Facts of(String suite, String vector) {
    Path root = roots.get(suite);
    if (root == null) {
      return NONE;
    }
    return cache.computeIfAbsent(suite + "/" + vector, k -> read(root.resolve(vector)));
  }

  private Facts read(Path file) {
    try {
      JsonNode j = mapper.readTree(file.toFile());
      List<String> ids = new ArrayList<>();
      j.at("/coseiot/mqtt/requirements").forEach(id -> ids.add(id.asText()));
      JsonNode cbor = j.at("/output/cbor");
      return new Facts(
          cbor.isTextual() ? cbor.asText().toLowerCase() : "",
          j.at("/output/cbor_diag").asText(""),
          ids);
    } catch (IOException | RuntimeException e) {
      // The runner already reported an unreadable file as a failure; the page shows no bytes.
      return NONE;
    }
  }
}
