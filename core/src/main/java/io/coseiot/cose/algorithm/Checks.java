package io.coseiot.cose.algorithm;

import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.exception.NonceException;

/** Length checks shared by the symmetric primitives, so every refusal reads the same way. */
final class Checks {
  private Checks() {}

  static void keyLength(Algorithm alg, byte[] key, int expected) throws KeyException {
    if (key.length != expected) {
      throw new KeyException(
          alg.ianaName() + ": key is " + key.length + " bytes, expected " + expected);
    }
  }

  static void nonceLength(Algorithm alg, byte[] nonce, int expected) throws NonceException {
    if (nonce.length != expected) {
      throw new NonceException(
          alg.ianaName() + ": nonce is " + nonce.length + " bytes, expected " + expected);
    }
  }
}
