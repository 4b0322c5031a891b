/* Sender sequence numbers that survive resets: OSCORE's reservation (RFC 8613 B.1.1). */
#include <string.h>

#include "cose_dev.h"

cose_err cose_seq_open(cose_seq_store *s, cose_kv kv, const char *key, uint32_t k,
                       bool expect_record) {
  if (!s || !kv.get_u64 || !kv.set_u64 || !key || k == 0) return COSE_ERR_ARG;
  size_t n = strlen(key);
  if (n == 0 || n > COSE_SEQ_KEY_MAX) return COSE_ERR_ARG;
  memset(s, 0, sizeof *s);
  uint64_t r = 0;
  switch (kv.get_u64(kv.ctx, key, &r)) {
    case COSE_KV_OK:
      /* Nothing above MAX_SEQ + 1 is ever written: such a record is damage, not a value. */
      if (r > COSE_PROFILE_MAX_SEQ + 1) return COSE_ERR_SEQ_STORE;
      break;
    case COSE_KV_NOT_FOUND:
      if (expect_record) return COSE_ERR_SEQ_STORE;
      r = 0;
      break;
    default:
      return COSE_ERR_SEQ_STORE;
  }
  s->kv = kv;
  memcpy(s->key, key, n + 1);
  s->next = r;
  s->reserved = r; /* nothing is reserved in this boot yet */
  s->k = k;
  s->ready = true;
  return COSE_OK;
}

cose_err cose_seq_peek(cose_seq_store *s, uint64_t *seq) {
  if (!s || !seq || !s->ready) return COSE_ERR_ARG;
  if (s->next > COSE_PROFILE_MAX_SEQ) return COSE_ERR_COUNTER_EXHAUSTED;
  if (s->next >= s->reserved) {
    uint64_t r = s->next + s->k;
    if (r > COSE_PROFILE_MAX_SEQ + 1) r = COSE_PROFILE_MAX_SEQ + 1;
    /* Durable before use: if this fails, nothing at or above the old bound is issued. */
    if (s->kv.set_u64(s->kv.ctx, s->key, r) != COSE_KV_OK) return COSE_ERR_SEQ_STORE;
    s->reserved = r;
  }
  *seq = s->next;
  return COSE_OK;
}

void cose_seq_spend(cose_seq_store *s) {
  if (s && s->ready && s->next < s->reserved) s->next++;
}
