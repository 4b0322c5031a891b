/*
 * The only interface between cose_dev and a crypto library: crypto_mbedtls3.c (the default:
 * mbedTLS 3.6 through PSA Crypto, where ESP-IDF 5 plugs its AES, SHA and ECC accelerators in)
 * or crypto_mbedtls2.c (make CRYPTO=mbedtls2: Debian's 2.28, legacy API, -DCOSE_CRYPTO_MBEDTLS2).
 * crypto_common.c holds what needs no library. mbedTLS's own allocations (bignums for ECDSA;
 * cipher contexts in 2.28) go through mbedtls_calloc: see README for a static pool.
 */
#ifndef CRYPTO_PORT_H
#define CRYPTO_PORT_H

#include "cose_dev.h"

#if defined(COSE_CRYPTO_MBEDTLS2)
#include <mbedtls/sha256.h>
typedef mbedtls_sha256_context cp_sha256;
/* HMAC on a plain SHA-256 context: 2.28's mbedtls_md HMAC would allocate its pads. */
typedef struct {
  mbedtls_sha256_context inner;
  uint8_t opad[64];
} cp_hmac;
#else
#include <psa/crypto.h>
typedef struct {
  psa_hash_operation_t op;
  cose_err err; /* sticky: the first failure, reported by finish */
} cp_sha256;
typedef struct {
  psa_mac_operation_t op;
  psa_key_id_t key; /* a volatile key for the operation's life, destroyed by finish */
  cose_err err;
} cp_hmac;
#endif

typedef enum { CP_NONE, CP_GCM, CP_CCM, CP_HMAC, CP_ECDSA } cp_kind;

/* One byte a field: the table of cp_alg_info stays small in flash. */
typedef struct {
  uint8_t kind;      /* cp_kind */
  uint8_t key_len;   /* exact for AEADs; 0 = any non-empty for HMAC; 32 for ES256 d */
  uint8_t tag_len;   /* AEAD tag / truncated MAC length / signature length */
  uint8_t nonce_len; /* AEAD nonce length */
} cp_alg;

/* The parameters of an alg this build supports (COSE_CFG_ALL_ALGS); NULL if outside it. */
const cp_alg *cp_alg_info(int32_t alg);

/* a: a GCM or CCM alg from cp_alg_info, key: exactly a->key_len bytes (the caller checked both).
 * Sealing, out receives n bytes of ciphertext followed by the tag (n + tag_len bytes); opening,
 * in is ciphertext||tag of n >= tag_len bytes and out receives n - tag_len bytes. */
cose_err cp_aead(bool seal, const cp_alg *a, const uint8_t *key, const uint8_t *nonce,
                 const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t n, uint8_t *out);

/* Streaming HMAC-SHA-256 and SHA-256: a failure at start or update is kept and returned by
 * finish, so the feeding code stays linear. finish always releases what start took. */
void cp_hmac_start(cp_hmac *h, const uint8_t *key, size_t key_len);
void cp_hmac_update(cp_hmac *h, const uint8_t *p, size_t n);
cose_err cp_hmac_finish(cp_hmac *h, uint8_t out[32]);

void cp_sha256_start(cp_sha256 *s);
void cp_sha256_update(cp_sha256 *s, const uint8_t *p, size_t n);
cose_err cp_sha256_finish(cp_sha256 *s, uint8_t out[32]);

cose_err cp_hkdf_sha256(const uint8_t *salt, size_t salt_len, const uint8_t *ikm, size_t ikm_len,
                        const uint8_t *info, size_t info_len, uint8_t *okm, size_t okm_len);

/* ES256 with the raw r||s signature of RFC 9053 (64 bytes). Signing is deterministic
 * (RFC 6979) so a device needs no entropy per signature. */
cose_err cp_es256_verify(const uint8_t x[32], const uint8_t y[32], const uint8_t hash[32],
                         const uint8_t sig[64]);
#if COSE_CFG_SIGN
cose_err cp_es256_sign(const uint8_t d[32], const uint8_t hash[32], uint8_t sig[64]);
/* A fresh P-256 key pair (the bench's keys; provisioning does this off the device). */
cose_err cp_es256_generate(uint8_t d[32], uint8_t x[32], uint8_t y[32]);
#endif

/* Constant-time comparison (MAC tags). */
bool cp_equal(const uint8_t *a, const uint8_t *b, size_t n);
/* Random bytes for IVs: the library's DRBG here (PSA's on 3.6), esp_fill_random() on an ESP32
 * through ESP-IDF's entropy source. */
cose_err cp_random(uint8_t *out, size_t n);

#endif
