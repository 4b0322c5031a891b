package io.coseiot.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The known peer quirks of {@code quirks.json} (one file, with evidence for each). A result that is
 * not as expected counts as a deviation, not a failure, only if a quirk of that peer matches every
 * condition in its {@code when} against the vector's facts.
 */
public final class Quirks {
  /**
   * One quirk.
   *
   * @param id its id
   * @param peer the peer it belongs to
   * @param summary one line
   * @param when the facts it applies to
   */
  public record Quirk(String id, String peer, String summary, JsonNode when) {}

  private final List<Quirk> quirks;

  private Quirks(List<Quirk> quirks) {
    this.quirks = List.copyOf(quirks);
  }

  /**
   * Loads the bundled {@code quirks.json}.
   *
   * @return the quirks
   */
  public static Quirks load() {
    try (InputStream in = Quirks.class.getResourceAsStream("quirks.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      List<Quirk> out = new ArrayList<>();
      for (JsonNode q : root.path("quirks")) {
        out.add(
            new Quirk(
                q.path("id").asText(),
                q.path("peer").asText(),
                q.path("summary").asText(),
                q.path("when")));
      }
      return new Quirks(out);
    } catch (IOException e) {
      throw new UncheckedIOException("quirks.json is unreadable", e);
    }
  }

  /**
   * Returns every quirk.
   *
   * @return the list
   */
  public List<Quirk> all() {
    return quirks;
  }

  /**
   * Finds the quirk that explains a result.
   *
   * @param peer the peer's name
   * @param facts the vector's facts (direction, structure, alg, tagged, nonce, negative, failure)
   * @return the quirk's id, or null if none matches
   */
  public String match(String peer, Map<String, Object> facts) {
    for (Quirk q : quirks) {
      if (q.peer().equals(peer) && matches(q.when(), facts)) {
        return q.id();
      }
    }
    return null;
  }

  private static boolean matches(JsonNode when, Map<String, Object> facts) {
    for (Iterator<Map.Entry<String, JsonNode>> it = when.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> c = it.next();
      Object fact = facts.get(c.getKey());
      if (fact == null) {
        return false;
      }
      boolean any = false;
      for (JsonNode allowed : c.getValue().isArray() ? c.getValue() : List.of(c.getValue())) {
        any |= allowed.asText().equals(String.valueOf(fact));
      }
      if (!any) {
        return false;
      }
    }
    return true;
  }
}
