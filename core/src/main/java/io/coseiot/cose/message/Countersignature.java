package io.coseiot.cose.message;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.algorithm.SignatureScheme;
import io.coseiot.cose.cbor.CborReader;
import io.coseiot.cose.cbor.CborWriter;
import io.coseiot.cose.exception.AlgorithmException;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.HeaderException;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.internal.RawAccess;
import io.coseiot.cose.key.CoseKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * A countersignature carried in an unprotected header, in either form:
 *
 * <pre>
 * ; RFC 9338 (labels 11 and 12)
 * COSE_Countersignature = COSE_Signature   ; [Headers, signature : bstr]
 * COSE_Countersignature0 = bstr
 * ; RFC 8152 §4.5 (labels 7 and 9), as the COSE WG Examples use
 * </pre>
 *
 * <p>The signed bytes are a Countersign_structure over the target's protected bucket and payload
 * (RFC 9338 §3.3); RFC 9338 adds the target's further byte strings as {@code other_fields}.
 */
public final class Countersignature {
  /** Which specification defines the form. */
  public enum Version {
    /** RFC 8152 §4.5: labels 7 (full) and 9 (abbreviated). */
    RFC8152,
    /** RFC 9338: labels 11 (full) and 12 (abbreviated). */
    RFC9338
  }

  private static final byte[] NO_BYTES = new byte[0];

  private final Version version;
  private final Headers headers;
  private final byte[] signature;

  private Countersignature(Version version, Headers headers, byte[] signature) {
    this.version = version;
    this.headers = headers;
    this.signature = signature;
  }

  /**
   * Returns the form.
   *
   * @return the version
   */
  public Version version() {
    return version;
  }

  /**
   * Returns whether this is an abbreviated countersignature (a bare signature, labels 9 and 12),
   * whose algorithm and key the receiver knows from context.
   *
   * @return true if abbreviated
   */
  public boolean abbreviated() {
    return headers == null;
  }

  /**
   * Returns the countersigner's headers.
   *
   * @return the headers, or null for an abbreviated countersignature
   */
  public Headers headers() {
    return headers;
  }

  /**
   * Returns the signature bytes.
   *
   * @return a copy
   */
  public byte[] signature() {
    return signature.clone();
  }

  /** Reads every countersignature in an unprotected bucket. */
  static List<Countersignature> readAll(HeaderMap unprotected, String where) throws CoseException {
    List<Countersignature> out = new ArrayList<>();
    // A full countersignature is only re-encoded and parsed, so the bucket's own value will do; an
    // abbreviated one keeps the bytes it is given, so it gets its own copy from get.
    readFull(
        RawAccess.headerValue(unprotected, HeaderLabel.COUNTER_SIGNATURE_V1),
        Version.RFC8152,
        where,
        out);
    readFull(
        RawAccess.headerValue(unprotected, HeaderLabel.COUNTER_SIGNATURE),
        Version.RFC9338,
        where,
        out);
    readAbbreviated(
        unprotected.get(HeaderLabel.COUNTER_SIGNATURE0_V1), Version.RFC8152, where, out);
    readAbbreviated(unprotected.get(HeaderLabel.COUNTER_SIGNATURE0), Version.RFC9338, where, out);
    return Collections.unmodifiableList(out);
  }

  private static void readFull(
      CBORObject v, Version version, String where, List<Countersignature> out)
      throws CoseException {
    if (v == null) {
      return;
    }
    String name = where + " countersignature";
    if (v.getType() != CBORType.Array || v.size() == 0) {
      throw new HeaderException(name + ": not an array");
    }
    // One COSE_Signature starts with its protected bstr; a list of them starts with an array.
    boolean single = v.get(0).getType() == CBORType.ByteString;
    int n = single ? 1 : v.size();
    for (int i = 0; i < n; i++) {
      CBORObject sig = single ? v : v.get(i);
      byte[] encoded = new CborWriter().writeValue(sig).toByteArray();
      CborReader r = new CborReader(encoded);
      Decoding.array(r, name, 3);
      Headers h = Headers.read(r, name, Set.of());
      byte[] s = Decoding.bstrOrNil(r, name + " signature", false);
      out.add(new Countersignature(version, h, s));
    }
  }

  private static void readAbbreviated(
      CBORObject v, Version version, String where, List<Countersignature> out)
      throws HeaderException {
    if (v == null) {
      return;
    }
    if (v.getType() != CBORType.ByteString || v.isTagged()) {
      throw new HeaderException(where + " countersignature0: not a byte string");
    }
    out.add(new Countersignature(version, null, v.GetByteString()));
  }

  private static byte[] toBeSigned(
      Version version,
      boolean abbreviated,
      byte[] signProtected,
      CoseStructure<?> target,
      byte[] externalAad,
      byte[] detachedPayload) {
    byte[] payload = target.countersignPayload();
    if (payload == null) {
      payload = detachedPayload == null ? NO_BYTES : detachedPayload;
    }
    if (version == Version.RFC8152) {
      return Structures.sig(
          abbreviated ? "CounterSignature0" : "CounterSignature",
          target.bodyProtected(),
          abbreviated ? NO_BYTES : signProtected,
          externalAad,
          payload,
          null);
    }
    return Structures.sig(
        abbreviated ? "CounterSignature0V2" : "CounterSignatureV2",
        target.bodyProtected(),
        abbreviated ? null : signProtected,
        externalAad,
        payload,
        target.countersignOtherFields());
  }

  /**
   * Verifies this countersignature over a target.
   *
   * @param target the message or structure it was found on
   * @param key the countersigner's public key
   * @param algorithm the algorithm for an abbreviated countersignature; ignored otherwise
   * @param externalAad external additional data, or null
   * @param detachedPayload the payload if the target's is detached, else null
   * @throws CoseException if the countersignature does not verify
   */
  void verify(
      CoseStructure<?> target,
      CoseKey key,
      Algorithm algorithm,
      byte[] externalAad,
      byte[] detachedPayload)
      throws CoseException {
    Algorithm alg = headers == null ? algorithm : headers.algorithm("countersignature");
    if (alg == null) {
      throw new AlgorithmException("countersignature0: no algorithm given for verification");
    }
    byte[] tbs =
        toBeSigned(
            version,
            headers == null,
            headers == null ? null : headers.authenticatedProtected(),
            target,
            externalAad,
            detachedPayload);
    SignatureScheme.of(alg).verify(key, tbs, signature);
  }

  /**
   * Creates a countersignature over a target.
   *
   * @param version the form to create
   * @param headers the countersigner's headers (with {@code alg}), or null for abbreviated
   * @param algorithm the algorithm when abbreviated
   */
  static Countersignature create(
      Version version,
      Headers headers,
      Algorithm algorithm,
      CoseStructure<?> target,
      CoseKey key,
      byte[] externalAad,
      byte[] detachedPayload)
      throws CoseException {
    Algorithm alg = headers == null ? algorithm : headers.algorithm("countersignature");
    byte[] tbs =
        toBeSigned(
            version,
            headers == null,
            headers == null ? null : headers.authenticatedProtected(),
            target,
            externalAad,
            detachedPayload);
    return new Countersignature(version, headers, SignatureScheme.of(alg).sign(key, tbs));
  }

  /** Returns the header value for this countersignature alone. */
  CBORObject toCbor() {
    if (headers == null) {
      return CBORObject.FromObject(signature.clone());
    }
    CborWriter w = new CborWriter();
    w.writeArrayHeader(3);
    headers.writeTo(w);
    w.writeBytes(signature);
    return CBORObject.DecodeFromBytes(w.toByteArray());
  }

  /** Returns the label this countersignature is carried under. */
  long label() {
    if (version == Version.RFC8152) {
      return headers == null ? HeaderLabel.COUNTER_SIGNATURE0_V1 : HeaderLabel.COUNTER_SIGNATURE_V1;
    }
    return headers == null ? HeaderLabel.COUNTER_SIGNATURE0 : HeaderLabel.COUNTER_SIGNATURE;
  }
}
