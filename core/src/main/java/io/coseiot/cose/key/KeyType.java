package io.coseiot.cose.key;

/** The IANA "COSE Key Types" registry entries this library handles. */
public enum KeyType {
  /** Octet key pair: X25519, X448, Ed25519, Ed448. */
  OKP(1),
  /** Elliptic curve key with x and y coordinates: P-256, P-384, P-521. */
  EC2(2),
  /** RSA key (RFC 8230). */
  RSA(3),
  /** Symmetric key. */
  SYMMETRIC(4);

  private final int id;

  KeyType(int id) {
    this.id = id;
  }

  /**
   * Returns the registry value carried in {@code kty}.
   *
   * @return the id
   */
  public int id() {
    return id;
  }

  /**
   * Looks a key type up by id.
   *
   * @param id the id
   * @return the key type, or null if unknown
   */
  public static KeyType fromId(long id) {
    for (KeyType t : values()) {
      if (t.id == id) {
        return t;
      }
    }
    return null;
  }
}
