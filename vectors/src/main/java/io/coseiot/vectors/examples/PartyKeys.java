package io.coseiot.vectors.examples;

import com.fasterxml.jackson.databind.JsonNode;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.message.KdfInfo;

/**
 * The keys of the recipients and signers of a multi-party example (COSE_Encrypt, COSE_Mac,
 * COSE_Sign), as other implementations need them, indexed as in the input (which is the order of
 * the message).
 */
public final class PartyKeys {
  private PartyKeys() {}

  /**
   * Returns how many recipients or signers the example's input lists.
   *
   * @param e the example
   * @return the count
   */
  public static int count(Example e) {
    JsonNode s = e.structureInput();
    return s.has("signers") ? s.path("signers").size() : s.path("recipients").size();
  }

  /**
   * Returns whether any recipient carries recipients of its own (RFC 9052 Appendix B).
   *
   * @param e the example
   * @return true for a three-layer message
   */
  public static boolean nested(Example e) {
    for (JsonNode r : e.structureInput().path("recipients")) {
      if (r.has("recipients")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the key of one recipient: symmetric (with the Base IV where the message uses a Partial
   * IV), or the private key for key agreement.
   *
   * @param e the example
   * @param i the recipient's index
   * @return the key, null if the input gives none
   * @throws CoseException if the key does not convert
   */
  public static CoseKey recipientKey(Example e, int i) throws CoseException {
    JsonNode s = e.structureInput();
    JsonNode r = s.path("recipients").path(i);
    // A COSE_Encrypt with a Partial IV takes its Base IV from the (direct) key, as the runner does.
    byte[] baseIv = e.structure() == Structure.ENVELOPED ? ExampleInputs.baseIv(s) : null;
    return r.has("key") ? ExampleInputs.key(r, baseIv) : null;
  }

  /**
   * Returns the static sender key of an ECDH-SS recipient, with its private part.
   *
   * @param e the example
   * @param i the recipient's index
   * @return the key, null if the recipient has none
   * @throws CoseException if the key does not convert
   */
  public static CoseKey senderKey(Example e, int i) throws CoseException {
    return ExampleInputs.senderKey(e.structureInput().path("recipients").path(i));
  }

  /**
   * Returns the KDF context values the example uses without sending them ({@code unsent}).
   *
   * @param e the example
   * @param i the recipient's index
   * @return the values, each null when absent
   * @throws CoseException if a value does not convert
   */
  public static KdfInfo unsentKdfInfo(Example e, int i) throws CoseException {
    return ExampleInputs.kdfInfo(e.structureInput().path("recipients").path(i));
  }

  /**
   * Returns the private key of one signer.
   *
   * @param e the example
   * @param i the signer's index
   * @return the key
   * @throws CoseException if the key does not convert
   */
  public static CoseKey signerKey(Example e, int i) throws CoseException {
    return ExampleInputs.key(e.structureInput().path("signers").path(i), null);
  }
}
