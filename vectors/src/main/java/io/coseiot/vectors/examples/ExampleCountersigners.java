package io.coseiot.vectors.examples;

import com.fasterxml.jackson.databind.JsonNode;
import io.coseiot.cose.exception.AuthenticationException;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.message.CoseStructure;
import io.coseiot.cose.message.Countersignature;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies and re-creates the countersignatures an example asks for on one structure: {@code
 * countersign} (full, label 7) and {@code countersign0} (abbreviated, label 9), both in the RFC
 * 8152 form the Examples use. A countersigner's own {@code external} replaces the external AAD of
 * the structure it signs.
 */
final class ExampleCountersigners {
  private ExampleCountersigners() {}

  /** Checks that every countersigner of {@code holder} has a verifying countersignature. */
  static void verify(CoseStructure<?> target, JsonNode holder, byte[] externalAad)
      throws CoseException {
    List<Countersignature> full = new ArrayList<>();
    List<Countersignature> abbreviated = new ArrayList<>();
    for (Countersignature cs : target.countersignatures()) {
      (cs.abbreviated() ? abbreviated : full).add(cs);
    }
    check(target, holder.path("countersign").path("signers"), full, false, externalAad);
    check(target, holder.path("countersign0").path("signers"), abbreviated, true, externalAad);
  }

  private static void check(
      CoseStructure<?> target,
      JsonNode signers,
      List<Countersignature> found,
      boolean abbreviated,
      byte[] externalAad)
      throws CoseException {
    if (signers.size() != found.size()) {
      throw new AuthenticationException(
          "expected " + signers.size() + " countersignature(s), found " + found.size());
    }
    for (int i = 0; i < signers.size(); i++) {
      JsonNode s = signers.get(i);
      target.verifyCountersignature(
          ExampleInputs.key(s, null),
          found.get(i),
          ExampleInputs.external(s, externalAad),
          abbreviated ? ExampleInputs.unsentAlgorithm(s) : null);
    }
  }

  /** Adds the countersignatures {@code holder} asks for, in the order it lists them. */
  static <T extends CoseStructure<T>> T apply(T target, JsonNode holder, byte[] externalAad)
      throws CoseException {
    T out = target;
    for (JsonNode s : holder.path("countersign").path("signers")) {
      out =
          out.countersign(
              ExampleInputs.key(s, null),
              ExampleInputs.external(s, externalAad),
              Countersignature.Version.RFC8152,
              ExampleInputs.headers(s),
              null);
    }
    for (JsonNode s : holder.path("countersign0").path("signers")) {
      out =
          out.countersign(
              ExampleInputs.key(s, null),
              ExampleInputs.external(s, externalAad),
              Countersignature.Version.RFC8152,
              null,
              ExampleInputs.unsentAlgorithm(s));
    }
    return out;
  }
}
