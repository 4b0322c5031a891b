package io.coseiot.cose.message;

import io.coseiot.cose.cbor.CborReader;
import io.coseiot.cose.cbor.CborWriter;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.header.Headers;

/**
 * One signer's entry in a COSE_Sign message (RFC 9052 §4.1), immutable.
 *
 * <pre>
 * COSE_Signature =  [
 *     Headers,
 *     signature : bstr
 * ]
 * </pre>
 */
public final class Signature extends CoseStructure<Signature> {
  private static final String NAME = "COSE_Signature";

  private final byte[] signature;

  Signature(Headers headers, byte[] signature) {
    super(headers);
    this.signature = signature;
  }

  static Signature read(CborReader r, DecodeOptions options) throws CoseException {
    Decoding.array(r, NAME, 3);
    Headers headers = Decoding.headers(r, NAME, options);
    return new Signature(headers, Decoding.bstrOrNil(r, NAME + " signature", false));
  }

  void writeTo(CborWriter w) {
    w.writeArrayHeader(3);
    headers().writeTo(w);
    w.writeBytes(signature);
  }

  /**
   * Returns the signature bytes.
   *
   * @return a copy
   */
  public byte[] signature() {
    return signature.clone();
  }

  byte[] rawSignature() {
    return signature;
  }

  @Override
  byte[] countersignPayload() {
    return signature;
  }

  @Override
  byte[][] countersignOtherFields() {
    return null;
  }

  @Override
  Signature withHeaders(Headers headers) {
    return new Signature(headers, signature);
  }

  @Override
  String structureName() {
    return NAME;
  }
}
