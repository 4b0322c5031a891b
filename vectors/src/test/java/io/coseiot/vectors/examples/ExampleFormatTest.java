package io.coseiot.vectors.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coseiot.vectors.examples.ExampleResult.Status;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The runner on small Examples documents written for it (src/test/resources/examples-format; their
 * output bytes come from Python's cryptography package through make.py there): external AAD given
 * by a signer, and each case where the input cannot determine the bytes, which must be n/a with the
 * reason and never an exception or a failure.
 */
class ExampleFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ExampleRunner runner = new ExampleRunner();

  private static JsonNode document(String name) throws IOException {
    try (InputStream in = ExampleFormatTest.class.getResourceAsStream("/examples-format/" + name)) {
      return JSON.readTree(in);
    }
  }

  private ExampleResult run(JsonNode doc) {
    return runner.run(Example.of(Path.of("examples-format"), doc));
  }

  @Test
  void aSignersOwnExternalAadIsReadForVerifyingAndRebuilding() throws IOException {
    ExampleResult r = run(document("sign-signer-external.json"));
    assertEquals(Status.PASS, r.decode(), r.reason());
    assertEquals(Status.PASS, r.encode(), r.reason());
  }

  @Test
  void withoutTheSignersExternalAadItsSignatureDoesNotVerify() throws IOException {
    JsonNode doc = document("sign-signer-external.json");
    ((ObjectNode) doc.path("input").path("sign").path("signers").path(1)).remove("external");
    ExampleResult r = run(doc);
    assertEquals(Status.FAIL, r.decode());
    assertTrue(r.reason().contains("AuthenticationException"), r.reason());
  }

  @Test
  void theOlderCddlsAadOobIsTheStructuresExternalAad() throws IOException {
    JsonNode doc = document("sign-signer-external.json");
    ObjectNode sign = (ObjectNode) doc.path("input").path("sign");
    String outer = sign.remove("external").asText();
    sign.putObject("aad").put("oob", outer);
    ExampleResult r = run(doc);
    assertEquals(Status.PASS, r.decode(), r.reason());
    assertEquals(Status.PASS, r.encode(), r.reason());
  }

  @Test
  void aPreferredSign1IsRebuiltByteForByte() throws IOException {
    ExampleResult r = run(document("sign1-exact.json"));
    assertEquals(Status.PASS, r.decode(), r.reason());
    assertEquals(Status.PASS, r.encode(), r.reason());
  }

  @Test
  void aProtectedBucketNotInPreferredEncodingIsNotApplicable() throws IOException {
    assertNotApplicable(
        "sign1-not-preferred.json", "protected bucket of the body is not in preferred encoding");
  }

  @Test
  void aHeaderNameWithoutLabelIsNotApplicable() throws IOException {
    assertNotApplicable("sign1-unknown-label.json", "no label for: [frob]");
  }

  @Test
  void anAlgOutsideBothBucketsIsNotApplicable() throws IOException {
    assertNotApplicable("sign1-alg-outside.json", "outside its buckets");
  }

  @Test
  void protectedLabelsInAnotherOrderThanTheInputAreNotApplicable() throws IOException {
    assertNotApplicable("sign1-label-order.json", "orders its labels otherwise than the input");
  }

  @Test
  void anRngStreamThatRunsOutIsNotApplicable() throws IOException {
    assertNotApplicable("encrypt0-short-rng.json", "rng_stream ran out");
  }

  @Test
  void anInMessageAadIsSkippedAsJoseOnly() throws IOException {
    JsonNode doc = document("sign1-exact.json");
    ((ObjectNode) doc.path("input").path("sign0")).putObject("aad").put("inMessage", "01");
    ExampleResult r = run(doc);
    assertEquals(Status.SKIP, r.outcome());
    assertTrue(r.reason().contains("inMessage"), r.reason());
  }

  private void assertNotApplicable(String name, String because) throws IOException {
    ExampleResult r = run(document(name));
    assertEquals(Status.PASS, r.decode(), r.reason());
    assertEquals(Status.NOT_APPLICABLE, r.encode(), r.reason());
    assertTrue(r.reason().contains(because), r.reason());
  }
}
