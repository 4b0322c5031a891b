/*
 * The smallest static pool mbedTLS's ES256 needs (make size): mbedTLS's buffer allocator
 * (MBEDTLS_MEMORY_BUFFER_ALLOC_C) gets a pool of the size given on the command line, then
 * psa_crypto_init and one Sign1 sign + verify run through the library. Exit 0 iff both
 * succeed; the Makefile searches the smallest size that does. That pool replaces the system
 * heap for mbedTLS on a device that must not touch it.
 */
#include <mbedtls/memory_buffer_alloc.h>
#include <psa/crypto.h>
#include <stdio.h>
#include <stdlib.h>

#include "cose_dev.h"
#include "test_keys.h"

static unsigned char pool[8192];

int main(int argc, char **argv) {
  size_t n = argc > 1 ? (size_t)atol(argv[argc - 1]) : 0;
  if (n == 0 || n > sizeof pool) return 2;
  mbedtls_memory_buffer_alloc_init(pool, n);
  static test_keys t;
  if (psa_crypto_init() != PSA_SUCCESS || test_keys_make(&t) != COSE_OK) return 1;
  uint8_t prot[16], unprot[48], out[256];
  cose_headers h;
  cose_bytes none = {NULL, 0}, payload;
  cose_hdr_info info;
  size_t m = 0;
  if (cose_headers_build(COSE_ALG_ES256, t.signer.kid, none, none, prot, sizeof prot, unprot,
                         sizeof unprot, &h) != COSE_OK)
    return 1;
  cose_err s = cose_sign1_sign(&t.signer, COSE_ALG_ES256, &h, (const uint8_t *)"21.5", 4, NULL,
                               0, COSE_F_TAGGED, out, sizeof out, &m);
  cose_err v = s != COSE_OK ? s
                            : cose_sign1_verify(&t.verifier, out, m, NULL, 0, COSE_F_REQUIRE_TAG,
                                                &payload, &info);
  printf("pool %u B: sign %s, verify %s\n", (unsigned)n, cose_strerror(s), cose_strerror(v));
  return s != COSE_OK || v != COSE_OK;
}
