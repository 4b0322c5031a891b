package io.coseiot.cose.message;

import io.coseiot.cose.algorithm.Algorithm;
import io.coseiot.cose.exception.AlgorithmException;
import io.coseiot.cose.exception.CoseException;
import io.coseiot.cose.exception.HeaderException;
import io.coseiot.cose.exception.NonceException;
import io.coseiot.cose.header.HeaderLabel;
import io.coseiot.cose.header.HeaderMap;
import io.coseiot.cose.header.Headers;
import io.coseiot.cose.internal.KeyState;
import io.coseiot.cose.internal.RawAccess;
import io.coseiot.cose.key.CoseKey;
import io.coseiot.cose.key.KeyLabel;

/**
 * The sender's rules of the single-key messages (Encrypt0, Mac0, Sign1): the key names the
 * algorithm and key id, which fill the headers ({@code alg} protected, {@code kid} unprotected);
 * headers a caller adds may not contradict them, and may not choose the IV.
 */
final class Senders {
  private Senders() {}

  /** The headers to send: the key's own when {@code extra} is null, else extra with them merged. */
  static Headers headers(CoseKey key, Headers extra, Algorithm.Kind kind, String where)
      throws CoseException {
    if (extra == null) {
      KeyState state = RawAccess.keyState(key);
      Headers h = state.senderHeaders();
      if (h == null) {
        h = merge(key, Headers.empty(), kind, where);
        state.senderHeaders(h);
      }
      return h;
    }
    if (extra.contains(HeaderLabel.IV) || extra.contains(HeaderLabel.PARTIAL_IV)) {
      throw new NonceException(
          where
              + ": the headers carry an IV or Partial IV; the library draws a fresh IV for every"
              + " message. A fixed IV is for reproducing test vectors only: use the ForTestVectors"
              + " method");
    }
    return merge(key, extra, kind, where);
  }

  private static Headers merge(CoseKey key, Headers extra, Algorithm.Kind kind, String where)
      throws CoseException {
    Algorithm keyAlg = key.algorithm();
    boolean headerAlg = extra.contains(HeaderLabel.ALG);
    if (headerAlg && extra.unprotectedMap().contains(HeaderLabel.ALG)) {
      throw new HeaderException(
          where
              + ": alg is in the unprotected bucket, where nothing authenticates it; leave alg to"
              + " the key, which puts it in the protected bucket");
    }
    if (keyAlg == null && !headerAlg) {
      throw new AlgorithmException(
          where
              + ": the key names no algorithm; build it with CoseKey.Builder.algorithm(...) so the"
              + " message can name it too");
    }
    if (keyAlg != null && headerAlg && extra.algorithm(where) != keyAlg) {
      throw new AlgorithmException(
          where
              + ": the headers' alg "
              + extra.algorithm(where).ianaName()
              + " conflicts with the key's "
              + keyAlg.ianaName()
              + "; leave alg out of the headers, the key names it");
    }
    Algorithm alg = keyAlg != null ? keyAlg : extra.algorithm(where);
    if (alg.kind() != kind) {
      throw new AlgorithmException(
          where + ": " + alg.ianaName() + " is a " + alg.kind() + " algorithm, not " + kind);
    }
    HeaderMap prot = extra.protectedMap();
    if (!headerAlg) {
      prot = prot.toBuilder().algorithm(alg).build();
    }
    HeaderMap unprot = extra.unprotectedMap();
    byte[] kid = RawAccess.keyBytes(key, KeyLabel.KID);
    if (kid != null && !extra.contains(HeaderLabel.KID)) {
      unprot = unprot.toBuilder().keyId(kid).build();
    }
    return prot == extra.protectedMap() && unprot == extra.unprotectedMap()
        ? extra
        : Headers.of(prot, unprot);
  }

  /**
   * The checks of a multi-recipient or multi-signer body's headers: {@code alg} protected and, for
   * encryption, no caller-chosen IV.
   */
  static void checkBody(Headers headers, boolean encrypting, String where) throws CoseException {
    if (!headers.protectedMap().contains(HeaderLabel.ALG)
        && headers.unprotectedMap().contains(HeaderLabel.ALG)) {
      throw new HeaderException(
          where
              + ": alg is in the unprotected bucket, where nothing authenticates it; put it in the"
              + " protected bucket");
    }
    if (encrypting && !Nonces.needsRandomIv(headers)) {
      throw new NonceException(
          where
              + ": the headers carry an IV or Partial IV; the library draws a fresh IV for every"
              + " message. A fixed IV is for reproducing test vectors only: use the ForTestVectors"
              + " method");
    }
  }

  /** Refuses a caller-chosen nonce already used under this key instance (test-vector paths). */
  static void recordNonce(CoseKey key, byte[] nonce, String where) throws NonceException {
    if (!RawAccess.keyState(key).recordNonce(nonce)) {
      throw new NonceException(
          where
              + ": this nonce was already used under this key instance (the last "
              + KeyState.REMEMBERED_NONCES
              + " are remembered); reusing an AEAD nonce reveals the plaintexts. Give each"
              + " message its own IV or Partial IV, or let encrypt draw one");
    }
  }
}
