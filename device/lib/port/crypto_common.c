/* The parts of crypto_port.h that need no crypto library, or only its HMAC. */
#include <string.h>

#include "crypto_port.h"

const cp_alg *cp_alg_info(int32_t alg) {
  /* RFC 9053 tables: CCM-L-M-K names give L (so nonce = 15 - L/8), tag M bits, key K bits. The
   * profile's device algorithms (docs/mqtt-cose-profile.md section 6) and HMAC 256/64 first,
   * then the other AEADs unless the build leaves them out. */
  static const struct cp_alg_entry {
    int8_t alg;
    cp_alg a;
  } t[] = {
      {COSE_ALG_CCM_16_64_128, {CP_CCM, 16, 8, 13}},  {COSE_ALG_A128GCM, {CP_GCM, 16, 16, 12}},
      {COSE_ALG_HMAC256_64, {CP_HMAC, 0, 8, 0}},      {COSE_ALG_HMAC256, {CP_HMAC, 0, 32, 0}},
      {COSE_ALG_ES256, {CP_ECDSA, 32, 64, 0}},        {COSE_ALG_ESP256, {CP_ECDSA, 32, 64, 0}},
#if COSE_CFG_ALL_ALGS
      {COSE_ALG_A192GCM, {CP_GCM, 24, 16, 12}},       {COSE_ALG_A256GCM, {CP_GCM, 32, 16, 12}},
      {COSE_ALG_CCM_16_64_256, {CP_CCM, 32, 8, 13}},  {COSE_ALG_CCM_64_64_128, {CP_CCM, 16, 8, 7}},
      {COSE_ALG_CCM_64_64_256, {CP_CCM, 32, 8, 7}},   {COSE_ALG_CCM_16_128_128, {CP_CCM, 16, 16, 13}},
      {COSE_ALG_CCM_16_128_256, {CP_CCM, 32, 16, 13}}, {COSE_ALG_CCM_64_128_128, {CP_CCM, 16, 16, 7}},
      {COSE_ALG_CCM_64_128_256, {CP_CCM, 32, 16, 7}},
#endif
      {0, {CP_NONE, 0, 0, 0}}, /* the end: 0 is no COSE algorithm */
  };
  for (const struct cp_alg_entry *e = t; e->a.kind != CP_NONE; e++)
    if (e->alg == alg) return &e->a;
  return NULL;
}

bool cp_equal(const uint8_t *a, const uint8_t *b, size_t n) {
  uint8_t d = 0;
  for (size_t i = 0; i < n; i++) d |= a[i] ^ b[i];
  return d == 0;
}

/* RFC 5869 on the port's HMAC: the same accelerated HMAC as Mac0, and no key derivation API
 * of the crypto library (mbedTLS 3's PSA one is about 3 KiB of flash). */
cose_err cp_hkdf_sha256(const uint8_t *salt, size_t salt_len, const uint8_t *ikm, size_t ikm_len,
                        const uint8_t *info, size_t info_len, uint8_t *okm, size_t okm_len) {
  if (okm_len > 255 * 32) return COSE_ERR_ARG;
  uint8_t prk[32] = {0}, t[32]; /* prk starts as the HashLen zeros of an absent salt */
  cp_hmac h;
  cp_hmac_start(&h, salt_len ? salt : prk, salt_len ? salt_len : sizeof prk);
  cp_hmac_update(&h, ikm, ikm_len);
  cose_err e = cp_hmac_finish(&h, prk);
  /* T(i) = HMAC(PRK, T(i-1) | info | i), T(0) empty; OKM is their first okm_len bytes. */
  for (uint8_t i = 1; e == COSE_OK && okm_len; i++) {
    cp_hmac_start(&h, prk, sizeof prk);
    cp_hmac_update(&h, t, i > 1 ? sizeof t : 0);
    cp_hmac_update(&h, info, info_len);
    cp_hmac_update(&h, &i, 1);
    e = cp_hmac_finish(&h, t);
    size_t n = okm_len < sizeof t ? okm_len : sizeof t;
    memcpy(okm, t, n);
    okm += n;
    okm_len -= n;
  }
  return e;
}
