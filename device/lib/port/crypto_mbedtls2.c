/* mbedTLS 2.28 backend of crypto_port.h (make CRYPTO=mbedtls2): the legacy API, as Debian 12
 * ships it. */
#include "crypto_port.h"

#include <mbedtls/ccm.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/ecdsa.h>
#include <mbedtls/entropy.h>
#include <mbedtls/gcm.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/md.h>
#include <string.h>

static cose_err gcm_ccm_seal(const cp_alg *pa, const uint8_t *key, const uint8_t *nonce,
                             const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t n,
                             uint8_t *out) {
  cp_alg a = *pa;
  size_t key_len = a.key_len;
  int rc;
  if (a.kind == CP_GCM) {
    mbedtls_gcm_context g;
    mbedtls_gcm_init(&g);
    rc = mbedtls_gcm_setkey(&g, MBEDTLS_CIPHER_ID_AES, key, (unsigned)key_len * 8);
    if (rc == 0)
      rc = mbedtls_gcm_crypt_and_tag(&g, MBEDTLS_GCM_ENCRYPT, n, nonce, a.nonce_len, aad, aad_len,
                                     in, out, a.tag_len, out + n);
    mbedtls_gcm_free(&g);
  } else {
    mbedtls_ccm_context c;
    mbedtls_ccm_init(&c);
    rc = mbedtls_ccm_setkey(&c, MBEDTLS_CIPHER_ID_AES, key, (unsigned)key_len * 8);
    if (rc == 0)
      rc = mbedtls_ccm_encrypt_and_tag(&c, n, nonce, a.nonce_len, aad, aad_len, in, out, out + n,
                                       a.tag_len);
    mbedtls_ccm_free(&c);
  }
  return rc == 0 ? COSE_OK : COSE_ERR_CRYPTO;
}

static cose_err gcm_ccm_open(const cp_alg *pa, const uint8_t *key, const uint8_t *nonce,
                             const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t ct_len,
                             uint8_t *out) {
  cp_alg a = *pa;
  size_t key_len = a.key_len, n = ct_len - a.tag_len;
  int rc, auth;
  if (a.kind == CP_GCM) {
    mbedtls_gcm_context g;
    mbedtls_gcm_init(&g);
    rc = mbedtls_gcm_setkey(&g, MBEDTLS_CIPHER_ID_AES, key, (unsigned)key_len * 8);
    if (rc == 0)
      rc = mbedtls_gcm_auth_decrypt(&g, n, nonce, a.nonce_len, aad, aad_len, in + n, a.tag_len,
                                    in, out);
    mbedtls_gcm_free(&g);
    auth = MBEDTLS_ERR_GCM_AUTH_FAILED;
  } else {
    mbedtls_ccm_context c;
    mbedtls_ccm_init(&c);
    rc = mbedtls_ccm_setkey(&c, MBEDTLS_CIPHER_ID_AES, key, (unsigned)key_len * 8);
    if (rc == 0)
      rc = mbedtls_ccm_auth_decrypt(&c, n, nonce, a.nonce_len, aad, aad_len, in, out, in + n,
                                    a.tag_len);
    mbedtls_ccm_free(&c);
    auth = MBEDTLS_ERR_CCM_AUTH_FAILED;
  }
  if (rc == auth) return COSE_ERR_AUTH;
  return rc == 0 ? COSE_OK : COSE_ERR_CRYPTO;
}

cose_err cp_aead(bool is_seal, const cp_alg *a, const uint8_t *key, const uint8_t *nonce,
                 const uint8_t *aad, size_t aad_len, const uint8_t *in, size_t n, uint8_t *out) {
  return is_seal ? gcm_ccm_seal(a, key, nonce, aad, aad_len, in, n, out)
                 : gcm_ccm_open(a, key, nonce, aad, aad_len, in, n, out);
}

void cp_sha256_start(cp_sha256 *s) {
  mbedtls_sha256_init(s);
  (void)mbedtls_sha256_starts_ret(s, 0);
}
void cp_sha256_update(cp_sha256 *s, const uint8_t *p, size_t n) {
  if (n) (void)mbedtls_sha256_update_ret(s, p, n);
}
cose_err cp_sha256_finish(cp_sha256 *s, uint8_t out[32]) {
  int rc = mbedtls_sha256_finish_ret(s, out);
  mbedtls_sha256_free(s);
  return rc == 0 ? COSE_OK : COSE_ERR_CRYPTO;
}

/* HMAC (RFC 2104) on SHA-256: block size 64, keys longer than a block are hashed first. */
void cp_hmac_start(cp_hmac *h, const uint8_t *key, size_t key_len) {
  uint8_t k[64] = {0}, ipad[64];
  if (key_len > 64) {
    cp_sha256 s;
    cp_sha256_start(&s);
    cp_sha256_update(&s, key, key_len);
    (void)cp_sha256_finish(&s, k); /* software SHA-256 on 2.28 cannot fail */
  } else if (key_len) {
    memcpy(k, key, key_len);
  }
  for (int i = 0; i < 64; i++) {
    ipad[i] = k[i] ^ 0x36;
    h->opad[i] = k[i] ^ 0x5c;
  }
  cp_sha256_start(&h->inner);
  cp_sha256_update(&h->inner, ipad, 64);
  mbedtls_platform_zeroize(k, sizeof k);
  mbedtls_platform_zeroize(ipad, sizeof ipad);
}
void cp_hmac_update(cp_hmac *h, const uint8_t *p, size_t n) { cp_sha256_update(&h->inner, p, n); }
cose_err cp_hmac_finish(cp_hmac *h, uint8_t out[32]) {
  uint8_t ih[32];
  cose_err e = cp_sha256_finish(&h->inner, ih);
  cp_sha256 o;
  cp_sha256_start(&o);
  cp_sha256_update(&o, h->opad, 64);
  cp_sha256_update(&o, ih, 32);
  cose_err e2 = cp_sha256_finish(&o, out);
  mbedtls_platform_zeroize(h->opad, sizeof h->opad);
  mbedtls_platform_zeroize(ih, sizeof ih);
  return e != COSE_OK ? e : e2;
}

/* One DRBG per process, seeded on first use; firmware replaces this with esp_fill_random. */
static mbedtls_entropy_context g_entropy;
static mbedtls_ctr_drbg_context g_drbg;
static bool g_drbg_ready;

static int rng(void *ctx, unsigned char *out, size_t n) {
  (void)ctx;
  return cp_random(out, n) == COSE_OK ? 0 : -1;
}

cose_err cp_random(uint8_t *out, size_t n) {
  if (!g_drbg_ready) {
    mbedtls_entropy_init(&g_entropy);
    mbedtls_ctr_drbg_init(&g_drbg);
    static const unsigned char pers[] = "cose-iot device";
    if (mbedtls_ctr_drbg_seed(&g_drbg, mbedtls_entropy_func, &g_entropy, pers, sizeof pers - 1))
      return COSE_ERR_CRYPTO;
    g_drbg_ready = true;
  }
  return mbedtls_ctr_drbg_random(&g_drbg, out, n) == 0 ? COSE_OK : COSE_ERR_CRYPTO;
}

#if COSE_CFG_SIGN
cose_err cp_es256_sign(const uint8_t d[32], const uint8_t hash[32], uint8_t sig[64]) {
  mbedtls_ecp_group g;
  mbedtls_mpi k, r, s;
  mbedtls_ecp_group_init(&g);
  mbedtls_mpi_init(&k);
  mbedtls_mpi_init(&r);
  mbedtls_mpi_init(&s);
  cose_err e = COSE_ERR_CRYPTO;
  if (mbedtls_ecp_group_load(&g, MBEDTLS_ECP_DP_SECP256R1) == 0 &&
      mbedtls_mpi_read_binary(&k, d, 32) == 0) {
    if (mbedtls_ecp_check_privkey(&g, &k) != 0) e = COSE_ERR_KEY;
    else if (mbedtls_ecdsa_sign_det_ext(&g, &r, &s, &k, hash, 32, MBEDTLS_MD_SHA256, rng, NULL) == 0 &&
             mbedtls_mpi_write_binary(&r, sig, 32) == 0 &&
             mbedtls_mpi_write_binary(&s, sig + 32, 32) == 0)
      e = COSE_OK;
  }
  mbedtls_mpi_free(&k);
  mbedtls_mpi_free(&r);
  mbedtls_mpi_free(&s);
  mbedtls_ecp_group_free(&g);
  return e;
}
#endif

cose_err cp_es256_verify(const uint8_t x[32], const uint8_t y[32], const uint8_t hash[32],
                         const uint8_t sig[64]) {
  mbedtls_ecp_group g;
  mbedtls_ecp_point q;
  mbedtls_mpi r, s;
  mbedtls_ecp_group_init(&g);
  mbedtls_ecp_point_init(&q);
  mbedtls_mpi_init(&r);
  mbedtls_mpi_init(&s);
  uint8_t pt[65];
  pt[0] = 0x04; /* uncompressed point: 04 || x || y */
  memcpy(pt + 1, x, 32);
  memcpy(pt + 33, y, 32);
  cose_err e = COSE_ERR_CRYPTO;
  if (mbedtls_ecp_group_load(&g, MBEDTLS_ECP_DP_SECP256R1) == 0) {
    if (mbedtls_ecp_point_read_binary(&g, &q, pt, sizeof pt) != 0 ||
        mbedtls_ecp_check_pubkey(&g, &q) != 0)
      e = COSE_ERR_KEY;
    else if (mbedtls_mpi_read_binary(&r, sig, 32) == 0 &&
             mbedtls_mpi_read_binary(&s, sig + 32, 32) == 0)
      /* mbedtls_ecdsa_verify rejects r or s outside [1, n-1] itself. */
      e = mbedtls_ecdsa_verify(&g, hash, 32, &q, &r, &s) == 0 ? COSE_OK : COSE_ERR_AUTH;
  }
  mbedtls_mpi_free(&r);
  mbedtls_mpi_free(&s);
  mbedtls_ecp_point_free(&q);
  mbedtls_ecp_group_free(&g);
  return e;
}

#if COSE_CFG_SIGN
cose_err cp_es256_generate(uint8_t d[32], uint8_t x[32], uint8_t y[32]) {
  mbedtls_ecp_group g;
  mbedtls_ecp_point q;
  mbedtls_mpi k;
  mbedtls_ecp_group_init(&g);
  mbedtls_ecp_point_init(&q);
  mbedtls_mpi_init(&k);
  int rc = mbedtls_ecp_group_load(&g, MBEDTLS_ECP_DP_SECP256R1);
  if (rc == 0) rc = mbedtls_ecp_gen_keypair(&g, &k, &q, rng, NULL);
  if (rc == 0) rc = mbedtls_mpi_write_binary(&k, d, 32);
  if (rc == 0) rc = mbedtls_mpi_write_binary(&q.X, x, 32);
  if (rc == 0) rc = mbedtls_mpi_write_binary(&q.Y, y, 32);
  mbedtls_mpi_free(&k);
  mbedtls_ecp_point_free(&q);
  mbedtls_ecp_group_free(&g);
  return rc == 0 ? COSE_OK : COSE_ERR_CRYPTO;
}
#endif
