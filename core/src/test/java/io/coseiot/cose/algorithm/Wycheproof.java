package io.coseiot.cose.algorithm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Reads Wycheproof test vector files from {@code ../shared/vectors/wycheproof}. */
final class Wycheproof {
  private Wycheproof() {}

  /** One test case together with the group it belongs to. */
  record Case(JsonNode group, JsonNode test) {
    int id() {
      return test.get("tcId").asInt();
    }

    String result() {
      return test.get("result").asText();
    }

    boolean valid() {
      return "valid".equals(result());
    }

    boolean acceptable() {
      return "acceptable".equals(result());
    }

    byte[] hex(String field) {
      return HexFormat.of().parseHex(test.get(field).asText());
    }

    byte[] groupHex(String field) {
      return HexFormat.of().parseHex(group.get(field).asText());
    }

    @Override
    public String toString() {
      return "tcId " + id() + " (" + test.get("comment").asText() + ")";
    }
  }

  static Path dir() {
    String shared = System.getProperty("cose.shared.dir", "../shared");
    return Path.of(shared, "vectors", "wycheproof");
  }

  /** Loads every test case of one file. */
  static List<Case> load(String fileName) throws IOException {
    JsonNode root = new ObjectMapper().readTree(Files.readAllBytes(dir().resolve(fileName)));
    List<Case> out = new ArrayList<>();
    for (JsonNode group : root.get("testGroups")) {
      for (JsonNode test : group.get("tests")) {
        out.add(new Case(group, test));
      }
    }
    return out;
  }
}
