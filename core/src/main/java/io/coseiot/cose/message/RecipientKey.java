package io.coseiot.cose.message;

import io.coseiot.cose.key.CoseKey;

/**
 * What a receiver holds to open a COSE_Encrypt or COSE_Mac: its own key, and for ECDH-SS the
 * sender's public key when the message only names it by {@code static key id}, plus the unsent
 * key-derivation inputs both sides agreed on. Immutable.
 *
 * @param key the recipient's key: symmetric for direct, HKDF and key wrap; private EC2/OKP for
 *     ECDH; private RSA for RSA-OAEP
 * @param senderKey the sender's static public key, or null
 * @param kdfInfo unsent COSE_KDF_Context inputs; never null
 */
public record RecipientKey(CoseKey key, CoseKey senderKey, KdfInfo kdfInfo) {

  /** Fills in defaults. */
  public RecipientKey {
    if (kdfInfo == null) {
      kdfInfo = KdfInfo.NONE;
    }
  }

  /**
   * Wraps a key with no sender key and no unsent inputs.
   *
   * @param key the recipient's key
   * @return the recipient key
   */
  public static RecipientKey of(CoseKey key) {
    return new RecipientKey(key, null, KdfInfo.NONE);
  }
}
