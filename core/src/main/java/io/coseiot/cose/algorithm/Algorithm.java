package io.coseiot.cose.algorithm;

/**
 * The COSE algorithms this library implements, one constant per entry of the IANA "COSE Algorithms"
 * registry, looked up by id. An id that is not here stays a raw header value and only fails, with
 * an {@link io.coseiot.cose.exception.AlgorithmException}, when a message is processed with it.
 *
 * <p>{@link #keyBits()} is the key size that COSE_KDF_Context carries as keyDataLength for a key of
 * this algorithm (RFC 9053 §5.2).
 */
public enum Algorithm {
  // Content encryption, RFC 9053 §4.
  /** AES-GCM mode w/ 128-bit key, 128-bit tag. */
  A128GCM(1, "A128GCM", Kind.AEAD, 128),
  /** AES-GCM mode w/ 192-bit key, 128-bit tag. */
  A192GCM(2, "A192GCM", Kind.AEAD, 192),
  /** AES-GCM mode w/ 256-bit key, 128-bit tag. */
  A256GCM(3, "A256GCM", Kind.AEAD, 256),
  /** AES-CCM mode 128-bit key, 64-bit tag, 13-byte nonce. */
  AES_CCM_16_64_128(10, "AES-CCM-16-64-128", Kind.AEAD, 128),
  /** AES-CCM mode 256-bit key, 64-bit tag, 13-byte nonce. */
  AES_CCM_16_64_256(11, "AES-CCM-16-64-256", Kind.AEAD, 256),
  /** AES-CCM mode 128-bit key, 64-bit tag, 7-byte nonce. */
  AES_CCM_64_64_128(12, "AES-CCM-64-64-128", Kind.AEAD, 128),
  /** AES-CCM mode 256-bit key, 64-bit tag, 7-byte nonce. */
  AES_CCM_64_64_256(13, "AES-CCM-64-64-256", Kind.AEAD, 256),
  /** AES-CCM mode 128-bit key, 128-bit tag, 13-byte nonce. */
  AES_CCM_16_128_128(30, "AES-CCM-16-128-128", Kind.AEAD, 128),
  /** AES-CCM mode 256-bit key, 128-bit tag, 13-byte nonce. */
  AES_CCM_16_128_256(31, "AES-CCM-16-128-256", Kind.AEAD, 256),
  /** AES-CCM mode 128-bit key, 128-bit tag, 7-byte nonce. */
  AES_CCM_64_128_128(32, "AES-CCM-64-128-128", Kind.AEAD, 128),
  /** AES-CCM mode 256-bit key, 128-bit tag, 7-byte nonce. */
  AES_CCM_64_128_256(33, "AES-CCM-64-128-256", Kind.AEAD, 256),
  /** ChaCha20/Poly1305 w/ 256-bit key, 128-bit tag. */
  CHACHA20_POLY1305(24, "ChaCha20/Poly1305", Kind.AEAD, 256),

  // MAC, RFC 9053 §3.
  /** HMAC w/ SHA-256 truncated to 64 bits. */
  HMAC_256_64(4, "HMAC 256/64", Kind.MAC, 256),
  /** HMAC w/ SHA-256. */
  HMAC_256_256(5, "HMAC 256/256", Kind.MAC, 256),
  /** HMAC w/ SHA-384. */
  HMAC_384_384(6, "HMAC 384/384", Kind.MAC, 384),
  /** HMAC w/ SHA-512. */
  HMAC_512_512(7, "HMAC 512/512", Kind.MAC, 512),
  /** AES-MAC 128-bit key, 64-bit tag. */
  AES_MAC_128_64(14, "AES-MAC 128/64", Kind.MAC, 128),
  /** AES-MAC 256-bit key, 64-bit tag. */
  AES_MAC_256_64(15, "AES-MAC 256/64", Kind.MAC, 256),
  /** AES-MAC 128-bit key, 128-bit tag. */
  AES_MAC_128_128(25, "AES-MAC 128/128", Kind.MAC, 128),
  /** AES-MAC 256-bit key, 128-bit tag. */
  AES_MAC_256_128(26, "AES-MAC 256/128", Kind.MAC, 256),

  // Signatures, RFC 9053 §2 and RFC 8230. ES256/384/512 and EdDSA are polymorphic: the key's
  // curve completes them (docs/algorithms.md says which curves each accepts).
  /** ECDSA w/ SHA-256. */
  ES256(-7, "ES256", Kind.SIGNATURE, 0),
  /** ECDSA w/ SHA-384. */
  ES384(-35, "ES384", Kind.SIGNATURE, 0),
  /** ECDSA w/ SHA-512. */
  ES512(-36, "ES512", Kind.SIGNATURE, 0),
  /** EdDSA (Ed25519 or Ed448, from the key's curve). */
  EDDSA(-8, "EdDSA", Kind.SIGNATURE, 0),
  // Fully-specified signatures, RFC 9864: the algorithm names the curve, checked strictly.
  /** ECDSA using P-256 curve and SHA-256. */
  ESP256(-9, "ESP256", Kind.SIGNATURE, 0),
  /** ECDSA using P-384 curve and SHA-384. */
  ESP384(-51, "ESP384", Kind.SIGNATURE, 0),
  /** ECDSA using P-521 curve and SHA-512. */
  ESP512(-52, "ESP512", Kind.SIGNATURE, 0),
  /** EdDSA using the Ed25519 parameter set. */
  ED25519(-19, "Ed25519", Kind.SIGNATURE, 0),
  /** EdDSA using the Ed448 parameter set. */
  ED448(-53, "Ed448", Kind.SIGNATURE, 0),
  /** RSASSA-PSS w/ SHA-256. */
  PS256(-37, "PS256", Kind.SIGNATURE, 0),
  /** RSASSA-PSS w/ SHA-384. */
  PS384(-38, "PS384", Kind.SIGNATURE, 0),
  /** RSASSA-PSS w/ SHA-512. */
  PS512(-39, "PS512", Kind.SIGNATURE, 0),
  /** RSASSA-PKCS1-v1_5 using SHA-256. */
  RS256(-257, "RS256", Kind.SIGNATURE, 0),
  /** RSASSA-PKCS1-v1_5 using SHA-384. */
  RS384(-258, "RS384", Kind.SIGNATURE, 0),
  /** RSASSA-PKCS1-v1_5 using SHA-512. */
  RS512(-259, "RS512", Kind.SIGNATURE, 0),

  // Key distribution, RFC 9053 §6 and RFC 8230.
  /** Direct use of the CEK. */
  DIRECT(-6, "direct", Kind.DIRECT, 0),
  /** Shared secret w/ HKDF and SHA-256. */
  DIRECT_HKDF_SHA_256(-10, "direct+HKDF-SHA-256", Kind.DIRECT_KDF, 0),
  /** Shared secret w/ HKDF and SHA-512. */
  DIRECT_HKDF_SHA_512(-11, "direct+HKDF-SHA-512", Kind.DIRECT_KDF, 0),
  /** Shared secret w/ AES-MAC 128-bit key. */
  DIRECT_HKDF_AES_128(-12, "direct+HKDF-AES-128", Kind.DIRECT_KDF, 0),
  /** Shared secret w/ AES-MAC 256-bit key. */
  DIRECT_HKDF_AES_256(-13, "direct+HKDF-AES-256", Kind.DIRECT_KDF, 0),
  /** AES Key Wrap w/ 128-bit key. */
  A128KW(-3, "A128KW", Kind.KEY_WRAP, 128),
  /** AES Key Wrap w/ 192-bit key. */
  A192KW(-4, "A192KW", Kind.KEY_WRAP, 192),
  /** AES Key Wrap w/ 256-bit key. */
  A256KW(-5, "A256KW", Kind.KEY_WRAP, 256),
  /** ECDH ES w/ HKDF - generate key directly, SHA-256. */
  ECDH_ES_HKDF_256(-25, "ECDH-ES + HKDF-256", Kind.KEY_AGREEMENT, 0),
  /** ECDH ES w/ HKDF - generate key directly, SHA-512. */
  ECDH_ES_HKDF_512(-26, "ECDH-ES + HKDF-512", Kind.KEY_AGREEMENT, 0),
  /** ECDH SS w/ HKDF - generate key directly, SHA-256. */
  ECDH_SS_HKDF_256(-27, "ECDH-SS + HKDF-256", Kind.KEY_AGREEMENT, 0),
  /** ECDH SS w/ HKDF - generate key directly, SHA-512. */
  ECDH_SS_HKDF_512(-28, "ECDH-SS + HKDF-512", Kind.KEY_AGREEMENT, 0),
  /** ECDH ES w/ HKDF-256 and AES Key Wrap w/ 128-bit key. */
  ECDH_ES_A128KW(-29, "ECDH-ES + A128KW", Kind.KEY_AGREEMENT_WRAP, 128),
  /** ECDH ES w/ HKDF-256 and AES Key Wrap w/ 192-bit key. */
  ECDH_ES_A192KW(-30, "ECDH-ES + A192KW", Kind.KEY_AGREEMENT_WRAP, 192),
  /** ECDH ES w/ HKDF-256 and AES Key Wrap w/ 256-bit key. */
  ECDH_ES_A256KW(-31, "ECDH-ES + A256KW", Kind.KEY_AGREEMENT_WRAP, 256),
  /** ECDH SS w/ HKDF-256 and AES Key Wrap w/ 128-bit key. */
  ECDH_SS_A128KW(-32, "ECDH-SS + A128KW", Kind.KEY_AGREEMENT_WRAP, 128),
  /** ECDH SS w/ HKDF-256 and AES Key Wrap w/ 192-bit key. */
  ECDH_SS_A192KW(-33, "ECDH-SS + A192KW", Kind.KEY_AGREEMENT_WRAP, 192),
  /** ECDH SS w/ HKDF-256 and AES Key Wrap w/ 256-bit key. */
  ECDH_SS_A256KW(-34, "ECDH-SS + A256KW", Kind.KEY_AGREEMENT_WRAP, 256),
  /** RSAES-OAEP w/ SHA-1. */
  RSAES_OAEP_SHA_1(-40, "RSAES-OAEP w/ RFC 8017 default parameters", Kind.KEY_TRANSPORT, 0),
  /** RSAES-OAEP w/ SHA-256. */
  RSAES_OAEP_SHA_256(-41, "RSAES-OAEP w/ SHA-256", Kind.KEY_TRANSPORT, 0),
  /** RSAES-OAEP w/ SHA-512. */
  RSAES_OAEP_SHA_512(-42, "RSAES-OAEP w/ SHA-512", Kind.KEY_TRANSPORT, 0);

  /** What an algorithm does, which decides where in a message it may appear. */
  public enum Kind {
    /** Authenticated encryption of content (COSE_Encrypt0, COSE_Encrypt). */
    AEAD,
    /** Message authentication code (COSE_Mac0, COSE_Mac). */
    MAC,
    /** Digital signature (COSE_Sign1, COSE_Sign, countersignatures). */
    SIGNATURE,
    /** Recipient that uses the pre-shared key as the CEK. */
    DIRECT,
    /** Recipient that derives the CEK from a pre-shared secret with HKDF. */
    DIRECT_KDF,
    /** Recipient that wraps the CEK with AES Key Wrap. */
    KEY_WRAP,
    /** Recipient that derives the CEK by ECDH and HKDF. */
    KEY_AGREEMENT,
    /** Recipient that derives a KEK by ECDH and HKDF and wraps the CEK with it. */
    KEY_AGREEMENT_WRAP,
    /** Recipient that encrypts the CEK with RSA-OAEP. */
    KEY_TRANSPORT
  }

  // IANA ids run from -259 to 33; an array indexed by id looks one up without boxing or hashing,
  // which the seal path does once per message.
  private static final int MIN_ID = -259;
  private static final Algorithm[] BY_ID = new Algorithm[33 - MIN_ID + 1];

  static {
    for (Algorithm a : values()) {
      BY_ID[(int) (a.id - MIN_ID)] = a;
    }
  }

  private final long id;
  private final String ianaName;
  private final Kind kind;
  private final int keyBits;

  Algorithm(long id, String ianaName, Kind kind, int keyBits) {
    this.id = id;
    this.ianaName = ianaName;
    this.kind = kind;
    this.keyBits = keyBits;
  }

  /**
   * Returns the IANA algorithm id carried in the {@code alg} header.
   *
   * @return the id
   */
  public long id() {
    return id;
  }

  /**
   * Returns the name in the IANA registry.
   *
   * @return the name
   */
  public String ianaName() {
    return ianaName;
  }

  /**
   * Returns what the algorithm does.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Returns the key size in bits for content and key-wrap algorithms; 0 where the key size comes
   * from the key itself.
   *
   * @return the key size
   */
  public int keyBits() {
    return keyBits;
  }

  /**
   * Looks an algorithm up by its IANA id.
   *
   * @param id the id
   * @return the algorithm, or null if this library does not implement it
   */
  public static Algorithm fromId(long id) {
    return id < MIN_ID || id - MIN_ID >= BY_ID.length ? null : BY_ID[(int) (id - MIN_ID)];
  }
}
