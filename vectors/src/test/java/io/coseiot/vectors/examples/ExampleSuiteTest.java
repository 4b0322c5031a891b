package io.coseiot.vectors.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.cose.key.CoseKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Reads the whole shared Examples suite and converts every key and header object in it. */
class ExampleSuiteTest {
  private static final List<String> KEYS = List.of("key", "sender_key", "epk", "spk");
  // Header objects: the three buckets, and the failure edits that replace or add headers.
  private static final List<String> BUCKETS =
      List.of(
          "protected", "unprotected", "unsent", "ChangeAttr", "AddProtected", "RemoveProtected");
  private static final CBORObject ALG = CBORObject.FromObject(HeaderLabel.ALG);

  @Test
  void everyFileLoads() {
    List<ExampleLoader.Entry> entries = SharedSuite.load();
    assertTrue(entries.size() > 200, "only " + entries.size() + " files");
    for (ExampleLoader.Entry e : entries) {
      assertFalse(e.isError(), e.path() + ": " + e.error());
      assertNotNull(e.example().outputCbor(), e.path() + " has no output.cbor");
    }
  }

  @Test
  void everyKeyConverts() throws KeyException {
    int keys = 0;
    for (ExampleLoader.Entry e : SharedSuite.load()) {
      for (JsonNode key : SharedSuite.objectsUnder(e.example().input(), KEYS)) {
        // Hash-based signature keys have no COSE_Key type here; they must fail cleanly.
        if (key.path("kty").asText().equals("HSS-LMS")) {
          assertThrows(KeyException.class, () -> ExampleKeys.toCoseKey(key), e.path().toString());
          continue;
        }
        CoseKey k = ExampleKeys.toCoseKey(key);
        assertTrue(k.labels().size() > 1, e.path() + ": empty key " + key);
        keys++;
      }
    }
    assertTrue(keys > 200, "only " + keys + " keys");
  }

  @Test
  void everyHeaderObjectConverts() throws CoseException {
    Set<String> textLabels = new TreeSet<>();
    Set<String> unknownAlgs = new TreeSet<>();
    Set<String> text = new TreeSet<>();
    for (ExampleLoader.Entry e : SharedSuite.load()) {
      for (JsonNode bucket : SharedSuite.objectsUnder(e.example().input(), BUCKETS)) {
        HeaderMap map = ExampleHeaders.toHeaderMap(bucket);
        assertEquals(bucket.size(), map.size(), e.path() + ": " + bucket);
        map.labels().stream()
            .filter(String.class::isInstance)
            .forEach(l -> textLabels.add((String) l));
        CBORObject alg = map.get(HeaderLabel.ALG);
        if (alg != null && !alg.isNumber()) {
          text.add(alg.AsString());
        }
      }
      e.example().algorithmNames().stream()
          .filter(n -> ExampleAlgorithms.id(n) == null)
          .forEach(unknownAlgs::add);
    }
    assertEquals(Set.of(), unknownAlgs);
    // Only the failure tests name algorithms that do not exist; those must stay text.
    assertEquals(Set.of("Unknown", "unknown"), text);
    // Anything beyond these means the suite uses a name this converter does not know.
    assertEquals(
        Set.of("reserved", ExampleHeaders.PUB_OTHER, ExampleHeaders.PRIV_OTHER, "compressed"),
        textLabels);
  }

  /** The alg the JSON asks for must be the alg the generator wrote into output.cbor. */
  @Test
  void algorithmIdsMatchTheOutputs() throws CoseException {
    int checked = 0;
    for (ExampleLoader.Entry e : SharedSuite.load()) {
      Example ex = e.example();
      if (ex.fail()) {
        continue;
      }
      CBORObject message = CBORObject.DecodeFromBytes(ex.outputCbor());
      JsonNode in = ex.structureInput();
      checked += compareAlg(in, message, ex);
      int nested =
          switch (ex.structure()) {
            case ENVELOPED, SIGN -> 3;
            case MAC -> 4;
            default -> -1;
          };
      JsonNode children = in.has("signers") ? in.get("signers") : in.path("recipients");
      for (int i = 0; nested >= 0 && i < children.size(); i++) {
        checked += compareAlg(children.get(i), message.get(nested).get(i), ex);
      }
    }
    assertTrue(checked > 300, "only " + checked + " algs compared");
  }

  private static int compareAlg(JsonNode holder, CBORObject structure, Example ex)
      throws CoseException {
    List<CBORObject> expected = new ArrayList<>();
    for (String bucket : List.of("protected", "unprotected")) {
      CBORObject alg = ExampleHeaders.bucket(holder, bucket).get(HeaderLabel.ALG);
      if (alg != null) {
        expected.add(alg);
      }
    }
    if (expected.isEmpty()) {
      return 0;
    }
    byte[] prot = structure.get(0).GetByteString();
    CBORObject sent = prot.length > 0 ? CBORObject.DecodeFromBytes(prot).get(ALG) : null;
    if (sent == null) {
      sent = structure.get(1).get(ALG);
    }
    if (sent == null) {
      fail(ex.source() + ": no alg in output");
    }
    assertEquals(expected.get(0), sent, ex.source().toString());
    return 1;
  }
}
