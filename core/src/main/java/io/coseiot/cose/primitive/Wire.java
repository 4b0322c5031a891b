package io.coseiot.cose.primitive;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.cbor.CborWriter;
import io.coseiot.cose.exception.AlgorithmException;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.internal.RawAccess;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.KeyLabel;
import io.coseiot.cose.key.KeyType;
import java.util.Arrays;

/**
 * Byte layout shared by the primitives: every message they write is laid out in one array sized in
 * advance, from pieces encoded once when the primitive is made.
 */
final class Wire {
  static final byte[] NO_BYTES = new byte[0];

  private Wire() {}

  /** The encoded size of a bstr of this length. */
  static int bstrSize(int length) {
    return CborWriter.headLength(length) + length;
  }

  /** Copies a bstr into {@code out} at {@code at}; returns the offset after it. */
  static int putBstr(byte[] out, int at, byte[] value) {
    int start = CborWriter.putBytesHead(out, at, value.length);
    System.arraycopy(value, 0, out, start, value.length);
    return start + value.length;
  }

  /** Copies raw bytes into {@code out} at {@code at}; returns the offset after them. */
  static int put(byte[] out, int at, byte[] raw) {
    System.arraycopy(raw, 0, out, at, raw.length);
    return at + raw.length;
  }

  /** Encodes a text string label once, so that writing it is a copy. */
  static byte[] text(String s) {
    return new CborWriter(8 + s.length() * 3).writeText(s).toByteArray();
  }

  /**
   * The head of a message: its tag, its array header, the protected bstr, and the head of an
   * unprotected map of {@code entries} entries whose first is the kid when there is one.
   */
  static byte[] messageHead(int tag, int arity, byte[] protectedBytes, byte[] kid, int entries) {
    CborWriter w = new CborWriter(16 + protectedBytes.length + (kid == null ? 0 : kid.length));
    w.writeTag(tag).writeArrayHeader(arity).writeBytes(protectedBytes).writeMapHeader(entries);
    if (kid != null) {
      w.writeInt(4).writeBytes(kid);
    }
    return w.toByteArray();
  }

  /** The protected bucket {@code {1: alg}} in deterministic encoding. */
  static byte[] algOnly(Algorithm alg) {
    return new CborWriter(12).writeMapHeader(1).writeInt(1).writeInt(alg.id()).toByteArray();
  }

  /** The key's algorithm, which the primitive needs: a key without one is refused. */
  static Algorithm algorithm(CoseKey key, Algorithm.Kind kind, String what)
      throws AlgorithmException {
    Algorithm alg = key.algorithm();
    if (alg == null) {
      throw new AlgorithmException(
          what
              + ": the key has no alg parameter; set it (CoseKey.Builder.algorithm) to the "
              + kind.toString().toLowerCase(java.util.Locale.ROOT)
              + " algorithm the key is for");
    }
    if (alg.kind() != kind) {
      throw new AlgorithmException(
          what + ": the key's alg " + alg.ianaName() + " is not a " + kind + " algorithm");
    }
    return alg;
  }

  /** A symmetric key's {@code k}, copied once: the primitive keeps it for its whole life. */
  static byte[] secret(CoseKey key, String what) throws KeyException {
    if (key.keyType() != KeyType.SYMMETRIC) {
      throw new KeyException(what + ": needs a symmetric key, got " + key.keyType());
    }
    byte[] k = RawAccess.keyBytes(key, KeyLabel.K);
    if (k == null) {
      throw new KeyException(what + ": the symmetric key has no k parameter");
    }
    return k.clone();
  }

  /** The kid as sent: a copy of the key's, or null when the key has none. */
  static byte[] kid(CoseKey key) {
    byte[] kid = key.keyId();
    return kid == null || kid.length == 0 ? null : kid;
  }

  /** Whether the bytes a message was received with are the primitive's own protected bytes. */
  static boolean same(byte[] received, byte[] own) {
    return received == own || Arrays.equals(received, own);
  }
}
