package io.coseiot.cose.message;

/**
 * Inputs to COSE_KDF_Context (RFC 9053 §5.2) that both sides know but that are not sent. Values
 * carried in the recipient's headers (PartyU/PartyV identity, nonce, other: labels -21 to -26) take
 * precedence over these. Immutable; every field may be null.
 *
 * <pre>
 * PartyInfo = ( identity : bstr / nil, nonce : bstr / int / nil, other : bstr / nil )
 * SuppPubInfo : [ keyDataLength : uint, protected : empty_or_serialized_map, ? other : bstr ]
 * ? SuppPrivInfo : bstr
 * </pre>
 *
 * @param partyUIdentity PartyU identity
 * @param partyUNonce PartyU nonce
 * @param partyUOther PartyU other
 * @param partyVIdentity PartyV identity
 * @param partyVNonce PartyV nonce
 * @param partyVOther PartyV other
 * @param suppPubOther SuppPubInfo other
 * @param suppPrivInfo SuppPrivInfo
 */
public record KdfInfo(
    byte[] partyUIdentity,
    byte[] partyUNonce,
    byte[] partyUOther,
    byte[] partyVIdentity,
    byte[] partyVNonce,
    byte[] partyVOther,
    byte[] suppPubOther,
    byte[] suppPrivInfo) {

  /** No unsent inputs. */
  public static final KdfInfo NONE = new KdfInfo(null, null, null, null, null, null, null, null);

  /** Copies every array so the record cannot change after construction. */
  public KdfInfo {
    partyUIdentity = copy(partyUIdentity);
    partyUNonce = copy(partyUNonce);
    partyUOther = copy(partyUOther);
    partyVIdentity = copy(partyVIdentity);
    partyVNonce = copy(partyVNonce);
    partyVOther = copy(partyVOther);
    suppPubOther = copy(suppPubOther);
    suppPrivInfo = copy(suppPrivInfo);
  }

  private static byte[] copy(byte[] b) {
    return b == null ? null : b.clone();
  }
}
