/*
 * The only interface between cose_dev and a crypto library (mbedTLS 2.28 here, as ESP-IDF
 * ships mbedTLS too). HMAC-SHA-256 is done on a plain SHA-256 context so that the MAC path
 * needs no mbedtls_md allocation; GCM/CCM/ECDSA go through mbedTLS, whose own internal
 * allocations (cipher contexts, bignums) use mbedtls_calloc: see README for a static pool.
 */
#ifndef CRYPTO_PORT_H
#define CRYPTO_PORT_H

#include <mbedtls/sha256.h>

#include "cose_dev.h"

typedef enum { CP_NONE, CP_GCM, CP_CCM, CP_HMAC, CP_ECDSA } cp_kind;

typedef struct {
  cp_kind kind;
  size_t key_len;   /* exact for AEADs; 0 = any non-empty for HMAC; 32 for ES256 d */
  size_t tag_len;   /* AEAD tag / truncated MAC length / signature length */
  size_t nonce_len; /* AEAD nonce length */
} cp_alg;

/* Fills *out for an alg of the device profile; false if outside it. */
bool cp_alg_info(int64_t alg, cp_alg *out);

/* out receives n bytes of ciphertext followed by the tag (n + tag_len bytes). */
cose_err cp_aead_seal(int64_t alg, const uint8_t *key, size_t key_len, const uint8_t *nonce,
                      const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t n,
                      uint8_t *out);
/* in is ciphertext||tag of ct_len bytes; out receives ct_len - tag_len bytes. */
cose_err cp_aead_open(int64_t alg, const uint8_t *key, size_t key_len, const uint8_t *nonce,
                      const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t ct_len,
                      uint8_t *out);

typedef struct {
  mbedtls_sha256_context inner;
  uint8_t opad[64];
} cp_hmac;
void cp_hmac_start(cp_hmac *h, const uint8_t *key, size_t key_len);
void cp_hmac_update(cp_hmac *h, const uint8_t *p, size_t n);
void cp_hmac_finish(cp_hmac *h, uint8_t out[32]);

cose_err cp_hkdf_sha256(const uint8_t *salt, size_t salt_len, const uint8_t *ikm, size_t ikm_len,
                        const uint8_t *info, size_t info_len, uint8_t *okm, size_t okm_len);

typedef mbedtls_sha256_context cp_sha256;
void cp_sha256_start(cp_sha256 *s);
void cp_sha256_update(cp_sha256 *s, const uint8_t *p, size_t n);
void cp_sha256_finish(cp_sha256 *s, uint8_t out[32]);

/* ES256 with the raw r||s signature of RFC 9053 (64 bytes). Signing is deterministic
 * (RFC 6979) so a device needs no entropy per signature, only for mbedTLS's blinding. */
cose_err cp_es256_sign(const uint8_t d[32], const uint8_t hash[32], uint8_t sig[64]);
cose_err cp_es256_verify(const uint8_t x[32], const uint8_t y[32], const uint8_t hash[32],
                         const uint8_t sig[64]);

/* Constant-time comparison (MAC tags). */
bool cp_equal(const uint8_t *a, const uint8_t *b, size_t n);
/* Random bytes for IVs: mbedTLS CTR_DRBG here, esp_fill_random() on an ESP32. */
cose_err cp_random(uint8_t *out, size_t n);

#endif
