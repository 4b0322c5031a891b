package io.coseiot.cose.message;

/**
 * The six COSE message types with their CBOR tags (RFC 9052 §2) and the {@code cose-type} values of
 * the {@code application/cose} media type (RFC 9052 §9).
 */
public enum MessageType {
  /** COSE_Sign: signed data object with one or more signatures. */
  SIGN(98, "cose-sign"),
  /** COSE_Sign1: signed data object with one signature. */
  SIGN1(18, "cose-sign1"),
  /** COSE_Encrypt: encrypted data object with one or more recipients. */
  ENCRYPT(96, "cose-encrypt"),
  /** COSE_Encrypt0: encrypted data object with an implicit key. */
  ENCRYPT0(16, "cose-encrypt0"),
  /** COSE_Mac: MACed data object with one or more recipients. */
  MAC(97, "cose-mac"),
  /** COSE_Mac0: MACed data object with an implicit key. */
  MAC0(17, "cose-mac0");

  private final int tag;
  private final String coseType;
  // Built once: MQTT subscribers compare every received content type with it.
  private final String mediaType;

  MessageType(int tag, String coseType) {
    this.tag = tag;
    this.coseType = coseType;
    this.mediaType = "application/cose; cose-type=\"" + coseType + "\"";
  }

  /**
   * Returns the CBOR tag.
   *
   * @return the tag number
   */
  public int tag() {
    return tag;
  }

  /**
   * Returns the {@code cose-type} parameter value of {@code application/cose}.
   *
   * @return for example {@code cose-encrypt0}
   */
  public String coseType() {
    return coseType;
  }

  /**
   * Returns the full media type, for example {@code application/cose; cose-type="cose-encrypt0"}.
   *
   * @return the media type
   */
  public String mediaType() {
    return mediaType;
  }

  /**
   * Returns the structure name used in error messages, for example {@code COSE_Encrypt0}.
   *
   * @return the name
   */
  public String structureName() {
    switch (this) {
      case SIGN:
        return "COSE_Sign";
      case SIGN1:
        return "COSE_Sign1";
      case ENCRYPT:
        return "COSE_Encrypt";
      case ENCRYPT0:
        return "COSE_Encrypt0";
      case MAC:
        return "COSE_Mac";
      default:
        return "COSE_Mac0";
    }
  }

  /**
   * Looks a message type up by its CBOR tag.
   *
   * @param tag the tag
   * @return the type, or null for any other tag
   */
  public static MessageType fromTag(long tag) {
    for (MessageType t : values()) {
      if (t.tag == tag) {
        return t;
      }
    }
    return null;
  }
}
