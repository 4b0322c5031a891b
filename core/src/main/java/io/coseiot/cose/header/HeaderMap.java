package io.coseiot.cose.header;

import com.upokecenter.cbor.CBOREncodeOptions;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.cbor.CborReader;
import io.coseiot.cose.cbor.CborWriter;
import io.coseiot.cose.exception.CborException;
import io.coseiot.cose.exception.CriticalHeaderException;
import io.coseiot.cose.exception.HeaderException;
import io.coseiot.cose.internal.RawAccess;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One immutable header bucket (RFC 9052 §3):
 *
 * <pre>
 * header_map = { Generic_Headers, * label =&gt; values }
 * label = int / tstr
 * </pre>
 *
 * <p>Labels are kept as {@code Long} or {@code String}; values as {@link CBORObject}. Build one
 * with {@link #builder()}; decoding checks for repeated labels and for the value types of the
 * generic headers.
 *
 * <p>A bucket never changes once built, and a sender may send one bucket with every message, so
 * nothing a caller holds may reach its values: a byte string, array or map value (the CBOR library
 * lets its holder change those) is copied as it comes in through the builder or {@link #with} and
 * as it goes out through {@link #get(long)} or {@link #getBytes(long)}. Integers, text and the
 * other values the library cannot change are shared, so they cost nothing either way. The core
 * reads its own messages' IVs through a non-exported, non-copying path instead.
 */
public final class HeaderMap {
  static {
    RawAccess.register(new RawReads());
  }

  private static final HeaderMap EMPTY = new HeaderMap(new Object[0], new CBORObject[0]);
  private static final CBOREncodeOptions KEEP_ORDER = new CBOREncodeOptions("keepkeyorder=true");

  private final Object[] labels;
  private final CBORObject[] values;
  // Read once when the immutable map is made: reading a CBORObject integer is not cheap, and the
  // seal and open paths ask for the algorithm on every message.
  private final Algorithm algorithm;
  private final boolean hasAlgorithm;

  // A bucket written a second time is likely a template that a sender keeps and sends with every
  // message, so from then on its encoding is kept and copied. Most buckets (read from a message,
  // or made per message) are written once and encoded as they are written, with nothing kept.
  // Racing threads at worst both count a use or both encode it, to equal bytes.
  private int writes;
  private volatile byte[] encoding;
  // For a bucket that with() made by adding a label that sorts after all of its base's: the base,
  // whose encoding (if it has one) is then copied and only the new entry written.
  private final HeaderMap appendsTo;

  private HeaderMap(Object[] labels, CBORObject[] values) {
    this.labels = labels;
    this.values = values;
    CBORObject alg = value(HeaderLabel.ALG);
    this.algorithm = algorithmOf(alg);
    this.hasAlgorithm = alg != null;
    this.appendsTo = null;
  }

  /** A map that {@link #with} derived from {@code base} by adding one label that is not alg. */
  private HeaderMap(Object[] labels, CBORObject[] values, HeaderMap base, boolean appended) {
    this.labels = labels;
    this.values = values;
    this.algorithm = base.algorithm;
    this.hasAlgorithm = base.hasAlgorithm;
    this.appendsTo = appended ? base : null;
  }

  /**
   * Returns the empty bucket.
   *
   * @return the empty map
   */
  public static HeaderMap empty() {
    return EMPTY;
  }

  /**
   * Starts a new bucket.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding a copy of this bucket, to derive a changed one.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    for (int i = 0; i < labels.length; i++) {
      b.put(labels[i], values[i]);
    }
    return b;
  }

  /**
   * Returns a copy with an integer label set, replacing its value if present. Adding one header,
   * such as the IV a sender draws per message, costs two small array copies instead of a builder.
   *
   * @param label the label
   * @param value the value; a byte string, array or map is copied
   * @return the new bucket
   */
  public HeaderMap with(long label, CBORObject value) {
    return withOwned(label, copyOf(value));
  }

  /** {@link #with} for a value nobody else holds, which need not be copied. */
  HeaderMap withOwned(long label, CBORObject value) {
    Long boxed = label;
    for (int i = 0; i < labels.length; i++) {
      if (boxed.equals(labels[i])) {
        CBORObject[] v = values.clone();
        v[i] = value;
        return new HeaderMap(labels, v);
      }
    }
    Object[] l = Arrays.copyOf(labels, labels.length + 1);
    CBORObject[] v = Arrays.copyOf(values, values.length + 1);
    l[labels.length] = boxed;
    v[values.length] = value;
    if (label == HeaderLabel.ALG) {
      return new HeaderMap(l, v);
    }
    boolean appended = true;
    for (Object existing : labels) {
      appended &= compareLabels(existing, boxed) < 0;
    }
    return new HeaderMap(l, v, this, appended);
  }

  /**
   * Returns the number of labels.
   *
   * @return the size
   */
  public int size() {
    return labels.length;
  }

  /**
   * Returns whether there are no labels.
   *
   * @return true when empty
   */
  public boolean isEmpty() {
    return labels.length == 0;
  }

  /**
   * Returns the labels in the order they were received or added.
   *
   * @return labels, each a {@code Long} or a {@code String}
   */
  public List<Object> labels() {
    return Collections.unmodifiableList(Arrays.asList(labels));
  }

  /** Returns the label at a position, in the order {@link #labels()} gives. */
  Object labelAt(int i) {
    return labels[i];
  }

  /**
   * Tells whether every value is an integer or a text string: values no holder can change, so the
   * map may be shared between messages.
   *
   * @return true if the map holds nothing mutable
   */
  boolean hasOnlyScalarValues() {
    for (CBORObject v : values) {
      if (v.getType() != CBORType.Integer && v.getType() != CBORType.TextString) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the value of an integer label.
   *
   * @param label the label
   * @return the value, or null if absent; a byte string, array or map is a copy of the bucket's
   */
  public CBORObject get(long label) {
    return copyOf(value(label));
  }

  /**
   * Returns the value of a label given as {@code Long} or {@code String}.
   *
   * @param label the label
   * @return the value, or null if absent; a byte string, array or map is a copy of the bucket's
   */
  public CBORObject get(Object label) {
    return copyOf(value(label));
  }

  /** Returns the bucket's own value of an integer label, or null: never to be changed. */
  CBORObject value(long label) {
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] instanceof Long && (Long) labels[i] == label) {
        return values[i];
      }
    }
    return null;
  }

  /** Returns the bucket's own value of a {@code Long} or {@code String} label, or null. */
  CBORObject value(Object label) {
    for (int i = 0; i < labels.length; i++) {
      if (labels[i].equals(label)) {
        return values[i];
      }
    }
    return null;
  }

  /**
   * Returns whether a label is present.
   *
   * @param label a {@code Long} or {@code String}
   * @return true if present
   */
  public boolean contains(Object label) {
    return value(label) != null;
  }

  /**
   * Returns the byte string value of an integer label, such as {@code kid} or {@code IV}.
   *
   * @param label the label
   * @return a copy of the bytes, or null if absent
   */
  public byte[] getBytes(long label) {
    byte[] b = bytes(label);
    // A text kid's UTF-8 bytes are made afresh; only a byte string's array is the bucket's own.
    return b == null || value(label).getType() == CBORType.TextString ? b : b.clone();
  }

  /**
   * Returns what {@link #getBytes(long)} returns without copying a byte string: the bucket's own
   * array, never to be changed.
   */
  byte[] bytes(long label) {
    CBORObject v = value(label);
    if (v == null) {
      return null;
    }
    // A text kid is taken as its UTF-8 bytes; every other byte-valued header is checked on decode.
    return v.getType() == CBORType.TextString
        ? v.AsString().getBytes(StandardCharsets.UTF_8)
        : v.GetByteString();
  }

  /**
   * Returns a value no one else can change: a deep copy of a byte string, array or map (tags
   * included), and the value itself otherwise, since the CBOR library offers no way to change an
   * integer, text string, float or simple value.
   */
  static CBORObject copyOf(CBORObject v) {
    if (v == null) {
      return null;
    }
    CBORType t = v.getType();
    if (t != CBORType.ByteString && t != CBORType.Array && t != CBORType.Map) {
      return v;
    }
    // Kept in order, so that a copy put back into a builder writes as the original did.
    return CBORObject.DecodeFromBytes(v.EncodeToBytes(), KEEP_ORDER);
  }

  /**
   * Returns the {@code alg} value as an implemented algorithm.
   *
   * @return the algorithm, or null if {@code alg} is absent or names one this library lacks
   */
  public Algorithm algorithm() {
    return algorithm;
  }

  /** Returns whether {@code alg} is present, implemented or not. */
  boolean hasAlgorithm() {
    return hasAlgorithm;
  }

  private static Algorithm algorithmOf(CBORObject v) {
    return v != null && v.getType() == CBORType.Integer && v.CanValueFitInInt64()
        ? Algorithm.fromId(v.AsInt64Value())
        : null;
  }

  /**
   * Writes this bucket as a CBOR map in deterministic order.
   *
   * @param w the writer
   */
  public void writeTo(CborWriter w) {
    byte[] enc = reusedEncoding();
    if (enc != null) {
      w.writeRaw(enc);
      return;
    }
    byte[] base = appendsTo == null ? null : appendsTo.reusedEncoding();
    if (base != null) {
      // The base's entries in its own order, then the new one, which sorts after them all.
      int n = appendsTo.labels.length;
      writeOneMoreThan(w, base, n);
      writeLabel(w, labels[n]);
      w.writeValue(values[n]);
      return;
    }
    writeEntries(w);
  }

  /**
   * Returns the length that {@code with(label, value).encodedSize()} would return for a byte string
   * value, without making that bucket: a sender that adds a fresh IV to the same bucket for every
   * message need not build a bucket per message to encode it.
   *
   * @param label the label to add, not yet present
   * @param value the byte string value
   * @return the encoded length in bytes
   */
  public int encodedSizeWith(long label, byte[] value) {
    byte[] enc = encoding;
    if (enc == null || !sortsAfterAll(label)) {
      // A bucket only sized, then dropped: it may share the caller's array.
      return withOwned(label, CBORObject.FromObject(value)).encodedSize();
    }
    return sizeOfOneMoreThan(enc, labels.length)
        + CborWriter.headLength(label >= 0 ? label : -1 - label)
        + CborWriter.headLength(value.length)
        + value.length;
  }

  /**
   * Writes what {@code with(label, value).writeTo(w)} would write for a byte string value, without
   * making that bucket.
   *
   * @param w the writer
   * @param label the label to add, not yet present
   * @param value the byte string value
   */
  public void writeToWith(CborWriter w, long label, byte[] value) {
    byte[] enc = sortsAfterAll(label) ? reusedEncoding() : null;
    if (enc == null) {
      withOwned(label, CBORObject.FromObject(value)).writeTo(w);
      return;
    }
    // This bucket's entries in their order, then the new one, which sorts after them all.
    int n = labels.length;
    writeOneMoreThan(w, enc, n);
    w.writeInt(label);
    w.writeBytes(value);
  }

  /**
   * Writes the head of a map of {@code n + 1} entries and the {@code n} entries of {@code enc}, the
   * encoding of an n-entry map, leaving the last entry to the caller.
   */
  private static void writeOneMoreThan(CborWriter w, byte[] enc, int n) {
    int head = CborWriter.headLength(n);
    w.writeMapHeader(n + 1);
    w.writeRaw(enc, head, enc.length - head);
  }

  /** The size of a map of {@code n + 1} entries whose first {@code n} are {@code enc}'s. */
  private static int sizeOfOneMoreThan(byte[] enc, int n) {
    return CborWriter.headLength(n + 1) - CborWriter.headLength(n) + enc.length;
  }

  private boolean sortsAfterAll(long label) {
    Long boxed = label;
    for (Object existing : labels) {
      if (compareLabels(existing, boxed) >= 0) {
        return false;
      }
    }
    return true;
  }

  /** Counts a write and returns the kept encoding, made on the second write; null before. */
  private byte[] reusedEncoding() {
    byte[] enc = encoding;
    if (enc == null) {
      if (++writes < 2) {
        return null;
      }
      CborWriter w = new CborWriter(entriesSize());
      writeEntries(w);
      // Exactly sized, so the writer hands over its buffer; it is never written again.
      enc = w.toByteArray();
      encoding = enc;
    }
    return enc;
  }

  private void writeEntries(CborWriter w) {
    w.writeMapHeader(labels.length);
    if (labels.length <= 2) {
      // The common case (kid and IV) needs no index array.
      int first = labels.length == 2 && compareLabels(labels[0], labels[1]) > 0 ? 1 : 0;
      for (int i = 0; i < labels.length; i++) {
        int k = i == 0 ? first : 1 - first;
        writeLabel(w, labels[k]);
        w.writeValue(values[k]);
      }
      return;
    }
    // Entries go out in the deterministic order of their label encodings. Buckets hold a handful
    // of labels, so an insertion sort of indices costs less than building a CBOR map to sort.
    int[] order = new int[labels.length];
    for (int i = 0; i < order.length; i++) {
      int j = i;
      while (j > 0 && compareLabels(labels[order[j - 1]], labels[i]) > 0) {
        order[j] = order[j - 1];
        j--;
      }
      order[j] = i;
    }
    for (int i : order) {
      writeLabel(w, labels[i]);
      w.writeValue(values[i]);
    }
  }

  /**
   * Compares two labels by the bytewise order of their deterministic encodings (RFC 8949 §4.2.1):
   * unsigned integers ascending, then negative integers from -1 down, then text strings, shorter
   * before longer, then by their UTF-8 bytes.
   */
  static int compareLabels(Object a, Object b) {
    if (a instanceof Long && b instanceof Long) {
      long x = (Long) a;
      long y = (Long) b;
      if ((x >= 0) != (y >= 0)) {
        return x >= 0 ? -1 : 1;
      }
      return x >= 0 ? Long.compare(x, y) : Long.compare(y, x);
    }
    if (a instanceof Long || b instanceof Long) {
      return a instanceof Long ? -1 : 1;
    }
    byte[] x = ((String) a).getBytes(StandardCharsets.UTF_8);
    byte[] y = ((String) b).getBytes(StandardCharsets.UTF_8);
    return x.length != y.length
        ? Integer.compare(x.length, y.length)
        : Arrays.compareUnsigned(x, y);
  }

  /**
   * Returns the deterministic encoding of this bucket as a CBOR map.
   *
   * @return the encoded map
   */
  public byte[] encode() {
    CborWriter w = new CborWriter(encodedSize());
    writeTo(w);
    return w.toByteArray();
  }

  /**
   * Returns the length of {@link #encode()} without encoding, so that a caller can size a buffer
   * exactly.
   *
   * @return the encoded length in bytes
   */
  public int encodedSize() {
    // Only an encoding already kept: sizing is not a write, and sizes agree either way.
    byte[] enc = encoding;
    if (enc != null) {
      return enc.length;
    }
    byte[] base = appendsTo == null ? null : appendsTo.encoding;
    if (base != null) {
      int n = appendsTo.labels.length;
      return sizeOfOneMoreThan(base, n) + entrySize(n);
    }
    return entriesSize();
  }

  private int entriesSize() {
    int n = CborWriter.headLength(labels.length);
    for (int i = 0; i < labels.length; i++) {
      n += entrySize(i);
    }
    return n;
  }

  private int entrySize(int i) {
    int n;
    Object l = labels[i];
    if (l instanceof Long) {
      long x = (Long) l;
      n = CborWriter.headLength(x >= 0 ? x : -1 - x);
    } else {
      int u = ((String) l).getBytes(StandardCharsets.UTF_8).length;
      n = CborWriter.headLength(u) + u;
    }
    CBORObject v = values[i];
    if (v.getType() == CBORType.ByteString && !v.isTagged()) {
      int b = v.GetByteString().length;
      return n + CborWriter.headLength(b) + b;
    }
    return n + new CborWriter(16).writeValue(v).size();
  }

  private static void writeLabel(CborWriter w, Object label) {
    if (label instanceof Long) {
      w.writeInt((Long) label);
    } else {
      w.writeText((String) label);
    }
  }

  /**
   * Reads a header map from a reader, checking labels and generic header value types.
   *
   * @param r the reader, positioned at the map
   * @param where names the bucket in error messages, for example {@code COSE_Sign1 unprotected}
   * @return the map
   * @throws CborException if the CBOR is malformed
   * @throws HeaderException if labels repeat or a generic header has the wrong type
   */
  public static HeaderMap read(CborReader r, String where) throws CborException, HeaderException {
    return read(r, where, "");
  }

  /**
   * Reads a header map whose name in error messages is {@code where + bucket}, joined only if an
   * error needs it: decoding a message should not build strings for errors that do not happen.
   */
  static HeaderMap read(CborReader r, String where, String bucket)
      throws CborException, HeaderException {
    if (r.peekMajorType() != 5) {
      throw new HeaderException(where + bucket + ": header bucket is not a map");
    }
    int n = r.readMapHeader();
    if (n == 0) {
      return EMPTY;
    }
    Object[] labels = new Object[n];
    CBORObject[] values = new CBORObject[n];
    for (int i = 0; i < n; i++) {
      int t = r.peekMajorType();
      Object label;
      if (t == 0 || t == 1) {
        label = r.readInt();
      } else if (t == 3) {
        label = r.readTextString();
      } else {
        throw new HeaderException(
            where + bucket + ": label #" + (i + 1) + " is neither int nor tstr");
      }
      for (int j = 0; j < i; j++) {
        if (labels[j].equals(label)) {
          throw new HeaderException(where + bucket + ": label " + label + " appears twice");
        }
      }
      labels[i] = label;
      values[i] = r.readValue();
      checkValue(label, values[i], where, bucket);
    }
    return new HeaderMap(labels, values);
  }

  /** Checks the value types RFC 9052 §3.1 gives for the generic headers. */
  private static void checkValue(Object label, CBORObject v, String where, String bucket)
      throws HeaderException {
    if (!(label instanceof Long)) {
      return;
    }
    long l = (Long) label;
    boolean ok;
    if (l == HeaderLabel.ALG) {
      ok = isInt(v) || v.getType() == CBORType.TextString;
    } else if (l == HeaderLabel.CRIT) {
      ok = v.getType() == CBORType.Array && v.size() > 0;
      for (int i = 0; ok && i < v.size(); i++) {
        ok = isInt(v.get(i)) || v.get(i).getType() == CBORType.TextString;
      }
    } else if (l == HeaderLabel.CONTENT_TYPE) {
      ok =
          (isInt(v) && v.AsNumber().signum() >= 0 && !v.isTagged())
              || v.getType() == CBORType.TextString;
    } else if (l == HeaderLabel.KID) {
      // RFC 9052 says bstr; some senders (the COSE WG x509 examples among them) send text.
      ok =
          (v.getType() == CBORType.ByteString || v.getType() == CBORType.TextString)
              && !v.isTagged();
    } else if (l == HeaderLabel.IV
        || l == HeaderLabel.PARTIAL_IV
        || l == HeaderLabel.KID_CONTEXT
        || l == HeaderLabel.SALT
        || l == HeaderLabel.STATIC_KEY_ID) {
      ok = v.getType() == CBORType.ByteString && !v.isTagged();
    } else if (l == HeaderLabel.EPHEMERAL_KEY || l == HeaderLabel.STATIC_KEY) {
      ok = v.getType() == CBORType.Map && !v.isTagged();
    } else if (l <= HeaderLabel.PARTY_U_IDENTITY && l >= HeaderLabel.PARTY_V_OTHER) {
      // PartyInfo fields: bstr / nil, and a nonce may also be an int (RFC 9053 §5.2).
      boolean nonce = l == HeaderLabel.PARTY_U_NONCE || l == HeaderLabel.PARTY_V_NONCE;
      ok =
          !v.isTagged()
              && (v.getType() == CBORType.ByteString
                  || v.isNull()
                  || (nonce && v.getType() == CBORType.Integer));
    } else {
      ok = true;
    }
    if (!ok && l == HeaderLabel.CRIT) {
      // CriticalHeaderException documents an empty or malformed crit as its own case.
      throw new CriticalHeaderException(
          where + bucket + ": crit is not a non-empty array of int or tstr labels");
    }
    if (!ok) {
      throw new HeaderException(
          where + bucket + ": header " + l + " has a value of the wrong type");
    }
  }

  private static boolean isInt(CBORObject v) {
    return v.getType() == CBORType.Integer && !v.isTagged();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HeaderMap && Arrays.equals(encode(), ((HeaderMap) o).encode());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < labels.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(labels[i]).append(": ").append(values[i]);
    }
    return sb.append('}').toString();
  }

  /** Builds a {@link HeaderMap}; adding a label again replaces its value. */
  public static final class Builder {
    // Plain arrays: a bucket is built per message in counter mode, and lists cost more to fill
    // and turn into arrays than the few labels a bucket holds. Room for two (kid and an IV or
    // Partial IV): a full builder hands its arrays to the map it builds, and copies them only
    // if it is changed afterwards.
    private Object[] labels = new Object[2];
    private CBORObject[] values = new CBORObject[2];
    private int size;
    private boolean handedOver;

    private Builder() {}

    /**
     * Sets an integer label.
     *
     * @param label the label
     * @param value the value; a byte string, array or map is copied
     * @return this builder
     */
    public Builder set(long label, CBORObject value) {
      return put(label, copyOf(value));
    }

    /**
     * Sets a text label.
     *
     * @param label the label
     * @param value the value; a byte string, array or map is copied
     * @return this builder
     */
    public Builder set(String label, CBORObject value) {
      return put(label, copyOf(value));
    }

    private int indexOf(Object label) {
      for (int i = 0; i < size; i++) {
        if (labels[i].equals(label)) {
          return i;
        }
      }
      return -1;
    }

    /** Makes the arrays this builder's own again, at least {@code capacity} long. */
    private void own(int capacity) {
      if (handedOver || capacity > labels.length) {
        int n = Math.max(capacity, labels.length);
        labels = Arrays.copyOf(labels, n);
        values = Arrays.copyOf(values, n);
        handedOver = false;
      }
    }

    private Builder put(Object label, CBORObject value) {
      int i = indexOf(label);
      if (i >= 0) {
        own(size);
        values[i] = value;
        return this;
      }
      own(size == labels.length ? size * 2 : size + 1);
      labels[size] = label;
      values[size++] = value;
      return this;
    }

    /**
     * Removes a label if present.
     *
     * @param label a {@code Long} or {@code String}
     * @return this builder
     */
    public Builder remove(Object label) {
      int i = indexOf(label);
      if (i >= 0) {
        own(size);
        System.arraycopy(labels, i + 1, labels, i, size - i - 1);
        System.arraycopy(values, i + 1, values, i, size - i - 1);
        size--;
        labels[size] = null;
        values[size] = null;
      }
      return this;
    }

    /**
     * Sets {@code alg}.
     *
     * @param alg the algorithm
     * @return this builder
     */
    public Builder algorithm(Algorithm alg) {
      return set(HeaderLabel.ALG, CBORObject.FromObject(Objects.requireNonNull(alg, "alg").id()));
    }

    /**
     * Sets {@code kid}.
     *
     * @param kid the key id
     * @return this builder
     */
    public Builder keyId(byte[] kid) {
      return put(
          HeaderLabel.KID, CBORObject.FromObject(Objects.requireNonNull(kid, "kid").clone()));
    }

    /**
     * Sets {@code IV}.
     *
     * @param iv the full IV
     * @return this builder
     */
    public Builder iv(byte[] iv) {
      return put(HeaderLabel.IV, CBORObject.FromObject(Objects.requireNonNull(iv, "iv").clone()));
    }

    /**
     * Sets {@code Partial IV}.
     *
     * @param partialIv the partial IV
     * @return this builder
     */
    public Builder partialIv(byte[] partialIv) {
      return put(
          HeaderLabel.PARTIAL_IV,
          CBORObject.FromObject(Objects.requireNonNull(partialIv, "partialIv").clone()));
    }

    /**
     * Sets {@code content type} as a CoAP content format.
     *
     * @param format the content format number
     * @return this builder
     */
    public Builder contentType(int format) {
      return set(HeaderLabel.CONTENT_TYPE, CBORObject.FromObject(format));
    }

    /**
     * Sets {@code content type} as a media type.
     *
     * @param mediaType the media type
     * @return this builder
     */
    public Builder contentType(String mediaType) {
      return set(
          HeaderLabel.CONTENT_TYPE,
          CBORObject.FromObject(Objects.requireNonNull(mediaType, "mediaType")));
    }

    /**
     * Sets {@code crit}: the labels a receiver must understand to process the message. Only the
     * protected bucket may carry it, which {@link Headers#of} checks.
     *
     * @param labels at least one label, each a {@code Long} (or {@code Integer}) or {@code String}
     * @return this builder
     * @throws IllegalArgumentException if there is none, or one is of another type
     */
    public Builder critical(Object... labels) {
      Objects.requireNonNull(labels, "labels");
      if (labels.length == 0) {
        throw new IllegalArgumentException("crit needs at least one label (RFC 9052 §3.1)");
      }
      CBORObject array = CBORObject.NewArray();
      for (Object l : labels) {
        if (l instanceof Long || l instanceof Integer) {
          array.Add(CBORObject.FromObject(((Number) l).longValue()));
        } else if (l instanceof String) {
          array.Add(CBORObject.FromObject((String) l));
        } else {
          throw new IllegalArgumentException(
              "crit label " + l + " is neither an integer nor a string");
        }
      }
      return set(HeaderLabel.CRIT, array);
    }

    /**
     * Builds the immutable bucket.
     *
     * @return the map
     */
    public HeaderMap build() {
      if (size == 0) {
        return EMPTY;
      }
      if (size == labels.length) {
        handedOver = true;
        return new HeaderMap(labels, values);
      }
      return new HeaderMap(Arrays.copyOf(labels, size), Arrays.copyOf(values, size));
    }
  }
}
