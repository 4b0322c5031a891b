package io.coseiot.cose.key;

/** The IANA "COSE Elliptic Curves" registry entries this library handles. */
public enum Curve {
  /** NIST P-256, also known as secp256r1. */
  P_256(1, "P-256", KeyType.EC2, 32, "secp256r1"),
  /** NIST P-384, also known as secp384r1. */
  P_384(2, "P-384", KeyType.EC2, 48, "secp384r1"),
  /** NIST P-521, also known as secp521r1. */
  P_521(3, "P-521", KeyType.EC2, 66, "secp521r1"),
  /** X25519 for ECDH only. */
  X25519(4, "X25519", KeyType.OKP, 32, "X25519"),
  /** X448 for ECDH only. */
  X448(5, "X448", KeyType.OKP, 56, "X448"),
  /** Ed25519 for EdDSA only. */
  ED25519(6, "Ed25519", KeyType.OKP, 32, "Ed25519"),
  /** Ed448 for EdDSA only. */
  ED448(7, "Ed448", KeyType.OKP, 57, "Ed448");

  private final int id;
  private final String coseName;
  private final KeyType keyType;
  private final int coordinateLength;
  private final String jcaName;

  Curve(int id, String coseName, KeyType keyType, int coordinateLength, String jcaName) {
    this.id = id;
    this.coseName = coseName;
    this.keyType = keyType;
    this.coordinateLength = coordinateLength;
    this.jcaName = jcaName;
  }

  /**
   * Returns the registry value carried in {@code crv}.
   *
   * @return the id
   */
  public int id() {
    return id;
  }

  /**
   * Returns the registry name, also used as the JWK {@code crv}.
   *
   * @return the name
   */
  public String coseName() {
    return coseName;
  }

  /**
   * Returns the key type that carries this curve.
   *
   * @return EC2 or OKP
   */
  public KeyType keyType() {
    return keyType;
  }

  /**
   * Returns the fixed length in bytes of a coordinate, public key or private scalar.
   *
   * @return the length
   */
  public int coordinateLength() {
    return coordinateLength;
  }

  /**
   * Returns the curve's JCA name.
   *
   * @return the name
   */
  public String jcaName() {
    return jcaName;
  }

  /**
   * Looks a curve up by id.
   *
   * @param id the id
   * @return the curve, or null if unknown
   */
  public static Curve fromId(long id) {
    for (Curve c : values()) {
      if (c.id == id) {
        return c;
      }
    }
    return null;
  }

  /**
   * Looks a curve up by its registry name.
   *
   * @param name the name, such as {@code P-256}
   * @return the curve, or null if unknown
   */
  public static Curve fromName(String name) {
    for (Curve c : values()) {
      if (c.coseName.equals(name)) {
        return c;
      }
    }
    return null;
  }
}
