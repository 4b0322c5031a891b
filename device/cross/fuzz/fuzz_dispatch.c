/*
 * The fuzz target's body (fuzz_target.h), shared by the libFuzzer entry (fuzz_open.c) and the
 * corpus replay on RV32 and the host (replay.c). Each input is copied into a buffer of exactly
 * its size so ASan sees any read past it; a result outside cose_err, or a success that returns
 * bytes outside the caller's buffers, aborts.
 */
#include <psa/crypto.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_target.h"
#include "test_keys.h"

static test_keys keys;
static cose_topic_key topic_key;

void fuzz_init(void) {
  if (psa_crypto_init() != PSA_SUCCESS || test_keys_make(&keys) != COSE_OK ||
      cose_topic_key_derive(keys.master, sizeof keys.master, NULL, 0, FUZZ_FILTER, FUZZ_ALG, 1,
                            &topic_key) != COSE_OK)
    abort();
}

static void check_err(cose_err e) {
  if ((unsigned)e >= COSE_ERR_COUNT_ || !cose_strerror(e)) abort();
}

/* A returned byte range must lie inside one of the given buffers. */
static void check_within(cose_bytes b, const uint8_t *p1, size_t n1, const uint8_t *p2, size_t n2) {
  if (b.n == 0) return;
  bool in1 = b.p >= p1 && b.p + b.n <= p1 + n1, in2 = p2 && b.p >= p2 && b.p + b.n <= p2 + n2;
  if (!in1 && !in2) abort();
}

cose_err fuzz_one(const uint8_t *data, size_t size) {
  if (size < 1) return COSE_OK;
  unsigned path = data[0] % FUZZ_PATHS_;
  size_t n = size - 1;
  uint8_t *msg = malloc(n ? n : 1);
  if (!msg) abort();
  memcpy(msg, data + 1, n);
  static uint8_t pt[1024], ws_buf[2048];
  cose_ws ws = {ws_buf, sizeof ws_buf};
  cose_hdr_info info;
  cose_bytes out = {NULL, 0};
  size_t pt_len = 0;
  cose_err e;
  switch (path) {
    case FUZZ_KEY_DECODE: {
      cose_key k;
      e = cose_key_decode(msg, n, &k);
      if (e == COSE_OK) {
        check_within(k.k, msg, n, NULL, 0);
        check_within(k.x, msg, n, NULL, 0);
        check_within(k.kid, msg, n, NULL, 0);
      }
      break;
    }
    case FUZZ_ENCRYPT0_OPEN:
      e = cose_encrypt0_open(&keys.sym, msg, n, NULL, 0, 0, pt, sizeof pt, &pt_len, ws, &info);
      if (e == COSE_OK && pt_len > sizeof pt) abort();
      break;
    case FUZZ_MAC0_VERIFY:
      e = cose_mac0_verify(&keys.mac, msg, n, NULL, 0, 0, &out, &info);
      if (e == COSE_OK) check_within(out, msg, n, NULL, 0);
      break;
    case FUZZ_SIGN1_VERIFY:
      e = cose_sign1_verify(&keys.verifier, msg, n, NULL, 0, 0, &out, &info);
      if (e == COSE_OK) check_within(out, msg, n, NULL, 0);
      break;
    case FUZZ_PROFILE_OPEN: {
      cose_replay_state win = {0};
      e = cose_profile_open(&topic_key, FUZZ_TOPIC, NULL, &win, &keys.verifier, msg, n, pt,
                            sizeof pt, &out, ws);
      if (e == COSE_OK) check_within(out, pt, sizeof pt, ws_buf, sizeof ws_buf);
      break;
    }
    default:
      e = COSE_OK;
      for (uint64_t tag = COSE_TAG_ENCRYPT0; tag <= COSE_TAG_SIGN1; tag++) {
        cose_err t = cose_peek_kid(msg, n, tag, &out);
        check_err(t);
        if (t == COSE_OK) check_within(out, msg, n, NULL, 0);
        if (e == COSE_OK) e = t;
      }
      break;
  }
  check_err(e);
  free(msg);
  return e;
}
