package io.coseiot.cose.message;

import io.coseiot.cose.header.Headers;
import io.coseiot.cose.key.CoseKey;

/**
 * How to build one COSE_recipient when creating a COSE_Encrypt or COSE_Mac. The algorithm is the
 * {@code alg} in the headers. Immutable.
 *
 * @param headers the recipient's headers with {@code alg}
 * @param recipientKey the recipient's key: symmetric for direct, HKDF and key wrap; public EC2/OKP
 *     for ECDH; public RSA for RSA-OAEP
 * @param senderKey the sender's static private key for ECDH-SS, else null
 * @param kdfInfo unsent COSE_KDF_Context inputs; null for none
 * @param compressEphemeralKey send an EC2 ephemeral key as a compressed point
 */
public record RecipientSpec(
    Headers headers,
    CoseKey recipientKey,
    CoseKey senderKey,
    KdfInfo kdfInfo,
    boolean compressEphemeralKey) {

  /** Fills in defaults. */
  public RecipientSpec {
    if (kdfInfo == null) {
      kdfInfo = KdfInfo.NONE;
    }
  }

  /**
   * Describes a recipient with no sender key, no unsent inputs and uncompressed points.
   *
   * @param headers the recipient's headers with {@code alg}
   * @param recipientKey the recipient's key
   * @return the spec
   */
  public static RecipientSpec of(Headers headers, CoseKey recipientKey) {
    return new RecipientSpec(headers, recipientKey, null, KdfInfo.NONE, false);
  }
}
