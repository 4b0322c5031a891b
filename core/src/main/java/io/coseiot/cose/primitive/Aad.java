package io.coseiot.cose.primitive;

/**
 * An {@code external_aad} prepared by one primitive: the structure COSE authenticates (the
 * Enc_structure, or the MAC_structure or Sig_structure up to the payload) encoded once, so that a
 * caller who sends or receives message after message under one external_aad, such as an MQTT topic,
 * pays for it once. Made by {@link Encrypt0Primitive#prepare}, {@link Mac0Primitive#prepare} or
 * {@link Sign1Primitive#prepare}; immutable and safe to share between threads. Handed to another
 * primitive than its maker, it still works: that primitive rebuilds the structure from the
 * external_aad.
 */
public final class Aad {
  final Object owner;
  final byte[] externalAad;
  // The structure prefix for the owner's own protected bytes; its callers only read it.
  final byte[] structure;

  Aad(Object owner, byte[] externalAad, byte[] structure) {
    this.owner = owner;
    this.externalAad = externalAad;
    this.structure = structure;
  }

  /**
   * Returns the external_aad this was prepared from.
   *
   * @return a copy, empty if none was given
   */
  public byte[] externalAad() {
    return externalAad.clone();
  }
}
