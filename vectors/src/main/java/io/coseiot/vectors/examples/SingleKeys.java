package io.coseiot.vectors.examples;

import com.fasterxml.jackson.databind.JsonNode;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.key.CoseKey;

/**
 * The one key of a single-recipient example (COSE_Encrypt0, COSE_Mac0, COSE_Sign1), as other
 * implementations need it: with the Base IV added where the example uses a Partial IV.
 */
public final class SingleKeys {
  private SingleKeys() {}

  /**
   * Returns the key that creates and opens the example's message.
   *
   * @param e the example
   * @return the key, private for COSE_Sign1
   * @throws CoseException if the key does not convert
   * @throws IllegalArgumentException for a structure with recipients or signers
   */
  public static CoseKey key(Example e) throws CoseException {
    JsonNode s = e.structureInput();
    return switch (e.structure()) {
      case ENCRYPTED -> ExampleInputs.key(s.path("recipients").path(0), ExampleInputs.baseIv(s));
      case MAC0 -> ExampleInputs.key(s.path("recipients").path(0), null);
      case SIGN0 -> ExampleInputs.key(s, null);
      default -> throw new IllegalArgumentException(e.structure() + " has no single key");
    };
  }
}
