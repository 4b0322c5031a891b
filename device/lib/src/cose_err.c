#include "cose_dev.h"

const char *cose_strerror(cose_err e) {
  /* Indexed by the enum; kept in the same order as cose_dev.h. */
  static const char *const k[COSE_ERR_COUNT_] = {
      [COSE_OK] = "ok",
      [COSE_ERR_ARG] = "invalid argument",
      [COSE_ERR_BUFFER_TOO_SMALL] = "buffer too small for the result",
      [COSE_ERR_TOO_LARGE] = "message larger than the configured limit",
      [COSE_ERR_CBOR_TRUNCATED] = "CBOR truncated",
      [COSE_ERR_CBOR_MALFORMED] = "CBOR malformed",
      [COSE_ERR_CBOR_INDEFINITE] = "CBOR indefinite length not accepted",
      [COSE_ERR_TRAILING_BYTES] = "trailing bytes after the CBOR item",
      [COSE_ERR_STRUCTURE] = "wrong COSE structure (arity or item type)",
      [COSE_ERR_WRONG_TAG] = "wrong CBOR tag for this message type",
      [COSE_ERR_UNTAGGED] = "untagged message where a tag is required",
      [COSE_ERR_HEADER] = "invalid header parameter",
      [COSE_ERR_DUPLICATE_LABEL] = "duplicate label",
      [COSE_ERR_CRIT] = "unknown critical header parameter",
      [COSE_ERR_UNSUPPORTED_ALG] = "algorithm not supported by the device profile",
      [COSE_ERR_ALG_MISMATCH] = "algorithm mismatch between header, key and request",
      [COSE_ERR_KEY] = "invalid key for this algorithm",
      [COSE_ERR_NONCE] = "missing or invalid IV / Partial IV",
      [COSE_ERR_DETACHED] = "detached payload not supported",
      [COSE_ERR_AUTH] = "authentication failed (tag, MAC or signature)",
      [COSE_ERR_CRYPTO] = "crypto library failure",
      [COSE_ERR_KID_MISMATCH] = "kid hint does not match the COSE kid",
      [COSE_ERR_UNKNOWN_KID] = "no key for this kid",
      [COSE_ERR_REPLAY] = "replayed message: IV or sequence number seen, or below the window",
      [COSE_ERR_COUNTER_EXHAUSTED] = "sequence number space exhausted",
      [COSE_ERR_CBOR_DEPTH] = "CBOR nested too deeply",
      [COSE_ERR_SEQ_STORE] = "sequence-number store failed; sealing stopped",
      [COSE_ERR_NOT_SEALED] = "not a sealed message (empty, untagged or not COSE)",
  };
  /* As unsigned, a negative value is out of range too, whether the ABI's enum is signed
   * (RV32, hosts) or unsigned (arm-none-eabi's short enums). */
  if ((unsigned)e >= COSE_ERR_COUNT_ || !k[e]) return "unknown error";
  return k[e];
}
