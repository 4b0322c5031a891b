package io.coseiot.cose.key;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.coseiot.cose.cbor.CborReader;
import io.coseiot.cose.cbor.CborWriter;
import io.coseiot.cose.exception.CborException;
import io.coseiot.cose.exception.KeyException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** An immutable COSE_KeySet (RFC 9052 §7): {@code COSE_KeySet = [+COSE_Key]}. */
public final class CoseKeySet {
  private final List<CoseKey> keys;

  private CoseKeySet(List<CoseKey> keys) {
    this.keys = List.copyOf(keys);
  }

  /**
   * Creates a key set.
   *
   * @param keys at least one key
   * @return the set
   * @throws IllegalArgumentException if there are no keys
   */
  public static CoseKeySet of(List<CoseKey> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("COSE_KeySet needs at least one key");
    }
    return new CoseKeySet(keys);
  }

  /**
   * Decodes a COSE_KeySet.
   *
   * @param encoded the encoding
   * @return the set
   * @throws CborException if the CBOR is malformed or has trailing bytes
   * @throws KeyException if it is not a non-empty array of valid COSE_Keys
   */
  public static CoseKeySet decode(byte[] encoded) throws CborException, KeyException {
    CborReader r = new CborReader(encoded);
    CBORObject array = r.readValue();
    r.requireEnd("COSE_KeySet");
    if (array.getType() != CBORType.Array || array.isTagged() || array.size() == 0) {
      throw new KeyException("COSE_KeySet is not a non-empty array");
    }
    List<CoseKey> keys = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      try {
        keys.add(CoseKey.fromCbor(array.get(i)));
      } catch (KeyException e) {
        throw new KeyException("COSE_KeySet[" + i + "]: " + e.getMessage(), e);
      }
    }
    return new CoseKeySet(keys);
  }

  /**
   * Returns the deterministic encoding.
   *
   * @return the encoded COSE_KeySet
   */
  public byte[] encode() {
    CborWriter w = new CborWriter(128 * keys.size());
    w.writeArrayHeader(keys.size());
    for (CoseKey k : keys) {
      k.writeTo(w);
    }
    return w.toByteArray();
  }

  /**
   * Returns the keys in order.
   *
   * @return an unmodifiable list
   */
  public List<CoseKey> keys() {
    return keys;
  }

  /**
   * Returns the keys with this {@code kid}. A kid need not be unique (RFC 9052 §3.1), so there may
   * be several, to be tried in order.
   *
   * @param kid the key id
   * @return an unmodifiable list, empty if none match
   */
  public List<CoseKey> byKeyId(byte[] kid) {
    List<CoseKey> out = new ArrayList<>();
    for (CoseKey k : keys) {
      if (Arrays.equals(k.bytes(KeyLabel.KID), kid)) {
        out.add(k);
      }
    }
    return List.copyOf(out);
  }
}
