package io.coseiot.cose.header;

/**
 * Integer labels of the IANA "COSE Header Parameters" registry (RFC 9052 §3.1, RFC 9053, RFC 9338,
 * RFC 8613) that this library reads or writes.
 */
public final class HeaderLabel {
  private HeaderLabel() {}

  /** {@code alg}: the algorithm, an int or tstr. */
  public static final long ALG = 1;

  /** {@code crit}: labels the receiver must understand, in the protected bucket only. */
  public static final long CRIT = 2;

  /** {@code content type}: a CoAP content format (uint) or a media type (tstr). */
  public static final long CONTENT_TYPE = 3;

  /** {@code kid}: key identifier, a bstr. */
  public static final long KID = 4;

  /** {@code IV}: full initialization vector, a bstr. */
  public static final long IV = 5;

  /** {@code Partial IV}: combined with the context's base IV, a bstr. */
  public static final long PARTIAL_IV = 6;

  /** {@code counter signature} in the RFC 8152 form (superseded by {@link #COUNTER_SIGNATURE}). */
  public static final long COUNTER_SIGNATURE_V1 = 7;

  /** {@code CounterSignature0} in the RFC 8152 form (superseded by {@link #COUNTER_SIGNATURE0}). */
  public static final long COUNTER_SIGNATURE0_V1 = 9;

  /** {@code kid context}: identifies the context of a kid (RFC 8613). */
  public static final long KID_CONTEXT = 10;

  /** {@code Countersignature version 2} (RFC 9338). */
  public static final long COUNTER_SIGNATURE = 11;

  /** {@code Countersignature0 version 2} (RFC 9338). */
  public static final long COUNTER_SIGNATURE0 = 12;

  /** {@code x5chain}: an X.509 certificate chain. */
  public static final long X5CHAIN = 33;

  /** {@code ephemeral key}: the sender's ephemeral COSE_Key for ECDH-ES. */
  public static final long EPHEMERAL_KEY = -1;

  /** {@code static key}: the sender's static COSE_Key for ECDH-SS. */
  public static final long STATIC_KEY = -2;

  /** {@code static key id}: identifies the sender's static key for ECDH-SS. */
  public static final long STATIC_KEY_ID = -3;

  /** {@code salt}: salt for HKDF. */
  public static final long SALT = -20;

  /** {@code PartyU identity} for COSE_KDF_Context. */
  public static final long PARTY_U_IDENTITY = -21;

  /** {@code PartyU nonce} for COSE_KDF_Context. */
  public static final long PARTY_U_NONCE = -22;

  /** {@code PartyU other} for COSE_KDF_Context. */
  public static final long PARTY_U_OTHER = -23;

  /** {@code PartyV identity} for COSE_KDF_Context. */
  public static final long PARTY_V_IDENTITY = -24;

  /** {@code PartyV nonce} for COSE_KDF_Context. */
  public static final long PARTY_V_NONCE = -25;

  /** {@code PartyV other} for COSE_KDF_Context. */
  public static final long PARTY_V_OTHER = -26;
}
