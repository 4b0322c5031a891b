#include "seq_util.h"

#include <string.h>

static uint8_t g_out[256], g_pt[64], g_ws[512];

void seq_topic_key(cose_topic_key *tk) {
  static const uint8_t master[32] = {7, 7, 7};
  (void)cose_topic_key_derive(master, sizeof master, NULL, 0, "d/+/telemetry", COSE_ALG_CCM_16_64_128,
                              1, tk);
}

cose_err seq_seal(const cose_topic_key *tk, cose_sender *s, uint64_t *seq, bool *kid_ok) {
  size_t n;
  cose_ws ws = {g_ws, sizeof g_ws};
  cose_err e = cose_profile_seal(tk, SEQ_TOPIC, s, NULL, (const uint8_t *)"21.5", 4, g_out,
                                 sizeof g_out, &n, ws);
  if (e != COSE_OK) return e;
  /* Read back from the message as a receiver would: open it and take its Partial IV. */
  uint8_t aad[64];
  size_t al, pl;
  if ((e = cose_profile_aad(SEQ_TOPIC, tk->epoch, aad, sizeof aad, &al)) != COSE_OK) return e;
  cose_key k = {.kty = 4, .alg = tk->alg, .has_alg = true, .has_base_iv = true};
  k.k = (cose_bytes){tk->key, tk->key_len};
  k.base_iv = (cose_bytes){tk->common_iv, tk->iv_len};
  cose_hdr_info hi;
  ws = (cose_ws){g_ws, sizeof g_ws};
  e = cose_encrypt0_open(&k, g_out, n, aad, al, COSE_F_REQUIRE_TAG | COSE_F_PROFILE_NONCE, g_pt,
                         sizeof g_pt, &pl, ws, &hi);
  if (e != COSE_OK) return e;
  *kid_ok = hi.has_kid && hi.kid.n == COSE_PROFILE_KID_LEN && memcmp(hi.kid.p, tk->kid, hi.kid.n) == 0;
  return cose_profile_seq(hi.piv, seq);
}

void seq_log_add(seq_log *l, uint64_t seq) {
  l->sent++;
  if (seq >= SEQ_MAX_TRACKED) {
    l->reused++; /* out of the tracked range: counted against the test, never ignored */
    return;
  }
  uint8_t bit = (uint8_t)(1u << (seq % 8));
  if (l->seen[seq / 8] & bit) l->reused++;
  l->seen[seq / 8] |= bit;
}
