package io.coseiot.cose.key;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.algorithm.SecureRandoms;
import io.coseiot.cose.cbor.CborReader;
import io.coseiot.cose.cbor.CborWriter;
import io.coseiot.cose.exception.CborException;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.internal.KeyState;
import io.coseiot.cose.internal.RawAccess;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A COSE_Key (RFC 9052 §7): immutable key material and metadata. What is done with a key lives
 * elsewhere (in the message types and the algorithm primitives), as in Google Tink.
 *
 * <pre>
 * COSE_Key = {
 *     1 =&gt; tstr / int,          ; kty
 *     ? 2 =&gt; bstr,              ; kid
 *     ? 3 =&gt; tstr / int,        ; alg
 *     ? 4 =&gt; [+ (tstr / int) ], ; key_ops
 *     ? 5 =&gt; bstr,              ; Base IV
 *     * label =&gt; values
 * }
 * </pre>
 *
 * <p>Values are kept as decoded. Every accessor returns a copy of what it reads, and the builder
 * copies what it is given, so a key cannot change after it is built: a caller who changes a
 * returned array changes only that array. The core's own per-message reads of {@code k} and {@code
 * Base IV} go through a non-exported, non-copying path instead.
 */
public final class CoseKey {
  static {
    RawAccess.register(
        new RawAccess.KeyReader() {
          @Override
          public byte[] bytes(CoseKey key, long label) {
            return key.bytes(label);
          }

          @Override
          public KeyState state(CoseKey key) {
            return key.state();
          }
        });
  }

  private final CBORObject map;
  private final KeyType keyType;

  // The parameters the per-message paths read, taken from the immutable map once: a lookup in the
  // CBOR library's sorted map compares CBORObjects and costs more than sealing a short message.
  private final CBORObject kid;
  private final CBORObject baseIv;
  private final CBORObject alg;
  private final CBORObject secret;

  // JCA forms of this key, filled on first use by JcaKeys because conversion costs far more than
  // the per-message operation. They derive only from the immutable map, so threads that race at
  // worst convert twice and store equal keys; volatile publishes them safely.
  private volatile PublicKey jcaPublic;
  private volatile PrivateKey jcaPrivate;

  // Per-instance state of the message package (see KeyState), made on first use.
  private volatile KeyState state;

  private CoseKey(CBORObject map, KeyType keyType) {
    this.map = map;
    this.keyType = keyType;
    this.kid = lookup(map, KeyLabel.KID);
    this.baseIv = lookup(map, KeyLabel.BASE_IV);
    this.alg = lookup(map, KeyLabel.ALG);
    // k shares its label (-1) with crv and the RSA modulus, so it is kept for symmetric keys only.
    this.secret = keyType == KeyType.SYMMETRIC ? lookup(map, KeyLabel.K) : null;
  }

  private static CBORObject lookup(CBORObject map, long label) {
    return map.get(CBORObject.FromObject(label));
  }

  /** Returns a parameter's stored value, from the fields above when it is one of theirs. */
  private CBORObject stored(long label) {
    if (label == KeyLabel.KID) {
      return kid;
    } else if (label == KeyLabel.BASE_IV) {
      return baseIv;
    } else if (label == KeyLabel.ALG) {
      return alg;
    } else if (label == KeyLabel.K && keyType == KeyType.SYMMETRIC) {
      return secret;
    }
    return lookup(map, label);
  }

  /**
   * Starts a key of the given type.
   *
   * @param keyType the key type
   * @return a builder
   */
  public static Builder builder(KeyType keyType) {
    return new Builder(keyType);
  }

  /**
   * Starts a symmetric key.
   *
   * @param k the key bytes
   * @return a builder
   */
  public static Builder symmetric(byte[] k) {
    return builder(KeyType.SYMMETRIC).set(KeyLabel.K, CBORObject.FromObject(k.clone()));
  }

  /**
   * Generates a new key for an algorithm, which it names: a random symmetric key of the algorithm's
   * size for content encryption and MAC, or a key pair on the algorithm's curve for a signature.
   * The random source is the library's DRBG ({@link SecureRandoms#fastDrbg()}).
   *
   * @param alg the algorithm
   * @return the key, with {@code alg}; add a {@code kid} through {@link #builder} if peers need one
   * @throws KeyException if the algorithm does not fix a curve (EdDSA, ES256 with another curve:
   *     use {@link KeyPairs#generate}), or is RSA or a key-management algorithm
   */
  public static CoseKey generate(Algorithm alg) throws KeyException {
    Objects.requireNonNull(alg, "alg");
    SecureRandom random = SecureRandoms.fastDrbg();
    if (alg.kind() == Algorithm.Kind.AEAD || alg.kind() == Algorithm.Kind.MAC) {
      byte[] k = new byte[alg.keyBits() / 8];
      random.nextBytes(k);
      return symmetric(k).algorithm(alg).build();
    }
    Curve curve =
        switch (alg) {
          case ES256, ESP256 -> Curve.P_256;
          case ES384, ESP384 -> Curve.P_384;
          case ES512, ESP512 -> Curve.P_521;
          case ED25519 -> Curve.ED25519;
          case ED448 -> Curve.ED448;
          default ->
              throw new KeyException(
                  alg.ianaName()
                      + ": generate makes content-encryption, MAC and single-curve signature keys;"
                      + " for EdDSA pick the curve with KeyPairs.generate");
        };
    return KeyPairs.generate(curve, random, alg);
  }

  /**
   * Decodes one COSE_Key from its CBOR encoding.
   *
   * @param encoded the encoding
   * @return the key
   * @throws CborException if the CBOR is malformed or has trailing bytes
   * @throws KeyException if it is not a valid COSE_Key
   */
  public static CoseKey decode(byte[] encoded) throws CborException, KeyException {
    CborReader r = new CborReader(encoded);
    CBORObject map = r.readValue();
    r.requireEnd("COSE_Key");
    return fromCbor(map);
  }

  /**
   * Builds a key from an already decoded CBOR map, checking the common parameters.
   *
   * @param map the map
   * @return the key
   * @throws KeyException if it is not a valid COSE_Key
   */
  public static CoseKey fromCbor(CBORObject map) throws KeyException {
    if (map.getType() != CBORType.Map || map.isTagged()) {
      throw new KeyException("COSE_Key is not a map");
    }
    Builder b = null;
    CBORObject kty = map.get(CBORObject.FromObject(KeyLabel.KTY));
    if (kty == null || kty.getType() != CBORType.Integer || !kty.CanValueFitInInt64()) {
      throw new KeyException("COSE_Key: kty is missing or not an int");
    }
    KeyType t = KeyType.fromId(kty.AsInt64Value());
    if (t == null) {
      throw new KeyException("COSE_Key: key type " + kty + " is not supported");
    }
    b = new Builder(t);
    for (Map.Entry<CBORObject, CBORObject> e : map.getEntries()) {
      CBORObject label = e.getKey();
      if (label.getType() == CBORType.Integer && label.CanValueFitInInt64()) {
        if (label.AsInt64Value() != KeyLabel.KTY) {
          b.set(label.AsInt64Value(), e.getValue());
        }
      } else if (label.getType() == CBORType.TextString) {
        b.set(label.AsString(), e.getValue());
      } else {
        throw new KeyException("COSE_Key: label " + label + " is neither int nor tstr");
      }
    }
    return b.build();
  }

  /**
   * Returns the key type.
   *
   * @return the key type
   */
  public KeyType keyType() {
    return keyType;
  }

  /**
   * Returns a parameter by integer label.
   *
   * @param label the label
   * @return a copy of the value, or null if absent
   */
  public CBORObject get(long label) {
    CBORObject v = stored(label);
    return v == null ? null : CBORObject.DecodeFromBytes(v.EncodeToBytes());
  }

  /**
   * Returns whether a parameter is present, without the copy that {@link #get(long)} makes.
   *
   * @param label the label
   * @return true if present
   */
  public boolean contains(long label) {
    return stored(label) != null;
  }

  /**
   * Returns a byte string parameter by integer label.
   *
   * @param label the label
   * @return a copy of the bytes, or null if absent or not a byte string
   */
  public byte[] getBytes(long label) {
    byte[] b = bytes(label);
    return b == null ? null : b.clone();
  }

  /**
   * Returns {@link #getBytes(long)} without the copy: the key's own array, for reads within the
   * core that never change it nor hand it on.
   */
  byte[] bytes(long label) {
    CBORObject v = stored(label);
    return v == null || v.getType() != CBORType.ByteString ? null : v.GetByteString();
  }

  private KeyState state() {
    KeyState s = state;
    if (s == null) {
      synchronized (this) {
        s = state;
        if (s == null) {
          s = new KeyState();
          state = s;
        }
      }
    }
    return s;
  }

  /**
   * Returns {@code kid}.
   *
   * @return a copy of the key id, or null
   */
  public byte[] keyId() {
    return getBytes(KeyLabel.KID);
  }

  /**
   * Returns {@code alg} if it names an implemented algorithm.
   *
   * @return the algorithm, or null if absent or unknown
   */
  public Algorithm algorithm() {
    CBORObject v = alg;
    return v != null && v.getType() == CBORType.Integer && v.CanValueFitInInt64()
        ? Algorithm.fromId(v.AsInt64Value())
        : null;
  }

  /**
   * Returns the curve of an EC2 or OKP key.
   *
   * @return the curve
   * @throws KeyException if the key has no known curve
   */
  public Curve curve() throws KeyException {
    CBORObject v = map.get(CBORObject.FromObject(KeyLabel.CRV));
    Curve c = null;
    if (keyType == KeyType.EC2 || keyType == KeyType.OKP) {
      if (v != null && v.getType() == CBORType.Integer && v.CanValueFitInInt64()) {
        c = Curve.fromId(v.AsInt64Value());
      } else if (v != null && v.getType() == CBORType.TextString) {
        c = Curve.fromName(v.AsString());
      }
    }
    if (c == null || c.keyType() != keyType) {
      throw new KeyException(
          "COSE_Key: " + keyType + " key has no supported curve (crv " + v + ")");
    }
    return c;
  }

  /**
   * Returns the private part: {@code d} for EC2 and OKP, {@code k} for symmetric keys, {@code d}
   * for RSA.
   *
   * @return whether private or secret material is present
   */
  public boolean hasPrivate() {
    long label =
        keyType == KeyType.SYMMETRIC
            ? KeyLabel.K
            : keyType == KeyType.RSA ? KeyLabel.RSA_D : KeyLabel.D;
    return map.ContainsKey(CBORObject.FromObject(label));
  }

  /**
   * Returns this key without its private material, for sending an ephemeral or static public key.
   *
   * @return the public key
   */
  public CoseKey publicKey() {
    Builder b = new Builder(keyType);
    for (Map.Entry<CBORObject, CBORObject> e : map.getEntries()) {
      CBORObject label = e.getKey();
      boolean secret =
          label.getType() == CBORType.Integer
              && ((keyType == KeyType.RSA && label.AsInt64Value() <= KeyLabel.RSA_D)
                  || (keyType != KeyType.RSA && label.AsInt64Value() == KeyLabel.D)
                  || (keyType == KeyType.SYMMETRIC && label.AsInt64Value() == KeyLabel.K));
      if (!secret
          && !(label.getType() == CBORType.Integer && label.AsInt64Value() == KeyLabel.KTY)) {
        b.put(label, e.getValue());
      }
    }
    return b.build();
  }

  /**
   * Returns the labels present, each a {@code Long} or a {@code String}.
   *
   * @return the labels
   */
  public List<Object> labels() {
    List<Object> out = new ArrayList<>();
    for (CBORObject k : map.getKeys()) {
      out.add(k.getType() == CBORType.TextString ? k.AsString() : (Object) k.AsInt64Value());
    }
    return out;
  }

  /**
   * Writes this key deterministically.
   *
   * @param w the writer
   */
  public void writeTo(CborWriter w) {
    w.writeValue(map);
  }

  /**
   * Returns the deterministic encoding.
   *
   * @return the encoded COSE_Key
   */
  public byte[] encode() {
    CborWriter w = new CborWriter(128);
    writeTo(w);
    return w.toByteArray();
  }

  /**
   * Returns a copy of the key as a CBOR map.
   *
   * @return the map
   */
  public CBORObject toCbor() {
    return CBORObject.DecodeFromBytes(encode());
  }

  PublicKey cachedPublic() {
    return jcaPublic;
  }

  void cachePublic(PublicKey key) {
    jcaPublic = key;
  }

  PrivateKey cachedPrivate() {
    return jcaPrivate;
  }

  void cachePrivate(PrivateKey key) {
    jcaPrivate = key;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CoseKey && Arrays.equals(encode(), ((CoseKey) o).encode());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(encode());
  }

  @Override
  public String toString() {
    // Never print secret material.
    return "CoseKey{" + publicKey().map + (hasPrivate() ? " +private" : "") + "}";
  }

  /** Builds a {@link CoseKey}. */
  public static final class Builder {
    private final CBORObject map = CBORObject.NewOrderedMap();
    private final KeyType keyType;

    private Builder(KeyType keyType) {
      this.keyType = keyType;
      map.set(CBORObject.FromObject(KeyLabel.KTY), CBORObject.FromObject(keyType.id()));
    }

    /**
     * Sets a parameter by integer label.
     *
     * @param label the label
     * @param value the value; copied
     * @return this builder
     */
    public Builder set(long label, CBORObject value) {
      return put(CBORObject.FromObject(label), value);
    }

    /**
     * Sets a parameter by text label.
     *
     * @param label the label
     * @param value the value; copied
     * @return this builder
     */
    public Builder set(String label, CBORObject value) {
      return put(CBORObject.FromObject(label), value);
    }

    /**
     * Sets a byte string parameter.
     *
     * @param label the label
     * @param value the bytes; copied
     * @return this builder
     */
    public Builder setBytes(long label, byte[] value) {
      return set(label, CBORObject.FromObject(value.clone()));
    }

    /**
     * Sets {@code kid}.
     *
     * @param kid the key id
     * @return this builder
     */
    public Builder keyId(byte[] kid) {
      return setBytes(KeyLabel.KID, kid);
    }

    /**
     * Sets {@code alg}.
     *
     * @param alg the algorithm
     * @return this builder
     */
    public Builder algorithm(Algorithm alg) {
      return set(KeyLabel.ALG, CBORObject.FromObject(alg.id()));
    }

    /**
     * Sets {@code crv}.
     *
     * @param curve the curve
     * @return this builder
     */
    public Builder curve(Curve curve) {
      return set(KeyLabel.CRV, CBORObject.FromObject(curve.id()));
    }

    private Builder put(CBORObject label, CBORObject value) {
      map.set(label, CBORObject.DecodeFromBytes(value.EncodeToBytes()));
      return this;
    }

    /**
     * Builds the immutable key.
     *
     * @return the key
     */
    public CoseKey build() {
      return new CoseKey(CBORObject.DecodeFromBytes(map.EncodeToBytes()), keyType);
    }
  }
}
