package io.coseiot.cose.message;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.KeyException;
import io.coseiot.cose.internal.RawAccess;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.KeyLabel;
import io.coseiot.cose.key.KeyType;

/** Checks that a COSE_Key may be used with an algorithm before its material is used. */
final class KeyUse {
  private KeyUse() {}

  /** Fails if the key names another algorithm in its {@code alg} parameter. */
  static void checkAlgorithm(CoseKey key, Algorithm alg, String where) throws KeyException {
    if (key.contains(KeyLabel.ALG) && key.algorithm() != alg) {
      throw new KeyException(
          where + ": key is restricted to " + key.get(KeyLabel.ALG) + ", not " + alg.ianaName());
    }
  }

  /** Returns the bytes of a symmetric key meant for {@code alg}. */
  static byte[] secret(CoseKey key, Algorithm alg, String where) throws KeyException {
    if (key.keyType() != KeyType.SYMMETRIC) {
      throw new KeyException(
          where + ": " + alg.ianaName() + " needs a symmetric key, got " + key.keyType());
    }
    checkAlgorithm(key, alg, where);
    byte[] k = RawAccess.keyBytes(key, KeyLabel.K);
    if (k == null) {
      throw new KeyException(where + ": symmetric key has no k parameter");
    }
    return k;
  }
}
