package io.coseiot.vectors.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.upokecenter.cbor.CBORObject;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.KeyLabel;
import io.coseiot.cose.message.KdfInfo;
import io.coseiot.cose.message.RecipientKey;
import io.coseiot.cose.message.RecipientSpec;

/** Turns the parts of an example's input into the objects the core library takes. */
final class ExampleInputs {
  private ExampleInputs() {}

  static HeaderMap protectedMap(JsonNode holder) throws CoseException {
    return ExampleHeaders.bucket(holder, "protected");
  }

  /** The unprotected bucket as sent; an ephemeral key given as input is generated anew. */
  static HeaderMap unprotectedMap(JsonNode holder) throws CoseException {
    return ExampleHeaders.bucket(holder, "unprotected").toBuilder()
        .remove(HeaderLabel.EPHEMERAL_KEY)
        .build();
  }

  static Headers headers(JsonNode holder) throws CoseException {
    return Headers.of(protectedMap(holder), unprotectedMap(holder));
  }

  /**
   * The message body's headers. A {@code ChangeProtected} entry under {@code failures} replaces the
   * protected bytes as sent (the suite uses it to send an empty map as h'a0').
   */
  static Headers bodyHeaders(Example e) throws CoseException {
    JsonNode s = e.structureInput();
    JsonNode changed = e.failures().get("ChangeProtected");
    if (changed == null) {
      return headers(s);
    }
    return Headers.withProtectedBytes(Bytes.hex(changed.asText()), unprotectedMap(s));
  }

  /**
   * The context IV when the structure sends a Partial IV and gives the full IV as unsent: the IV
   * with the left-padded Partial IV XORed back out.
   */
  static byte[] baseIv(JsonNode structure) throws CoseException {
    byte[] iv = ExampleHeaders.unsent(structure).getBytes(HeaderLabel.IV);
    byte[] partial = headers(structure).getBytes(HeaderLabel.PARTIAL_IV);
    if (iv == null || partial == null) {
      return null;
    }
    byte[] base = iv.clone();
    for (int i = 0; i < partial.length; i++) {
      base[base.length - partial.length + i] ^= partial[i];
    }
    return base;
  }

  /** The key of a recipient, signer or countersigner, with a Base IV added if one is given. */
  static CoseKey key(JsonNode holder, byte[] baseIv) throws CoseException {
    CoseKey key = ExampleKeys.toCoseKey(holder.get("key"));
    if (baseIv == null) {
      return key;
    }
    CBORObject map = key.toCbor();
    map.set(CBORObject.FromObject(KeyLabel.BASE_IV), CBORObject.FromObject(baseIv));
    return CoseKey.fromCbor(map);
  }

  /**
   * The external AAD of what a structure, signer, recipient or countersigner computes: its own
   * {@code external} (hex), else {@code aad.oob} of the older examples.cddl, else the AAD of the
   * object that encloses it.
   */
  static byte[] external(JsonNode holder, byte[] enclosing) {
    JsonNode own = holder.get("external");
    if (own == null) {
      own = holder.path("aad").get("oob");
    }
    return own == null ? enclosing : Bytes.hex(own.asText());
  }

  static CoseKey senderKey(JsonNode recipient) throws CoseException {
    JsonNode s = recipient.get("sender_key");
    return s == null ? null : ExampleKeys.toCoseKey(s);
  }

  static KdfInfo kdfInfo(JsonNode recipient) throws CoseException {
    HeaderMap u = ExampleHeaders.unsent(recipient);
    return new KdfInfo(
        u.getBytes(HeaderLabel.PARTY_U_IDENTITY),
        u.getBytes(HeaderLabel.PARTY_U_NONCE),
        u.getBytes(HeaderLabel.PARTY_U_OTHER),
        u.getBytes(HeaderLabel.PARTY_V_IDENTITY),
        u.getBytes(HeaderLabel.PARTY_V_NONCE),
        u.getBytes(HeaderLabel.PARTY_V_OTHER),
        bytes(u.get(ExampleHeaders.PUB_OTHER)),
        bytes(u.get(ExampleHeaders.PRIV_OTHER)));
  }

  private static byte[] bytes(CBORObject v) {
    return v == null ? null : v.GetByteString();
  }

  /**
   * How to build one recipient. Where the input gives the recipient no kid, the Examples generator
   * sends the kid of the recipient's key, and so does this.
   */
  static RecipientSpec recipientSpec(JsonNode recipient, byte[] baseIv) throws CoseException {
    CBORObject compressed = ExampleHeaders.unsent(recipient).get(ExampleHeaders.COMPRESSED);
    CoseKey key = key(recipient, baseIv);
    Headers headers = headers(recipient);
    if (headers.get(HeaderLabel.KID) == null && key.keyId() != null) {
      headers =
          headers.withUnprotected(headers.unprotectedMap().toBuilder().keyId(key.keyId()).build());
    }
    return new RecipientSpec(
        headers,
        key,
        senderKey(recipient),
        kdfInfo(recipient),
        compressed != null && compressed.AsBoolean());
  }

  static RecipientKey recipientKey(JsonNode recipient, byte[] baseIv) throws CoseException {
    return new RecipientKey(key(recipient, baseIv), senderKey(recipient), kdfInfo(recipient));
  }

  /** The algorithm an abbreviated countersigner names in its unsent bucket. */
  static Algorithm unsentAlgorithm(JsonNode signer) throws CoseException {
    return ExampleHeaders.unsent(signer).algorithm();
  }
}
