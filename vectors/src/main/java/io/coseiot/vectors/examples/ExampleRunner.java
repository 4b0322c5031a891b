package io.coseiot.vectors.examples;

import com.fasterxml.jackson.databind.JsonNode;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.vectors.examples.ExampleResult.Status;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs one COSE WG example against the core library, in two checks:
 *
 * <ol>
 *   <li>decode: open {@code output.cbor} with the input's keys and check content, signatures, MACs
 *       and countersignatures; a {@code "fail": true} example passes only if this is refused with
 *       the library's own exception family;
 *   <li>encode: where every algorithm is deterministic given the example's randomness, and the
 *       output is in the deterministic form this library writes (decoding and re-encoding it gives
 *       the same bytes), rebuild the message from the input and compare byte for byte.
 * </ol>
 *
 * <p>An example that uses an algorithm the library does not implement is skipped, naming it.
 */
public final class ExampleRunner {
  /** Creates a runner. */
  public ExampleRunner() {}

  /**
   * Runs one example.
   *
   * @param example the example
   * @return its result
   */
  public ExampleResult run(Example example) {
    String file = example.source().toString();
    String title = example.title();
    List<String> missing = unimplemented(example);
    if (!missing.isEmpty()) {
      String reason = "algorithm not implemented: " + String.join(", ", missing);
      return new ExampleResult(file, title, Status.SKIP, Status.SKIP, reason);
    }
    if (example.outputCbor() == null) {
      return new ExampleResult(file, title, Status.FAIL, Status.SKIP, "example has no output.cbor");
    }
    String decodeFailure = decode(example);
    if (example.fail()) {
      return decodeFailure == null
          ? new ExampleResult(
              file, title, Status.FAIL, Status.NOT_APPLICABLE, "accepted a failure example")
          : decodeFailure.startsWith("crash")
              ? new ExampleResult(file, title, Status.FAIL, Status.NOT_APPLICABLE, decodeFailure)
              : new ExampleResult(file, title, Status.PASS, Status.NOT_APPLICABLE, decodeFailure);
    }
    if (decodeFailure != null) {
      return new ExampleResult(file, title, Status.FAIL, Status.SKIP, "decode: " + decodeFailure);
    }
    return encode(example, file, title);
  }

  /** Returns null if decoding checks out, else why not ("crash: ..." for a foreign exception). */
  private static String decode(Example example) {
    try {
      ExampleMessages.decodeAndCheck(example);
      return null;
    } catch (CoseException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    } catch (RuntimeException e) {
      return "crash: " + e;
    }
  }

  private static ExampleResult encode(Example example, String file, String title) {
    String randomized = randomizedAlgorithm(example);
    if (randomized != null) {
      return new ExampleResult(
          file, title, Status.PASS, Status.NOT_APPLICABLE, randomized + " is randomized");
    }
    if (nestedRecipients(example.structureInput())) {
      return new ExampleResult(
          file,
          title,
          Status.PASS,
          Status.NOT_APPLICABLE,
          "the library decodes nested recipients but does not build them");
    }
    byte[] out = example.outputCbor();
    try {
      byte[] reencoded = ExampleMessages.reencode(example);
      boolean tagged = (out[0] & 0xE0) == 0xC0;
      byte[] rebuilt = ExampleMessages.rebuild(example, tagged);
      if (!Arrays.equals(reencoded, out)) {
        // The byte-for-byte check does not apply, but the rebuilt message must still equal the
        // output once both are in deterministic form (the same content, keys and tags).
        return Arrays.equals(rebuilt, reencoded)
            ? new ExampleResult(
                file,
                title,
                Status.PASS,
                Status.NOT_APPLICABLE,
                "output not in deterministic form; rebuilt message equals it up to map order")
            : new ExampleResult(
                file,
                title,
                Status.PASS,
                Status.FAIL,
                "rebuilt message differs from the output even up to map order");
      }
      if (!Arrays.equals(rebuilt, out)) {
        return new ExampleResult(
            file, title, Status.PASS, Status.FAIL, "rebuilt message differs from output.cbor");
      }
      return new ExampleResult(file, title, Status.PASS, Status.PASS, null);
    } catch (CoseException | RuntimeException e) {
      return new ExampleResult(file, title, Status.PASS, Status.FAIL, "encode: " + e);
    }
  }

  private static boolean nestedRecipients(JsonNode structure) {
    for (JsonNode r : structure.path("recipients")) {
      if (r.has("recipients")) {
        return true;
      }
    }
    return false;
  }

  private static List<String> unimplemented(Example example) {
    List<String> out = new ArrayList<>();
    for (String name : example.algorithmNames()) {
      if (ExampleAlgorithms.algorithm(name) == null) {
        out.add(name);
      }
    }
    return out;
  }

  /** Returns the first algorithm whose output depends on randomness the example does not give. */
  private static String randomizedAlgorithm(Example example) {
    for (String name : example.algorithmNames()) {
      Algorithm a = ExampleAlgorithms.algorithm(name);
      boolean randomSignature = a.kind() == Algorithm.Kind.SIGNATURE && a != Algorithm.EDDSA;
      if (randomSignature || a.kind() == Algorithm.Kind.KEY_TRANSPORT) {
        return name;
      }
    }
    return null;
  }
}
