/* The sequence-number store on a model of NVS flash whose writes fault in every way a power
 * cut or a full partition can make them, at every write: across all simulated reboots no
 * Partial IV is ever sent twice under the kid, a damaged record stops sealing, and nothing
 * ever starts again at 0. */
#include <string.h>

#include "seq_util.h"
#include "tests.h"

typedef enum {
  F_NONE,
  F_BEFORE,     /* power lost before the write began: the old record stays */
  F_TORN,       /* power lost mid-write: the record is damaged (NVS would fail its CRC) */
  F_UNCOMMITTED,/* written, power lost before commit: the old record stays */
  F_COMMITTED,  /* committed, power lost before the call returned: the new record stays */
  F_REFUSED,    /* the write fails and the power stays on (a full partition) */
  F_KINDS
} fault;

typedef struct {
  bool has, damaged;
  uint64_t v;
  int writes;      /* set_u64 calls, over all boots */
  int fault_at;    /* the write that faults, 1-based */
  fault kind;
  bool power_lost; /* the device must reboot */
} flash;

static cose_kv_status fget(void *c, const char *key, uint64_t *v) {
  const flash *f = c;
  (void)key;
  if (f->damaged) return COSE_KV_FAIL;
  if (!f->has) return COSE_KV_NOT_FOUND;
  *v = f->v;
  return COSE_KV_OK;
}

static cose_kv_status fset(void *c, const char *key, uint64_t v) {
  flash *f = c;
  (void)key;
  f->writes++;
  if (f->kind == F_NONE || f->writes != f->fault_at) {
    f->has = true;
    f->damaged = false;
    f->v = v;
    return COSE_KV_OK;
  }
  if (f->kind == F_TORN) f->damaged = true;
  if (f->kind == F_COMMITTED) {
    f->has = true;
    f->v = v;
  }
  f->power_lost = f->kind != F_REFUSED;
  return COSE_KV_FAIL;
}

/* Four boots of 10 seals each, K = 4, on a provisioned device (record 0 written at the
 * factory, so every boot expects it). */
static void scenario(const cose_topic_key *tk, fault kind, int fault_at) {
  flash f = {.has = true, .v = 0, .fault_at = fault_at, .kind = kind};
  seq_log log = {0};
  cose_kv kv = {fget, fset, &f};
  int stopped = 0, refused = 0;
  for (int boot = 0; boot < 4; boot++) {
    cose_seq_store st;
    cose_sender s = {.sid = {0x01}, .sid_len = 1, .store = &st};
    cose_err e = cose_seq_open(&st, kv, "seq-01", 4, true);
    if (e != COSE_OK) {
      CHECK(kind == F_TORN && e == COSE_ERR_SEQ_STORE, "kind %d at %d: boot %d: %s", kind, fault_at, boot, cose_strerror(e));
      stopped++;
      break; /* a damaged record stops this sender for good: no fresh start at 0 */
    }
    f.power_lost = false;
    for (int i = 0; i < 10 && !f.power_lost; i++) {
      uint64_t seq;
      bool kid_ok = false;
      e = seq_seal(tk, &s, &seq, &kid_ok);
      if (e == COSE_OK) {
        CHECK(kid_ok, "%s", "kid of the sealed message");
        seq_log_add(&log, seq);
      } else {
        CHECK(e == COSE_ERR_SEQ_STORE, "kind %d at %d: %s", kind, fault_at, cose_strerror(e));
        refused++;
      }
    }
  }
  CHECK(log.reused == 0, "kind %d at write %d: %d of %d Partial IVs sent twice", kind, fault_at, log.reused, log.sent);
  CHECK(log.sent >= 10 || (kind == F_TORN && log.sent == 4 * ((fault_at - 1) % 3) + 10 * ((fault_at - 1) / 3)),
        "kind %d at write %d: %d sent", kind, fault_at, log.sent);
  CHECK(kind == F_NONE || refused == 1, "kind %d at write %d: %d seals refused, want 1", kind, fault_at, refused);
  CHECK(kind != F_TORN || stopped == 1, "kind %d at write %d: a damaged record did not stop sealing", kind, fault_at);
}

void test_seq(void) {
  cose_topic_key tk;
  seq_topic_key(&tk);
  for (int kind = F_NONE; kind < F_KINDS; kind++)
    for (int at = 1; at <= 7; at++) scenario(&tk, (fault)kind, at);

  /* The reservation arithmetic: one write per K numbers, resume at the persisted bound. */
  flash f = {0};
  cose_kv kv = {fget, fset, &f};
  cose_seq_store st;
  CHECK_ERR(cose_seq_open(&st, kv, "seq-01", 4, true), COSE_ERR_SEQ_STORE, "%s", "record expected but missing");
  CHECK_ERR(cose_seq_open(&st, kv, "seq-01", 4, false), COSE_OK, "%s", "fresh sender");
  uint64_t seq = 99;
  for (uint64_t want = 0; want < 6; want++) {
    CHECK_ERR(cose_seq_peek(&st, &seq), COSE_OK, "peek %llu", (unsigned long long)want);
    CHECK(seq == want, "peek gave %llu, want %llu", (unsigned long long)seq, (unsigned long long)want);
    cose_seq_spend(&st);
  }
  CHECK(f.writes == 2 && f.v == 8, "writes %d, record %llu: want 2 writes, record 8", f.writes, (unsigned long long)f.v);
  CHECK_ERR(cose_seq_peek(&st, &seq), COSE_OK, "%s", "peek twice");
  CHECK_ERR(cose_seq_peek(&st, &seq), COSE_OK, "%s", "peek twice");
  CHECK(seq == 6, "an unspent peek is not spent (%llu)", (unsigned long long)seq);
  CHECK_ERR(cose_seq_open(&st, kv, "seq-01", 4, true), COSE_OK, "%s", "reboot");
  CHECK_ERR(cose_seq_peek(&st, &seq), COSE_OK, "%s", "first after reboot");
  CHECK(seq == 8 && f.v == 12, "after reboot seq %llu record %llu: want 8 and 12", (unsigned long long)seq, (unsigned long long)f.v);

  /* Bad records and arguments. */
  f = (flash){.has = true, .v = COSE_PROFILE_MAX_SEQ + 2};
  CHECK_ERR(cose_seq_open(&st, kv, "seq-01", 4, true), COSE_ERR_SEQ_STORE, "%s", "record above the sequence space");
  f = (flash){.has = true, .damaged = true};
  CHECK_ERR(cose_seq_open(&st, kv, "seq-01", 4, false), COSE_ERR_SEQ_STORE, "%s", "damaged record, even on a first boot");
  f = (flash){0};
  CHECK_ERR(cose_seq_open(&st, kv, "seq-01", 0, false), COSE_ERR_ARG, "%s", "K = 0");
  CHECK_ERR(cose_seq_open(&st, kv, "0123456789abcdef", 4, false), COSE_ERR_ARG, "%s", "key longer than NVS takes");
  CHECK_ERR(cose_seq_open(&st, (cose_kv){NULL, fset, &f}, "seq-01", 4, false), COSE_ERR_ARG, "%s", "no get");

  /* The end of the sequence space: the last number is sent, then sealing stops. */
  f = (flash){.has = true, .v = COSE_PROFILE_MAX_SEQ};
  CHECK_ERR(cose_seq_open(&st, kv, "seq-01", 4, true), COSE_OK, "%s", "at the end");
  cose_sender s = {.sid = {0x01}, .sid_len = 1, .store = &st};
  bool kid_ok;
  CHECK_ERR(seq_seal(&tk, &s, &seq, &kid_ok), COSE_OK, "%s", "last number");
  CHECK(seq == COSE_PROFILE_MAX_SEQ && f.v == COSE_PROFILE_MAX_SEQ + 1, "%s", "last number, record capped");
  CHECK_ERR(seq_seal(&tk, &s, &seq, &kid_ok), COSE_ERR_COUNTER_EXHAUSTED, "%s", "past the end");
}
