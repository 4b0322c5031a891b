package io.coseiot.vectors.examples;

/** The COSE structure an example builds, named by the key that holds it under {@code input}. */
public enum Structure {
  /** {@code enveloped}: COSE_Encrypt, with recipients. */
  ENVELOPED("enveloped", "COSE_Encrypt", 96),
  /** {@code encrypted}: COSE_Encrypt0. */
  ENCRYPTED("encrypted", "COSE_Encrypt0", 16),
  /** {@code mac}: COSE_Mac, with recipients. */
  MAC("mac", "COSE_Mac", 97),
  /** {@code mac0}: COSE_Mac0. */
  MAC0("mac0", "COSE_Mac0", 17),
  /** {@code sign}: COSE_Sign, with signers. */
  SIGN("sign", "COSE_Sign", 98),
  /** {@code sign0}: COSE_Sign1. */
  SIGN0("sign0", "COSE_Sign1", 18);

  private final String jsonKey;
  private final String coseName;
  private final int tag;

  Structure(String jsonKey, String coseName, int tag) {
    this.jsonKey = jsonKey;
    this.coseName = coseName;
    this.tag = tag;
  }

  /**
   * Returns the key under {@code input} that holds this structure's parameters.
   *
   * @return the JSON key, such as {@code enveloped}
   */
  public String jsonKey() {
    return jsonKey;
  }

  /**
   * Returns the structure's name in RFC 9052.
   *
   * @return the name, such as {@code COSE_Encrypt}
   */
  public String coseName() {
    return coseName;
  }

  /**
   * Returns the CBOR tag that marks this structure.
   *
   * @return the tag number
   */
  public int tag() {
    return tag;
  }
}
