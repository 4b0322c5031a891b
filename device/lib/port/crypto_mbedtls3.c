/* mbedTLS 3.6 backend of crypto_port.h (the default), on the PSA Crypto API only: that is
 * where ESP-IDF 5 routes AES-GCM/CCM, SHA-256/HMAC and ECDSA to the chip's accelerators.
 * Every key is a volatile PSA key that lives for one call and is destroyed before return. */
#include <string.h>

#include "crypto_port.h"

/* psa_crypto_init is idempotent: the first call seeds the DRBG, the others return at once. */
static cose_err ready(void) { return psa_crypto_init() == PSA_SUCCESS ? COSE_OK : COSE_ERR_CRYPTO; }

static cose_err import(psa_key_type_t type, psa_algorithm_t alg, psa_key_usage_t usage,
                       const uint8_t *data, size_t n, psa_key_id_t *id) {
  cose_err e = ready();
  if (e != COSE_OK) return e;
  psa_key_attributes_t at = PSA_KEY_ATTRIBUTES_INIT;
  psa_set_key_type(&at, type);
  psa_set_key_algorithm(&at, alg);
  psa_set_key_usage_flags(&at, usage);
  psa_status_t st = psa_import_key(&at, data, n, id);
  psa_reset_key_attributes(&at);
  if (st == PSA_ERROR_INVALID_ARGUMENT || st == PSA_ERROR_NOT_SUPPORTED) return COSE_ERR_KEY;
  return st == PSA_SUCCESS ? COSE_OK : COSE_ERR_CRYPTO;
}

static psa_algorithm_t aead_alg(const cp_alg *a) {
  psa_algorithm_t base = a->kind == CP_GCM ? PSA_ALG_GCM : PSA_ALG_CCM;
  return PSA_ALG_AEAD_WITH_SHORTENED_TAG(base, a->tag_len);
}

cose_err cp_aead(bool seal, const cp_alg *a, const uint8_t *key, const uint8_t *nonce,
                 const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t n, uint8_t *out) {
  psa_key_id_t id;
  psa_algorithm_t pa = aead_alg(a);
  cose_err e = import(PSA_KEY_TYPE_AES, pa, seal ? PSA_KEY_USAGE_ENCRYPT : PSA_KEY_USAGE_DECRYPT,
                      key, a->key_len, &id);
  if (e != COSE_OK) return e;
  size_t got = 0, out_len = seal ? n + a->tag_len : n - a->tag_len;
  /* One call site for both directions: the two PSA calls take the same arguments. */
  psa_status_t st = (seal ? psa_aead_encrypt : psa_aead_decrypt)(
      id, pa, nonce, a->nonce_len, aad, aad_len, in, n, out, out_len, &got);
  psa_destroy_key(id);
  if (st == PSA_ERROR_INVALID_SIGNATURE) return COSE_ERR_AUTH;
  return st == PSA_SUCCESS && got == out_len ? COSE_OK : COSE_ERR_CRYPTO;
}

void cp_sha256_start(cp_sha256 *s) {
  memset(&s->op, 0, sizeof s->op); /* all-bits-zero is a valid initial operation (PSA 1.x) */
  s->err = ready();
  if (s->err == COSE_OK && psa_hash_setup(&s->op, PSA_ALG_SHA_256) != PSA_SUCCESS)
    s->err = COSE_ERR_CRYPTO;
}
void cp_sha256_update(cp_sha256 *s, const uint8_t *p, size_t n) {
  if (s->err == COSE_OK && n && psa_hash_update(&s->op, p, n) != PSA_SUCCESS) s->err = COSE_ERR_CRYPTO;
}
cose_err cp_sha256_finish(cp_sha256 *s, uint8_t out[32]) {
  size_t got = 0;
  if (s->err == COSE_OK && (psa_hash_finish(&s->op, out, 32, &got) != PSA_SUCCESS || got != 32))
    s->err = COSE_ERR_CRYPTO;
  psa_hash_abort(&s->op);
  return s->err;
}

void cp_hmac_start(cp_hmac *h, const uint8_t *key, size_t key_len) {
  memset(&h->op, 0, sizeof h->op); /* as for the hash: zero is the initial state */
  h->key = PSA_KEY_ID_NULL;
  psa_algorithm_t alg = PSA_ALG_HMAC(PSA_ALG_SHA_256);
  h->err = import(PSA_KEY_TYPE_HMAC, alg, PSA_KEY_USAGE_SIGN_MESSAGE, key, key_len, &h->key);
  if (h->err == COSE_OK && psa_mac_sign_setup(&h->op, h->key, alg) != PSA_SUCCESS)
    h->err = COSE_ERR_CRYPTO;
}
void cp_hmac_update(cp_hmac *h, const uint8_t *p, size_t n) {
  if (h->err == COSE_OK && n && psa_mac_update(&h->op, p, n) != PSA_SUCCESS) h->err = COSE_ERR_CRYPTO;
}
cose_err cp_hmac_finish(cp_hmac *h, uint8_t out[32]) {
  size_t got = 0;
  if (h->err == COSE_OK && (psa_mac_sign_finish(&h->op, out, 32, &got) != PSA_SUCCESS || got != 32))
    h->err = COSE_ERR_CRYPTO;
  psa_mac_abort(&h->op);
  psa_destroy_key(h->key);
  return h->err;
}

cose_err cp_random(uint8_t *out, size_t n) {
  cose_err e = ready();
  if (e != COSE_OK) return e;
  return psa_generate_random(out, n) == PSA_SUCCESS ? COSE_OK : COSE_ERR_CRYPTO;
}

#define P256_PAIR PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1)
#define P256_PUB PSA_KEY_TYPE_ECC_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1)

cose_err cp_es256_verify(const uint8_t x[32], const uint8_t y[32], const uint8_t hash[32],
                         const uint8_t sig[64]) {
  uint8_t pt[65];
  pt[0] = 0x04; /* uncompressed point: 04 || x || y; PSA checks it is on the curve */
  memcpy(pt + 1, x, 32);
  memcpy(pt + 33, y, 32);
  psa_key_id_t id;
  psa_algorithm_t alg = PSA_ALG_ECDSA(PSA_ALG_SHA_256);
  cose_err e = import(P256_PUB, alg, PSA_KEY_USAGE_VERIFY_HASH, pt, sizeof pt, &id);
  if (e != COSE_OK) return e;
  /* PSA rejects r or s outside [1, n-1] as an invalid signature. */
  psa_status_t st = psa_verify_hash(id, alg, hash, 32, sig, 64);
  psa_destroy_key(id);
  if (st == PSA_ERROR_INVALID_SIGNATURE) return COSE_ERR_AUTH;
  return st == PSA_SUCCESS ? COSE_OK : COSE_ERR_CRYPTO;
}

#if COSE_CFG_SIGN
cose_err cp_es256_sign(const uint8_t d[32], const uint8_t hash[32], uint8_t sig[64]) {
  psa_key_id_t id;
  psa_algorithm_t alg = PSA_ALG_DETERMINISTIC_ECDSA(PSA_ALG_SHA_256);
  cose_err e = import(P256_PAIR, alg, PSA_KEY_USAGE_SIGN_HASH, d, 32, &id);
  if (e != COSE_OK) return e;
  size_t got = 0;
  psa_status_t st = psa_sign_hash(id, alg, hash, 32, sig, 64, &got);
  psa_destroy_key(id);
  return st == PSA_SUCCESS && got == 64 ? COSE_OK : COSE_ERR_CRYPTO;
}

cose_err cp_es256_generate(uint8_t d[32], uint8_t x[32], uint8_t y[32]) {
  cose_err e = ready();
  if (e != COSE_OK) return e;
  psa_key_attributes_t at = PSA_KEY_ATTRIBUTES_INIT;
  psa_set_key_type(&at, P256_PAIR);
  psa_set_key_bits(&at, 256);
  psa_set_key_usage_flags(&at, PSA_KEY_USAGE_EXPORT);
  psa_key_id_t id;
  psa_status_t st = psa_generate_key(&at, &id);
  if (st != PSA_SUCCESS) return COSE_ERR_CRYPTO;
  uint8_t pub[65];
  size_t dn = 0, pn = 0;
  st = psa_export_key(id, d, 32, &dn);
  if (st == PSA_SUCCESS) st = psa_export_public_key(id, pub, sizeof pub, &pn);
  psa_destroy_key(id);
  if (st != PSA_SUCCESS || dn != 32 || pn != 65) return COSE_ERR_CRYPTO;
  memcpy(x, pub + 1, 32);
  memcpy(y, pub + 33, 32);
  return COSE_OK;
}
#endif
