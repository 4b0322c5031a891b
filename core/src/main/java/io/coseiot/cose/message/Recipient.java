package io.coseiot.cose.message;

import io.coseiot.cose.cbor.CborReader;
import io.coseiot.cose.cbor.CborWriter;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.StructureException;
import io.coseiot.cose.header.Headers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One COSE_recipient of a COSE_Encrypt or COSE_Mac (RFC 9052 §5.1), immutable.
 *
 * <pre>
 * COSE_recipient = [
 *     Headers,
 *     ciphertext : bstr / nil,
 *     ? recipients : [+COSE_recipient]
 * ]
 * </pre>
 */
public final class Recipient extends CoseStructure<Recipient> {
  private static final String NAME = "COSE_recipient";

  /** How deeply recipients may nest inside recipients. */
  static final int MAX_NESTING = 4;

  private final byte[] ciphertext;
  private final List<Recipient> recipients;

  Recipient(Headers headers, byte[] ciphertext, List<Recipient> recipients) {
    super(headers);
    this.ciphertext = ciphertext;
    this.recipients = Collections.unmodifiableList(recipients);
  }

  static List<Recipient> readList(CborReader r, int depth, DecodeOptions options)
      throws CoseException {
    if (depth > MAX_NESTING) {
      throw new StructureException(NAME + ": recipients nest deeper than " + MAX_NESTING);
    }
    if (r.peekMajorType() != 4) {
      throw new StructureException(NAME + ": recipients is not an array at " + r.position());
    }
    int n = r.readArrayHeader();
    if (n == 0) {
      throw new StructureException(NAME + ": recipients is empty");
    }
    List<Recipient> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (r.peekMajorType() != 4) {
        throw new StructureException(NAME + ": recipient #" + (i + 1) + " is not an array");
      }
      int arity = r.readArrayHeader();
      if (arity != 3 && arity != 4) {
        throw new StructureException(NAME + ": array has " + arity + " elements, expected 3 or 4");
      }
      // Not Decoding.headers: a recipient may carry alg unprotected (see DecodeOptions).
      Headers h = Headers.read(r, NAME, options.understoodLabels());
      byte[] ct = Decoding.bstrOrNil(r, NAME + " ciphertext", true);
      List<Recipient> nested = arity == 4 ? readList(r, depth + 1, options) : List.of();
      out.add(new Recipient(h, ct, nested));
    }
    return out;
  }

  static void writeList(CborWriter w, List<Recipient> recipients) {
    w.writeArrayHeader(recipients.size());
    for (Recipient rc : recipients) {
      w.writeArrayHeader(rc.recipients.isEmpty() ? 3 : 4);
      rc.headers().writeTo(w);
      if (rc.ciphertext == null) {
        w.writeNull();
      } else {
        w.writeBytes(rc.ciphertext);
      }
      if (!rc.recipients.isEmpty()) {
        writeList(w, rc.recipients);
      }
    }
  }

  /**
   * Returns the encrypted key, empty for direct and direct key agreement.
   *
   * @return a copy, or null if nil
   */
  public byte[] ciphertext() {
    return ciphertext == null ? null : ciphertext.clone();
  }

  byte[] rawCiphertext() {
    return ciphertext;
  }

  /**
   * Returns the nested recipients.
   *
   * @return an unmodifiable list, empty when there are none
   */
  public List<Recipient> recipients() {
    return recipients;
  }

  @Override
  byte[] countersignPayload() {
    return ciphertext;
  }

  @Override
  byte[][] countersignOtherFields() {
    return null;
  }

  @Override
  Recipient withHeaders(Headers headers) {
    return new Recipient(headers, ciphertext, recipients);
  }

  @Override
  String structureName() {
    return NAME;
  }
}
