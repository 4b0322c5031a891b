/* The parts of cbor_port.h that need no CBOR library: buffers, the writer, head arithmetic. */
#include <string.h>

#include "cbor_port.h"

void cbp_reader_init(cbp_reader *r, const uint8_t *p, size_t len) {
  r->p = p;
  r->len = p ? len : 0;
  r->pos = 0;
}

void cbp_writer_init(cbp_writer *w, uint8_t *p, size_t cap) {
  w->p = p;
  w->cap = p ? cap : 0;
  w->len = 0;
  w->overflow = false;
}

void cbp_put_raw(cbp_writer *w, const uint8_t *p, size_t n) {
  if (w->overflow || n > w->cap - w->len) {
    w->overflow = true;
    return;
  }
  if (n) memcpy(w->p + w->len, p, n);
  w->len += n;
}

/* A head in its shortest form (RFC 8949 section 4.2.1: preferred serialization). The argument
 * is a size_t, a register on every target: only an epoch needs more (cbp_put_u64). */
void cbp_put_head(cbp_writer *w, unsigned major, size_t v) {
  uint8_t h[9];
  size_t n = 0; /* argument bytes: 0, 1, 2, 4 (or 8 where size_t has them) */
  unsigned ai = (unsigned)v;
  if (v >= 24)
    for (n = 1, ai = 24; n < sizeof v && v >> 8 * n; n *= 2) ai++;
  for (size_t i = n; i > 0; i--, v >>= 8) h[i] = (uint8_t)v;
  h[0] = (uint8_t)(major << 5 | ai);
  cbp_put_raw(w, h, n + 1);
}

void cbp_put_u64(cbp_writer *w, uint64_t v) {
  if (v >> 31 >> 1 == 0) { /* two shifts: no warning where size_t is 64 bits */
    cbp_put_head(w, 0, (size_t)v);
    return;
  }
  uint8_t h[9];
  h[0] = 0x1b; /* 8-byte argument follows */
  for (size_t i = 8; i > 0; i--, v >>= 8) h[i] = (uint8_t)v;
  cbp_put_raw(w, h, sizeof h);
}

void cbp_put_int(cbp_writer *w, int32_t v) {
  cbp_put_head(w, v < 0, (uint32_t)(v < 0 ? -1 - v : v));
}

void cbp_put_str(cbp_writer *w, unsigned major, const void *p, size_t n) {
  cbp_put_head(w, major, n);
  cbp_put_raw(w, p, n);
}

size_t cbp_head_arg(const uint8_t *h, uint64_t *v) {
  unsigned ai = h[0] & 0x1f;
  size_t hl = ai < 24 ? 1 : (size_t)1 + ((size_t)1 << (ai - 24));
  uint64_t x = ai < 24 ? ai : 0;
  for (size_t i = 1; i < hl; i++) x = (x << 8) | h[i];
  *v = x;
  return hl;
}

void cbp_set_arg(cbp_item *it, uint64_t arg) {
  it->v = (size_t)arg == arg ? (size_t)arg : SIZE_MAX;
  it->huge = arg >> 63;
}

cose_err cbp_check_head(const cbp_reader *r) {
  if (r->pos >= r->len) return COSE_ERR_CBOR_TRUNCATED;
  const uint8_t *h = r->p + r->pos;
  unsigned major = h[0] >> 5, ai = h[0] & 0x1f;
  if (ai >= 28 && ai <= 30) return COSE_ERR_CBOR_MALFORMED;
  if (ai == 31) return major >= 2 && major <= 5 ? COSE_OK : COSE_ERR_CBOR_MALFORMED;
  size_t hl = ai < 24 ? 1 : (size_t)1 + ((size_t)1 << (ai - 24));
  if (r->len - r->pos < hl) return COSE_ERR_CBOR_TRUNCATED;
  if (major == 7 && ai == 24 && h[1] < 32) return COSE_ERR_CBOR_MALFORMED;
  return COSE_OK;
}

/* Compared as 64-bit values, so a length above SIZE_MAX on a 32-bit target is never cut down
 * to a plausible one. */
cose_err cbp_string_fits(const cbp_reader *r, size_t head_len, uint64_t n) {
  size_t left = r->len - r->pos;
  if (head_len > left || n > (uint64_t)(left - head_len)) return COSE_ERR_CBOR_TRUNCATED;
  return COSE_OK;
}
