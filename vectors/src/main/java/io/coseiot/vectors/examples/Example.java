package io.coseiot.vectors.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * One file of the COSE WG Examples suite, read but not yet run. JSON subtrees are handed out as
 * copies, so an example never changes after it is parsed.
 */
public final class Example {
  private static final byte[] NO_BYTES = new byte[0];

  private final Path source;
  private final String title;
  private final boolean fail;
  private final JsonNode input;
  private final Structure structure;
  private final byte[] plaintext;
  private final JsonNode intermediates;
  private final byte[] outputCbor;
  private final List<byte[]> rngStream;
  private final JsonNode extension;

  private Example(Path source, JsonNode root, Structure structure) {
    this.source = source;
    this.title = root.path("title").asText("");
    this.fail = root.path("fail").asBoolean(false);
    this.input = root.get("input").deepCopy();
    this.structure = structure;
    this.plaintext = plaintextOf(input);
    this.intermediates = root.path("intermediates").deepCopy();
    JsonNode cbor = root.path("output").path("cbor");
    this.outputCbor = cbor.isTextual() ? Bytes.hex(cbor.asText()) : null;
    List<byte[]> rng = new ArrayList<>();
    for (JsonNode chunk : input.path("rng_stream")) {
      rng.add(Bytes.hex(chunk.asText()));
    }
    this.rngStream = List.copyOf(rng);
    this.extension = root.path("coseiot").deepCopy();
  }

  /**
   * Reads an example from its parsed JSON.
   *
   * @param source the file it came from, kept for reports
   * @param root the whole JSON document
   * @return the example
   * @throws IllegalArgumentException if the document is not an example: no {@code input}, no or
   *     several structures, no plaintext, or a hex field that is not hex
   */
  public static Example of(Path source, JsonNode root) {
    JsonNode input = root.get("input");
    if (input == null || !input.isObject()) {
      throw new IllegalArgumentException("no input object");
    }
    Structure found = null;
    for (Structure s : Structure.values()) {
      if (input.has(s.jsonKey())) {
        if (found != null) {
          throw new IllegalArgumentException(
              "input has both " + found.jsonKey() + " and " + s.jsonKey());
        }
        found = s;
      }
    }
    if (found == null) {
      throw new IllegalArgumentException("input names no known COSE structure");
    }
    return new Example(source, root, found);
  }

  private static byte[] plaintextOf(JsonNode input) {
    if (input.hasNonNull("plaintext_hex")) {
      return Bytes.hex(input.get("plaintext_hex").asText());
    }
    if (input.hasNonNull("plaintext")) {
      return input.get("plaintext").asText().getBytes(StandardCharsets.UTF_8);
    }
    throw new IllegalArgumentException("input has neither plaintext nor plaintext_hex");
  }

  /**
   * Returns the file the example was read from.
   *
   * @return the path as it was found
   */
  public Path source() {
    return source;
  }

  /**
   * Returns the one-line summary.
   *
   * @return the title, empty if absent
   */
  public String title() {
    return title;
  }

  /**
   * Returns whether the example must be rejected ({@code "fail": true}).
   *
   * @return true for a failure test
   */
  public boolean fail() {
    return fail;
  }

  /**
   * Returns the whole {@code input} subtree.
   *
   * @return a copy
   */
  public JsonNode input() {
    return input.deepCopy();
  }

  /**
   * Returns which structure the example builds.
   *
   * @return the structure
   */
  public Structure structure() {
    return structure;
  }

  /**
   * Returns the structure's parameters: headers, {@code alg}, {@code recipients} or {@code
   * signers}, {@code countersign}, {@code external}.
   *
   * @return a copy of {@code input.<structure>}
   */
  public JsonNode structureInput() {
    return input.get(structure.jsonKey()).deepCopy();
  }

  /**
   * Returns the content.
   *
   * @return a copy of {@code plaintext} as UTF-8, or of {@code plaintext_hex}
   */
  public byte[] plaintext() {
    return plaintext.clone();
  }

  /**
   * Returns whether the content travels apart from the message ({@code input.detached}).
   *
   * @return true for detached content
   */
  public boolean detached() {
    return input.path("detached").asBoolean(false);
  }

  /**
   * Returns the externally supplied additional data of the structure: its {@code external} (hex),
   * or {@code aad.oob} of the older examples.cddl. Signers, recipients and countersigners may give
   * their own, which then applies to what they compute.
   *
   * @return the bytes, empty if absent
   */
  public byte[] externalAad() {
    return ExampleInputs.external(input.get(structure.jsonKey()), NO_BYTES);
  }

  /**
   * Returns the intermediate values the generator recorded (ToBeSign_hex, CEK_hex, AAD_hex...).
   *
   * @return a copy, an empty object if absent
   */
  public JsonNode intermediates() {
    return intermediates.isMissingNode()
        ? JsonNodeFactory.instance.objectNode()
        : intermediates.deepCopy();
  }

  /**
   * Returns the expected message, {@code output.cbor} decoded from hex.
   *
   * @return a copy of the bytes, or null if the example has none
   */
  public byte[] outputCbor() {
    return outputCbor == null ? null : outputCbor.clone();
  }

  /**
   * Returns the random bytes the generator drew, one entry per draw, in order.
   *
   * @return copies of the {@code rng_stream} entries, empty if absent
   */
  public List<byte[]> rngStream() {
    List<byte[]> out = new ArrayList<>(rngStream.size());
    rngStream.forEach(b -> out.add(b.clone()));
    return out;
  }

  /**
   * Returns a random source that replays {@link #rngStream()}.
   *
   * @return a fresh stream positioned at the first byte
   */
  public RngStream rng() {
    return new RngStream(source.toString(), rngStream);
  }

  /**
   * Returns the changes applied to make a failure test ({@code input.failures}), such as {@code
   * ChangeTag} or {@code RemoveCBORTag}; recipients and signers may carry their own.
   *
   * @return a copy, an empty object if absent
   */
  public JsonNode failures() {
    JsonNode f = input.get("failures");
    return f == null ? JsonNodeFactory.instance.objectNode() : f.deepCopy();
  }

  /**
   * Returns every {@code alg} name used anywhere in the input: the structure, its headers,
   * recipients at any depth, signers and countersigners. Values under {@code failures}, which are
   * deliberately wrong, are left out.
   *
   * @return the distinct names, sorted
   */
  public List<String> algorithmNames() {
    TreeSet<String> names = new TreeSet<>();
    collectAlgorithms(input, names);
    return List.copyOf(names);
  }

  private static void collectAlgorithms(JsonNode node, TreeSet<String> names) {
    JsonNode alg = node.get("alg");
    if (alg != null && alg.isValueNode()) {
      names.add(alg.asText());
    }
    node.fields()
        .forEachRemaining(
            f -> {
              if (!f.getKey().equals("failures")) {
                collectAlgorithms(f.getValue(), names);
              }
            });
    if (node.isArray()) {
      node.forEach(child -> collectAlgorithms(child, names));
    }
  }

  /**
   * Returns the cose-iot extension of a generated vector ({@code coseiot}: profile, options,
   * failure kind, MQTT context; see docs/vectors.md).
   *
   * @return a copy, an empty object for a vector without it
   */
  public JsonNode extension() {
    return extension.isMissingNode() ? JsonNodeFactory.instance.objectNode() : extension.deepCopy();
  }

  @Override
  public String toString() {
    return source + " (" + structure.coseName() + "): " + title;
  }
}
