package io.coseiot.cose.key;

/** Labels of the IANA "COSE Key Common Parameters" and "COSE Key Type Parameters" registries. */
public final class KeyLabel {
  private KeyLabel() {}

  /** {@code kty}: key type. */
  public static final long KTY = 1;

  /** {@code kid}: key identifier. */
  public static final long KID = 2;

  /** {@code alg}: the algorithm the key is restricted to. */
  public static final long ALG = 3;

  /** {@code key_ops}: permitted operations. */
  public static final long KEY_OPS = 4;

  /** {@code Base IV}: base IV to combine with a Partial IV. */
  public static final long BASE_IV = 5;

  /** EC2 and OKP {@code crv}. */
  public static final long CRV = -1;

  /** EC2 and OKP {@code x}: x coordinate, or the public key for OKP. */
  public static final long X = -2;

  /** EC2 {@code y}: y coordinate, or its sign bit as a bool for a compressed point. */
  public static final long Y = -3;

  /** EC2 and OKP {@code d}: private key. */
  public static final long D = -4;

  /** Symmetric {@code k}: key value. */
  public static final long K = -1;

  /** RSA {@code n}: modulus. */
  public static final long RSA_N = -1;

  /** RSA {@code e}: public exponent. */
  public static final long RSA_E = -2;

  /** RSA {@code d}: private exponent. */
  public static final long RSA_D = -3;

  /** RSA {@code p}: first prime factor. */
  public static final long RSA_P = -4;

  /** RSA {@code q}: second prime factor. */
  public static final long RSA_Q = -5;

  /** RSA {@code dP}: first factor CRT exponent. */
  public static final long RSA_DP = -6;

  /** RSA {@code dQ}: second factor CRT exponent. */
  public static final long RSA_DQ = -7;

  /** RSA {@code qInv}: first CRT coefficient. */
  public static final long RSA_QINV = -8;
}
