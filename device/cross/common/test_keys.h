/*
 * Fixed TEST keys for the probe and the fuzz target (never for a device): an AES-128 key for
 * CCM-16-64-128, an HMAC-256 key, and an ES256 pair whose public point PSA computes from a
 * fixed scalar. Each is encoded as a COSE_Key and decoded by the library.
 */
#ifndef COSE_CROSS_TEST_KEYS_H
#define COSE_CROSS_TEST_KEYS_H
#include "cose_dev.h"

typedef struct {
  uint8_t sym_cbor[48], mac_cbor[64], priv_cbor[160], pub_cbor[128];
  size_t sym_n, mac_n, priv_n, pub_n;
  cose_key sym, mac, signer, verifier;
  uint8_t master[32]; /* profile master secret */
} test_keys;

/* psa_crypto_init() must have run. COSE_OK or the first failure. */
cose_err test_keys_make(test_keys *t);
#endif
