package io.coseiot.cose.message;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.HeaderException;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.key.CoseKey;
import java.util.List;
import java.util.Objects;

/**
 * What every COSE message and sub-structure (COSE_Signature, COSE_recipient) shares: its two header
 * buckets and the countersignatures they may carry. Instances are immutable; adding a
 * countersignature returns a new instance.
 *
 * @param <T> the concrete type
 */
public abstract class CoseStructure<T extends CoseStructure<T>> {
  // Null only until a subclass that deferred its headers makes them (see deferredHeaders); they
  // are immutable with final fields, so threads that race at worst make equal copies.
  private Headers headers;

  CoseStructure(Headers headers) {
    this.headers = headers;
  }

  /**
   * Returns the headers.
   *
   * @return the protected and unprotected buckets
   */
  public final Headers headers() {
    Headers h = headers;
    if (h == null) {
      h = deferredHeaders();
      headers = h;
    }
    return h;
  }

  /** Makes the headers of a structure constructed with null ones; no other calls it. */
  Headers deferredHeaders() {
    throw new IllegalStateException(structureName() + ": no headers");
  }

  /** The protected bytes that a countersignature covers as body_protected. */
  byte[] bodyProtected() {
    return headers().authenticatedProtected();
  }

  /** The payload or ciphertext a countersignature covers; null if detached. */
  abstract byte[] countersignPayload();

  /** Byte strings after the payload (signature or tag) for RFC 9338 other_fields; may be null. */
  abstract byte[][] countersignOtherFields();

  /** Returns a copy with other headers. */
  abstract T withHeaders(Headers headers);

  /** Returns a name for error messages. */
  abstract String structureName();

  /**
   * Returns the countersignatures in the unprotected bucket, of both RFC 8152 and RFC 9338 form.
   *
   * @return the countersignatures, possibly empty
   * @throws CoseException if a countersignature header is malformed
   */
  public final List<Countersignature> countersignatures() throws CoseException {
    return Countersignature.readAll(headers().unprotectedMap(), structureName());
  }

  /**
   * Verifies a countersignature of this structure.
   *
   * @param key the countersigner's public key
   * @param countersignature one of {@link #countersignatures()}
   * @param externalAad external additional data, or null for none
   * @param algorithm the algorithm, needed only for an abbreviated countersignature, else null
   * @throws CoseException if it does not verify
   */
  public final void verifyCountersignature(
      CoseKey key, Countersignature countersignature, byte[] externalAad, Algorithm algorithm)
      throws CoseException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(countersignature, "countersignature");
    countersignature.verify(this, key, algorithm, externalAad, null);
  }

  /**
   * Returns a copy of this structure with one more countersignature in the unprotected bucket.
   *
   * @param key the countersigner's private key
   * @param externalAad external additional data, or null for none
   * @param version the form; new senders should use {@link Countersignature.Version#RFC9338}
   * @param countersignerHeaders the countersigner's headers with {@code alg}, or null to create an
   *     abbreviated countersignature
   * @param algorithm the algorithm when abbreviated; ignored otherwise
   * @return the countersigned copy
   * @throws CoseException if signing fails
   */
  public final T countersign(
      CoseKey key,
      byte[] externalAad,
      Countersignature.Version version,
      Headers countersignerHeaders,
      Algorithm algorithm)
      throws CoseException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(version, "version");
    Countersignature cs =
        Countersignature.create(
            version, countersignerHeaders, algorithm, this, key, externalAad, null);
    // Check the countersignatures already present first: the merge below indexes into the
    // existing value, and a malformed one (say an empty array from a received message) would
    // otherwise throw IllegalArgumentException or be wrapped into a malformed list.
    countersignatures();
    HeaderMap unprotected = headers().unprotectedMap();
    CBORObject existing = unprotected.get(cs.label());
    CBORObject value;
    if (existing == null || cs.abbreviated()) {
      if (existing != null) {
        throw new HeaderException(
            structureName() + ": already has an abbreviated countersignature");
      }
      value = cs.toCbor();
    } else {
      // A second full countersignature turns the single value into a list.
      value = CBORObject.NewArray();
      if (existing.getType() == CBORType.Array && existing.get(0).getType() == CBORType.Array) {
        for (int i = 0; i < existing.size(); i++) {
          value.Add(existing.get(i));
        }
      } else {
        value.Add(existing);
      }
      value.Add(cs.toCbor());
    }
    HeaderMap updated = unprotected.toBuilder().set(cs.label(), value).build();
    return withHeaders(headers().withUnprotected(updated));
  }
}
