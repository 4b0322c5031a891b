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
 * <p>An example that uses an algorithm the library does not implement is skipped, naming it. The
 * rebuild is "not applicable" with the reason when the input cannot determine the bytes: a
 * randomized algorithm, a protected bucket not in preferred encoding, header names without a label
 * here, an {@code alg} outside both buckets, or an {@code rng_stream} that runs out.
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
    String jose = inMessageAad(example.input());
    if (jose != null) {
      return new ExampleResult(file, title, Status.SKIP, Status.SKIP, jose);
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
    String limit = RebuildLimits.beforeRebuild(example);
    if (limit != null) {
      return new ExampleResult(file, title, Status.PASS, Status.NOT_APPLICABLE, limit);
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
            : mismatch(example, file, title, reencoded, rebuilt, " even up to map order");
      }
      if (!Arrays.equals(rebuilt, out)) {
        return mismatch(example, file, title, out, rebuilt, "");
      }
      return new ExampleResult(file, title, Status.PASS, Status.PASS, null);
    } catch (CoseException | RuntimeException e) {
      RngExhaustedException ran = rngExhausted(e);
      return ran != null
          ? new ExampleResult(
              file,
              title,
              Status.PASS,
              Status.NOT_APPLICABLE,
              "the input cannot determine the bytes: " + ran.getMessage())
          : new ExampleResult(file, title, Status.PASS, Status.FAIL, "encode: " + e);
    }
  }

  /** A rebuild that differs: n/a if the input could not have given the bytes, else a failure. */
  private static ExampleResult mismatch(
      Example example, String file, String title, byte[] out, byte[] rebuilt, String qualifier) {
    String why = RebuildLimits.afterMismatch(example, out, rebuilt);
    return why != null
        ? new ExampleResult(
            file,
            title,
            Status.PASS,
            Status.NOT_APPLICABLE,
            "the input cannot determine the bytes: " + why)
        : new ExampleResult(
            file,
            title,
            Status.PASS,
            Status.FAIL,
            "rebuilt message differs from output.cbor" + qualifier);
  }

  /** The stream's exhaustion, also where a JCA provider wrapped it. */
  private static RngExhaustedException rngExhausted(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RngExhaustedException r) {
        return r;
      }
    }
    return null;
  }

  /** The older examples.cddl's {@code aad.inMessage}: JOSE's in-message AAD, which COSE lacks. */
  private static String inMessageAad(JsonNode node) {
    JsonNode in = node.path("aad").path("inMessage");
    if (!in.isMissingNode() && !in.asText().isEmpty()) {
      return "aad.inMessage is JOSE's AAD sent in the message, which COSE has no place for";
    }
    for (JsonNode child : node) {
      String found = child.isContainerNode() ? inMessageAad(child) : null;
      if (found != null) {
        return found;
      }
    }
    return null;
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
      boolean eddsa = a == Algorithm.EDDSA || a == Algorithm.ED25519 || a == Algorithm.ED448;
      boolean randomSignature = a.kind() == Algorithm.Kind.SIGNATURE && !eddsa;
      if (randomSignature || a.kind() == Algorithm.Kind.KEY_TRANSPORT) {
        return name;
      }
    }
    return null;
  }
}
