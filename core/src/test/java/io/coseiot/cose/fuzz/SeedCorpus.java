package io.coseiot.cose.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.CoseKeySet;
import io.coseiot.cose.key.Jwk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes the seed corpus of core's fuzz tests from the COSE WG examples: each example's message
 * under the target of its structure, each distinct key as a COSE_Key seed and each example's keys
 * as a COSE_KeySet seed. At most {@link #PER_TARGET} per target, spread over the example folders.
 * Run by {@code scripts/fuzz-seeds}; its output is committed, so the build needs no vectors.
 */
public final class SeedCorpus {
  /** Seeds kept per target: enough to cover each structure's variants, few enough to run fast. */
  static final int PER_TARGET = 30;

  /** The examples' name for a structure, and the target that fuzzes it. */
  private static final Map<String, String> TARGETS =
      Map.of(
          "encrypted", "encrypt0",
          "enveloped", "encrypt",
          "sign0", "sign1",
          "sign", "sign",
          "mac0", "mac0",
          "mac", "mac");

  private SeedCorpus() {}

  /**
   * Writes the corpus.
   *
   * @param args the cose-wg-examples folder, and core's {@code src/test/resources}
   * @throws IOException if reading or writing fails
   */
  public static void main(String[] args) throws IOException {
    Path examples = Path.of(args[0]);
    Path resources = Path.of(args[1]);
    Map<String, Map<String, byte[]>> seeds = new TreeMap<>();
    ObjectMapper json = new ObjectMapper();
    List<Path> files;
    try (Stream<Path> s = Files.walk(examples)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    for (Path f : files) {
      JsonNode doc = json.readTree(f.toFile());
      String slug = examples.relativize(f).toString().replace(".json", "").replace('/', '-');
      JsonNode cbor = doc.path("output").path("cbor");
      String target = target(doc.path("input"));
      if (cbor.isTextual() && target != null) {
        add(seeds, "message/MessageFuzzTestInputs/" + target, slug, hex(cbor.asText()));
      }
      List<CoseKey> keys = new ArrayList<>();
      collectKeys(doc, keys);
      for (CoseKey k : keys) {
        byte[] b = k.encode();
        add(seeds, "key/KeyFuzzTestInputs/coseKey", "key-" + digest(b), b);
      }
      if (!keys.isEmpty()) {
        add(seeds, "key/KeyFuzzTestInputs/coseKeySet", slug, CoseKeySet.of(keys).encode());
      }
    }
    for (Map.Entry<String, Map<String, byte[]>> t : seeds.entrySet()) {
      Path dir = resources.resolve("io/coseiot/cose").resolve(t.getKey());
      Files.createDirectories(dir);
      List<Map.Entry<String, byte[]>> all = new ArrayList<>(t.getValue().entrySet());
      int kept = 0;
      for (int i = 0; i < all.size() && kept < PER_TARGET; i++) {
        // Every n-th, so that each folder of examples (each algorithm family) has its seeds.
        if (i * Math.min(PER_TARGET, all.size()) / all.size() == kept) {
          Files.write(dir.resolve(all.get(i).getKey()), all.get(i).getValue());
          kept++;
        }
      }
      System.out.println(dir + ": " + kept + " of " + all.size());
    }
  }

  private static String target(JsonNode input) {
    for (Map.Entry<String, String> e : TARGETS.entrySet()) {
      if (input.has(e.getKey())) {
        return e.getValue();
      }
    }
    return null;
  }

  /** Every object with a {@code kty} that reads as a key; others (HSS-LMS, ...) are left out. */
  private static void collectKeys(JsonNode n, List<CoseKey> out) {
    if (n.isObject() && n.has("kty")) {
      try {
        CoseKey k = Jwk.fromJwk(n.toString());
        if (!out.contains(k)) {
          out.add(k);
        }
      } catch (KeyException e) {
        return;
      }
    }
    n.elements().forEachRemaining(c -> collectKeys(c, out));
  }

  private static void add(
      Map<String, Map<String, byte[]>> seeds, String dir, String name, byte[] b) {
    seeds.computeIfAbsent(dir, d -> new LinkedHashMap<>()).putIfAbsent(name, b);
  }

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  private static String digest(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b), 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
