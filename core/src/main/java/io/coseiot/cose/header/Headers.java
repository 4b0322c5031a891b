package io.coseiot.cose.header;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.cbor.CborReader;
import io.coseiot.cose.cbor.CborWriter;
import io.coseiot.cose.exception.AlgorithmException;
import io.coseiot.cose.exception.CborException;
import io.coseiot.cose.exception.CriticalHeaderException;
import io.coseiot.cose.exception.HeaderException;
import java.util.Arrays;
import java.util.Set;

/**
 * The two header buckets of a COSE structure (RFC 9052 §3):
 *
 * <pre>
 * Headers = (
 *     protected : empty_or_serialized_map,
 *     unprotected : header_map
 * )
 * empty_or_serialized_map = bstr .cbor header_map / bstr .size 0
 * </pre>
 *
 * <p>The protected bucket keeps the exact bytes it was received or built with, since those bytes,
 * never a re-encoding, enter the Enc_structure, MAC_structure and Sig_structure. An empty protected
 * bucket is built as h'' and h'a0' is accepted on receipt.
 */
public final class Headers {
  private static final byte[] NO_BYTES = new byte[0];

  /** Labels every structure understands in {@code crit}: the generic and key-distribution ones. */
  private static final Set<Long> UNDERSTOOD =
      Set.of(
          HeaderLabel.ALG,
          HeaderLabel.CRIT,
          HeaderLabel.CONTENT_TYPE,
          HeaderLabel.KID,
          HeaderLabel.IV,
          HeaderLabel.PARTIAL_IV,
          HeaderLabel.COUNTER_SIGNATURE_V1,
          HeaderLabel.COUNTER_SIGNATURE0_V1,
          HeaderLabel.KID_CONTEXT,
          HeaderLabel.COUNTER_SIGNATURE,
          HeaderLabel.COUNTER_SIGNATURE0,
          HeaderLabel.EPHEMERAL_KEY,
          HeaderLabel.STATIC_KEY,
          HeaderLabel.STATIC_KEY_ID,
          HeaderLabel.SALT,
          HeaderLabel.PARTY_U_IDENTITY,
          HeaderLabel.PARTY_U_NONCE,
          HeaderLabel.PARTY_U_OTHER,
          HeaderLabel.PARTY_V_IDENTITY,
          HeaderLabel.PARTY_V_NONCE,
          HeaderLabel.PARTY_V_OTHER);

  private static final Headers EMPTY = new Headers(NO_BYTES, HeaderMap.empty(), HeaderMap.empty());

  /**
   * A protected bucket parsed once: the map, the array that messages share, and a copy of the bytes
   * it was parsed from, which never leaves this class.
   */
  private record Parsed(byte[] shared, byte[] parsedFrom, HeaderMap map) {}

  // The protected bucket decoded last, by any thread: a receiver sees the same one (alg, often
  // nothing else) in message after message, so a repeat shares it instead of copying and parsing
  // again. Only a map of integers and text strings is shared, values that nothing can change:
  // the public accessors copy the rest, but the core's own raw reads (RawAccess) do not, and a
  // slip there must not reach later messages. Protected headers are sent in the clear, so the
  // time a repeat saves tells nothing secret.
  private static volatile Parsed lastProtected;

  private final byte[] protectedBytes;
  private final HeaderMap protectedMap;
  private final HeaderMap unprotectedMap;

  private Headers(byte[] protectedBytes, HeaderMap protectedMap, HeaderMap unprotectedMap) {
    this.protectedBytes = protectedBytes;
    this.protectedMap = protectedMap;
    this.unprotectedMap = unprotectedMap;
  }

  /**
   * Returns headers with both buckets empty.
   *
   * @return empty headers
   */
  public static Headers empty() {
    return EMPTY;
  }

  /**
   * Builds headers to send, encoding the protected bucket deterministically (h'' when empty).
   *
   * @param protectedMap the protected bucket
   * @param unprotectedMap the unprotected bucket
   * @return the headers
   * @throws HeaderException if a label is in both buckets or {@code crit} is invalid
   */
  public static Headers of(HeaderMap protectedMap, HeaderMap unprotectedMap)
      throws HeaderException {
    byte[] bytes = protectedMap.isEmpty() ? NO_BYTES : protectedMap.encode();
    Headers h = new Headers(bytes, protectedMap, unprotectedMap);
    h.check("headers", null);
    return h;
  }

  /**
   * Builds headers that reuse protected bytes exactly as given, for example the h'a0' form of an
   * empty map that some senders use.
   *
   * @param protectedBytes the serialized protected bucket
   * @param unprotectedMap the unprotected bucket
   * @return the headers
   * @throws CborException if the bytes are not one well-formed map
   * @throws HeaderException if the buckets are invalid
   */
  public static Headers withProtectedBytes(byte[] protectedBytes, HeaderMap unprotectedMap)
      throws CborException, HeaderException {
    byte[] bytes = protectedBytes.clone();
    Headers h = new Headers(bytes, parseProtected(bytes, "headers"), unprotectedMap);
    h.check("headers", null);
    return h;
  }

  /**
   * Reads the two buckets from a reader positioned at the protected bstr.
   *
   * @param r the reader
   * @param where names the structure in error messages, for example {@code COSE_Encrypt0}
   * @param extraUnderstood labels the caller understands in {@code crit} beyond the generic ones
   * @return the headers
   * @throws CborException if the CBOR is malformed
   * @throws HeaderException if a bucket is invalid
   */
  public static Headers read(CborReader r, String where, Set<?> extraUnderstood)
      throws CborException, HeaderException {
    if (r.peekMajorType() != 2) {
      throw new HeaderException(where + ": protected header bucket is not a byte string");
    }
    Parsed last = lastProtected;
    byte[] bytes = r.readByteString(last == null ? null : last.parsedFrom());
    HeaderMap prot;
    boolean repeat = last != null && bytes == last.parsedFrom();
    // authenticatedProtected hands out the shared array uncopied; should a caller have changed it,
    // it no longer matches the map, and neither may reach this message.
    if (repeat && Arrays.equals(last.shared(), bytes)) {
      bytes = last.shared();
      prot = last.map();
    } else {
      bytes = repeat ? bytes.clone() : bytes;
      prot = parseProtected(bytes, where);
      if (prot.hasOnlyScalarValues()) {
        lastProtected = new Parsed(bytes, bytes.clone(), prot);
      }
    }
    HeaderMap unprot = HeaderMap.read(r, where, " unprotected");
    Headers h = new Headers(bytes.length == 0 ? NO_BYTES : bytes, prot, unprot);
    h.check(where, extraUnderstood);
    return h;
  }

  private static HeaderMap parseProtected(byte[] bytes, String where)
      throws CborException, HeaderException {
    if (bytes.length == 0) {
      return HeaderMap.empty();
    }
    CborReader pr = new CborReader(bytes);
    HeaderMap map = HeaderMap.read(pr, where, " protected");
    if (!pr.atEnd()) {
      pr.requireEnd(where + " protected");
    }
    return map;
  }

  /** Checks the buckets; {@code extraUnderstood} null means a sender, who understands its crit. */
  private void check(String where, Set<?> extraUnderstood) throws HeaderException {
    // Indexed rather than through labels(), whose list views cost an allocation per message.
    for (int i = 0; i < protectedMap.size(); i++) {
      Object label = protectedMap.labelAt(i);
      if (unprotectedMap.contains(label)) {
        throw new HeaderException(
            where + ": label " + label + " is in both the protected and unprotected bucket");
      }
    }
    if (unprotectedMap.contains(HeaderLabel.CRIT)) {
      throw new CriticalHeaderException(where + ": crit is in the unprotected bucket");
    }
    CBORObject crit = protectedMap.value(HeaderLabel.CRIT);
    if (crit == null) {
      return;
    }
    for (int i = 0; i < crit.size(); i++) {
      CBORObject c = crit.get(i);
      if (c.getType() != CBORType.TextString && !c.CanValueFitInInt64()) {
        // An int beyond 64-bit signed (up to -2^64 or 2^64-1 in CBOR) passes the type check but
        // AsInt64Value would throw ArithmeticException; no bucket can hold such a label, since
        // HeaderMap.read refuses it, so crit names an absent label.
        throw new CriticalHeaderException(
            where + ": crit names label " + c + " that is not in the protected bucket");
      }
      Object label = c.getType() == CBORType.TextString ? c.AsString() : c.AsInt64Value();
      if (!protectedMap.contains(label)) {
        throw new CriticalHeaderException(
            where + ": crit names label " + label + " that is not in the protected bucket");
      }
      if (extraUnderstood != null
          && !UNDERSTOOD.contains(label)
          && !extraUnderstood.contains(label)) {
        throw new CriticalHeaderException(
            where + ": crit names label " + label + " that this receiver does not understand");
      }
    }
  }

  /**
   * Returns headers with the same protected bytes and another unprotected bucket, for example with
   * an IV or ephemeral key added.
   *
   * @param unprotected the new unprotected bucket
   * @return the headers
   * @throws HeaderException if a label would then be in both buckets
   */
  public Headers withUnprotected(HeaderMap unprotected) throws HeaderException {
    Headers h = new Headers(protectedBytes, protectedMap, unprotected);
    h.check("headers", null);
    return h;
  }

  /**
   * Returns headers with one integer label set in the unprotected bucket, such as the IV a sender
   * draws per message. Cheaper than {@link #withUnprotected(HeaderMap)}: only the new label needs
   * checking, since these headers were checked when they were made.
   *
   * @param label the label, not {@code crit}
   * @param value the value; a byte string, array or map is copied
   * @return the headers
   * @throws HeaderException if the label is in the protected bucket or is {@code crit}
   */
  public Headers withUnprotected(long label, CBORObject value) throws HeaderException {
    if (label == HeaderLabel.CRIT) {
      throw new CriticalHeaderException("headers: crit is in the unprotected bucket");
    }
    if (protectedMap.value(label) != null) {
      throw new HeaderException(
          "headers: label " + label + " is in both the protected and unprotected bucket");
    }
    return new Headers(protectedBytes, protectedMap, unprotectedMap.with(label, value));
  }

  /**
   * Returns the serialized protected bucket exactly as received or built.
   *
   * @return a copy of the bytes
   */
  public byte[] protectedBytes() {
    return protectedBytes.clone();
  }

  /**
   * Returns the protected bucket as it enters Enc_structure, MAC_structure, Sig_structure and
   * COSE_KDF_Context: the bytes as received, except that a bucket holding no attributes counts as a
   * zero-length bstr whichever form the sender used (RFC 9052 §4.4, §5.3, §6.3: "if there are no
   * protected attributes, a zero-length byte string is used"), as the COSE WG Examples confirm for
   * h'a0'.
   *
   * @return the bytes, not a copy: every seal and open authenticates them, and a receiver shares
   *     one array between the messages that carry the same protected bucket, so a copy would cost
   *     each message an allocation. Callers must not change them ({@link #protectedBytes()} gives a
   *     copy): a change would alter these headers and every message sharing the array, though a
   *     receiver checks the array before sharing it again, so later messages are parsed from their
   *     own bytes.
   */
  public byte[] authenticatedProtected() {
    return protectedMap.isEmpty() ? NO_BYTES : protectedBytes;
  }

  /**
   * Returns the protected bucket.
   *
   * @return the map
   */
  public HeaderMap protectedMap() {
    return protectedMap;
  }

  /**
   * Returns the unprotected bucket.
   *
   * @return the map
   */
  public HeaderMap unprotectedMap() {
    return unprotectedMap;
  }

  /**
   * Returns a header value from whichever bucket holds it, copied as {@link HeaderMap#get(long)}
   * copies.
   *
   * @param label the label
   * @return the value, or null if absent from both
   */
  public CBORObject get(long label) {
    return HeaderMap.copyOf(value(label));
  }

  /** Returns the bucket's own value from whichever bucket holds it, or null: never to change. */
  CBORObject value(long label) {
    CBORObject v = protectedMap.value(label);
    return v != null ? v : unprotectedMap.value(label);
  }

  /**
   * Returns whether either bucket holds a label, without the copy {@link #get(long)} may make.
   *
   * @param label the label
   * @return true if present
   */
  public boolean contains(long label) {
    return value(label) != null;
  }

  /**
   * Returns a byte string header value from whichever bucket holds it.
   *
   * @param label the label
   * @return a copy of the bytes, or null if absent
   */
  public byte[] getBytes(long label) {
    return protectedMap.value(label) != null
        ? protectedMap.getBytes(label)
        : unprotectedMap.getBytes(label);
  }

  /** {@link #getBytes(long)} without the copy: the bucket's own array, never to be changed. */
  byte[] bytes(long label) {
    return protectedMap.value(label) != null
        ? protectedMap.bytes(label)
        : unprotectedMap.bytes(label);
  }

  /**
   * Returns the {@code alg} value as sent, an int or tstr, or null if absent.
   *
   * @return the raw value
   */
  public CBORObject rawAlgorithm() {
    return get(HeaderLabel.ALG);
  }

  /**
   * Returns the algorithm, which must be present and implemented.
   *
   * @param where names the structure in error messages
   * @return the algorithm
   * @throws AlgorithmException if {@code alg} is absent or not implemented here
   */
  public Algorithm algorithm(String where) throws AlgorithmException {
    Algorithm a =
        protectedMap.hasAlgorithm() ? protectedMap.algorithm() : unprotectedMap.algorithm();
    if (a == null) {
      CBORObject v = rawAlgorithm();
      if (v == null) {
        throw new AlgorithmException(where + ": no alg header");
      }
      throw new AlgorithmException(where + ": algorithm " + v + " is not implemented");
    }
    return a;
  }

  /**
   * Returns the length that {@link #writeTo(CborWriter)} writes, so that a message can size its
   * buffer exactly.
   *
   * @return the length in bytes
   */
  public int encodedSize() {
    return CborWriter.headLength(protectedBytes.length)
        + protectedBytes.length
        + unprotectedMap.encodedSize();
  }

  /**
   * Returns what {@link #encodedSize()} would return after adding a byte string to the unprotected
   * bucket, without making those headers.
   *
   * @param label the label to add, in neither bucket yet
   * @param value the byte string value
   * @return the length in bytes
   */
  public int encodedSizeWith(long label, byte[] value) {
    return CborWriter.headLength(protectedBytes.length)
        + protectedBytes.length
        + unprotectedMap.encodedSizeWith(label, value);
  }

  /**
   * Writes what {@link #writeTo(CborWriter)} would write after adding a byte string to the
   * unprotected bucket, without making those headers.
   *
   * @param w the writer
   * @param label the label to add, in neither bucket yet
   * @param value the byte string value
   */
  public void writeToWith(CborWriter w, long label, byte[] value) {
    w.writeBytes(protectedBytes);
    unprotectedMap.writeToWith(w, label, value);
  }

  /**
   * Writes both buckets: the protected bstr, then the unprotected map.
   *
   * @param w the writer
   */
  public void writeTo(CborWriter w) {
    w.writeBytes(protectedBytes);
    unprotectedMap.writeTo(w);
  }
}
