/*
 * What the fuzz target and its seed generator share: the first input byte picks the decode
 * path, the rest is the message; keys and topic are the fixed test ones (common/test_keys.h),
 * so seeds sealed with them reach the crypto and the checks behind it.
 */
#ifndef COSE_CROSS_FUZZ_TARGET_H
#define COSE_CROSS_FUZZ_TARGET_H

enum {
  FUZZ_KEY_DECODE,    /* cose_key_decode */
  FUZZ_ENCRYPT0_OPEN, /* cose_encrypt0_open, AES-CCM-16-64-128 key */
  FUZZ_MAC0_VERIFY,   /* cose_mac0_verify, HMAC-256 key */
  FUZZ_SIGN1_VERIFY,  /* cose_sign1_verify, ES256 public key */
  FUZZ_PROFILE_OPEN,  /* cose_profile_open, CCM topic key, replay window, ES256 verifier */
  FUZZ_PEEK_KID,      /* cose_peek_kid for each of the three tags */
  FUZZ_PATHS_
};

#include "cose_dev.h"

/* Once, before any input: PSA, the test keys, the topic key. */
void fuzz_init(void);
/* One input: its first byte picks the path; aborts on a contract violation. */
cose_err fuzz_one(const uint8_t *data, size_t size);

#define FUZZ_FILTER "sensors/+/telemetry"
#define FUZZ_TOPIC "sensors/dev7/telemetry"
#define FUZZ_ALG COSE_ALG_CCM_16_64_128
#endif
