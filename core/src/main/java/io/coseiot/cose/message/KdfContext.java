package io.coseiot.cose.message;

import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.cbor.CborWriter;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.internal.RawAccess;

/**
 * Encodes COSE_KDF_Context (RFC 9053 §5.2), the HKDF info for recipient algorithms:
 *
 * <pre>
 * COSE_KDF_Context = [
 *     AlgorithmID : int / tstr,
 *     PartyUInfo : [ PartyInfo ],
 *     PartyVInfo : [ PartyInfo ],
 *     SuppPubInfo : [ keyDataLength : uint, protected : empty_or_serialized_map, ? other : bstr ],
 *     ? SuppPrivInfo : bstr
 * ]
 * </pre>
 */
final class KdfContext {
  private KdfContext() {}

  /**
   * Builds the context.
   *
   * @param algorithmId the algorithm the derived key is for (content or key-wrap algorithm)
   * @param keyBits the derived key's length in bits
   * @param recipient the recipient's headers; their protected bytes enter SuppPubInfo
   * @param unsent values not sent
   */
  static byte[] encode(long algorithmId, int keyBits, Headers recipient, KdfInfo unsent) {
    CborWriter w = new CborWriter(64);
    w.writeArrayHeader(unsent.suppPrivInfo() == null ? 4 : 5);
    w.writeInt(algorithmId);
    party(
        w,
        recipient,
        HeaderLabel.PARTY_U_IDENTITY,
        unsent.partyUIdentity(),
        unsent.partyUNonce(),
        unsent.partyUOther());
    party(
        w,
        recipient,
        HeaderLabel.PARTY_V_IDENTITY,
        unsent.partyVIdentity(),
        unsent.partyVNonce(),
        unsent.partyVOther());
    w.writeArrayHeader(unsent.suppPubOther() == null ? 2 : 3);
    w.writeInt(keyBits);
    w.writeBytes(recipient.authenticatedProtected());
    if (unsent.suppPubOther() != null) {
      w.writeBytes(unsent.suppPubOther());
    }
    if (unsent.suppPrivInfo() != null) {
      w.writeBytes(unsent.suppPrivInfo());
    }
    return w.toByteArray();
  }

  /** Writes PartyInfo; the identity, nonce and other labels are consecutive (-21, -22, -23). */
  private static void party(
      CborWriter w, Headers h, long identityLabel, byte[] identity, byte[] nonce, byte[] other) {
    w.writeArrayHeader(3);
    field(w, RawAccess.headerValue(h, identityLabel), identity);
    field(w, RawAccess.headerValue(h, identityLabel - 1), nonce);
    field(w, RawAccess.headerValue(h, identityLabel - 2), other);
  }

  private static void field(CborWriter w, CBORObject sent, byte[] unsent) {
    if (sent != null) {
      w.writeValue(sent);
    } else if (unsent != null) {
      w.writeBytes(unsent);
    } else {
      w.writeNull();
    }
  }
}
