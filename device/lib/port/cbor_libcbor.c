/* libcbor backend of cbor_port.h: cbor_encode_* into buffers, cbor_stream_decode to read. */
#include "cbor_port.h"

#include <cbor.h>
#include <string.h>

/* Context filled by the streaming callbacks for exactly one item head. */
typedef struct {
  cbp_item *it;
  bool indefinite;
  bool seen;
} dec_ctx;

#define CTX ((dec_ctx *)c)
static void set(void *c, cbp_type t, uint64_t v) {
  CTX->it->type = t;
  CTX->it->v = v;
  CTX->it->ptr = NULL;
  CTX->it->is_bool = false;
  CTX->it->is_null = false;
  CTX->seen = true;
}
static void on_u8(void *c, uint8_t v) { set(c, CBP_UINT, v); }
static void on_u16(void *c, uint16_t v) { set(c, CBP_UINT, v); }
static void on_u32(void *c, uint32_t v) { set(c, CBP_UINT, v); }
static void on_u64(void *c, uint64_t v) { set(c, CBP_UINT, v); }
static void on_n8(void *c, uint8_t v) { set(c, CBP_NINT, v); }
static void on_n16(void *c, uint16_t v) { set(c, CBP_NINT, v); }
static void on_n32(void *c, uint32_t v) { set(c, CBP_NINT, v); }
static void on_n64(void *c, uint64_t v) { set(c, CBP_NINT, v); }
static void on_bstr(void *c, cbor_data d, size_t n) {
  set(c, CBP_BSTR, n);
  CTX->it->ptr = d;
}
static void on_tstr(void *c, cbor_data d, size_t n) {
  set(c, CBP_TSTR, n);
  CTX->it->ptr = d;
}
static void on_array(void *c, size_t n) { set(c, CBP_ARRAY, n); }
static void on_map(void *c, size_t n) { set(c, CBP_MAP, n); }
static void on_tag(void *c, uint64_t v) { set(c, CBP_TAG, v); }
static void on_indef(void *c) {
  CTX->indefinite = true;
  CTX->seen = true;
}
static void on_break(void *c) { CTX->seen = false; } /* a lone break: reported as malformed */
static void on_simple(void *c) { set(c, CBP_SIMPLE, 0); }
static void on_null(void *c) {
  set(c, CBP_SIMPLE, 0);
  CTX->it->is_null = true;
}
static void on_f4(void *c, float f) {
  (void)f;
  set(c, CBP_SIMPLE, 0);
}
static void on_f8(void *c, double f) {
  (void)f;
  set(c, CBP_SIMPLE, 0);
}
static void on_bool(void *c, bool b) {
  set(c, CBP_SIMPLE, 0);
  CTX->it->is_bool = true;
  CTX->it->bval = b;
}
#undef CTX

/* Field names follow libcbor's struct, whose comments are shifted by one line. */
static const struct cbor_callbacks k_callbacks = {
    .uint8 = on_u8, .uint16 = on_u16, .uint32 = on_u32, .uint64 = on_u64,
    .negint8 = on_n8, .negint16 = on_n16, .negint32 = on_n32, .negint64 = on_n64,
    .byte_string = on_bstr, .byte_string_start = on_indef,
    .string = on_tstr, .string_start = on_indef,
    .array_start = on_array, .indef_array_start = on_indef,
    .map_start = on_map, .indef_map_start = on_indef,
    .tag = on_tag,
    .float2 = on_f4, .float4 = on_f4, .float8 = on_f8,
    .undefined = on_simple, .null = on_null, .boolean = on_bool,
    .indef_break = on_break,
};

void cbp_reader_init(cbp_reader *r, const uint8_t *p, size_t len) {
  r->p = p;
  r->len = p ? len : 0;
  r->pos = 0;
}

/* Re-reads a string's length from its head: on a 32-bit target libcbor hands the length over
 * as size_t, so a 64-bit length must not be silently cut down to a plausible one. */
static bool string_len_ok(const uint8_t *h, size_t read, uint64_t n) {
  unsigned ai = h[0] & 0x1f, hl = ai < 24 ? 1 : ai == 24 ? 2 : ai == 25 ? 3 : ai == 26 ? 5 : 9;
  uint64_t len = ai < 24 ? ai : 0;
  for (unsigned i = 1; i < hl; i++) len = (len << 8) | h[i];
  return len == n && read >= hl && read - hl == n;
}

/* Tag heads are read here, not by libcbor: its 0.8 streaming decoder (Debian 12) returns an
 * error for the one-byte tags 6..20 (0xc6..0xd4), which include COSE's 16, 17 and 18. */
static cose_err tag_head(cbp_reader *r, cbp_item *it) {
  const uint8_t *h = r->p + r->pos;
  size_t left = r->len - r->pos;
  unsigned ai = h[0] & 0x1f;
  if (ai > 27) return ai == 31 ? COSE_ERR_CBOR_INDEFINITE : COSE_ERR_CBOR_MALFORMED;
  size_t hl = ai < 24 ? 1 : (size_t)1 + ((size_t)1 << (ai - 24));
  if (left < hl) return COSE_ERR_CBOR_TRUNCATED;
  uint64_t v = ai < 24 ? ai : 0;
  for (size_t i = 1; i < hl; i++) v = (v << 8) | h[i];
  memset(it, 0, sizeof *it);
  it->type = CBP_TAG;
  it->v = v;
  r->pos += hl;
  return COSE_OK;
}

cose_err cbp_next(cbp_reader *r, cbp_item *it) {
  if (r->pos >= r->len) return COSE_ERR_CBOR_TRUNCATED;
  if ((r->p[r->pos] >> 5) == 6) return tag_head(r, it);
  dec_ctx ctx = {.it = it};
  struct cbor_decoder_result res =
      cbor_stream_decode(r->p + r->pos, r->len - r->pos, &k_callbacks, &ctx);
  if (res.status == CBOR_DECODER_NEDATA) return COSE_ERR_CBOR_TRUNCATED;
  if (res.status != CBOR_DECODER_FINISHED || !ctx.seen) return COSE_ERR_CBOR_MALFORMED;
  if (ctx.indefinite) return COSE_ERR_CBOR_INDEFINITE;
  /* Belt and braces: a string must lie wholly inside the input we were given. */
  if (res.read > r->len - r->pos) return COSE_ERR_CBOR_TRUNCATED;
  if ((it->type == CBP_BSTR || it->type == CBP_TSTR) && !string_len_ok(r->p + r->pos, res.read, it->v))
    return COSE_ERR_CBOR_MALFORMED;
  r->pos += res.read;
  return COSE_OK;
}

cose_err cbp_skip(cbp_reader *r) {
  /* Count of items still to consume; each item takes at least one byte, so any count above
   * the bytes left cannot be satisfied and is rejected before it could overflow. */
  uint64_t pending = 1;
  while (pending > 0) {
    cbp_item it;
    cose_err e = cbp_next(r, &it);
    if (e != COSE_OK) return e;
    pending--;
    uint64_t add = 0;
    if (it.type == CBP_ARRAY) add = it.v;
    else if (it.type == CBP_MAP) {
      if (it.v > (r->len - r->pos)) return COSE_ERR_CBOR_TRUNCATED;
      add = it.v * 2;
    } else if (it.type == CBP_TAG) add = 1;
    if (add > (r->len - r->pos) || pending + add > (r->len - r->pos))
      return COSE_ERR_CBOR_TRUNCATED;
    pending += add;
  }
  return COSE_OK;
}

void cbp_writer_init(cbp_writer *w, uint8_t *p, size_t cap) {
  w->p = p;
  w->cap = p ? cap : 0;
  w->len = 0;
  w->overflow = false;
}

/* libcbor's encoders return 0 when the buffer is too small; turn that into sticky overflow. */
static void took(cbp_writer *w, size_t n) {
  if (n == 0) w->overflow = true;
  else w->len += n;
}
#define ROOM(w) ((w)->overflow ? NULL : (w)->p + (w)->len), ((w)->overflow ? 0 : (w)->cap - (w)->len)

void cbp_put_uint(cbp_writer *w, uint64_t v) {
  if (!w->overflow) took(w, cbor_encode_uint(v, ROOM(w)));
}
void cbp_put_int(cbp_writer *w, int64_t v) {
  if (w->overflow) return;
  if (v >= 0) took(w, cbor_encode_uint((uint64_t)v, ROOM(w)));
  else took(w, cbor_encode_negint((uint64_t)(-1 - v), ROOM(w)));
}
void cbp_put_bstr_head(cbp_writer *w, size_t n) {
  if (!w->overflow) took(w, cbor_encode_bytestring_start(n, ROOM(w)));
}
void cbp_put_raw(cbp_writer *w, const uint8_t *p, size_t n) {
  if (w->overflow) return;
  if (n > w->cap - w->len) {
    w->overflow = true;
    return;
  }
  if (n) memcpy(w->p + w->len, p, n);
  w->len += n;
}
void cbp_put_bstr(cbp_writer *w, const uint8_t *p, size_t n) {
  cbp_put_bstr_head(w, n);
  cbp_put_raw(w, p, n);
}
void cbp_put_tstr(cbp_writer *w, const char *s, size_t n) {
  if (!w->overflow) took(w, cbor_encode_string_start(n, ROOM(w)));
  cbp_put_raw(w, (const uint8_t *)s, n);
}
void cbp_put_array(cbp_writer *w, size_t n) {
  if (!w->overflow) took(w, cbor_encode_array_start(n, ROOM(w)));
}
void cbp_put_map(cbp_writer *w, size_t n) {
  if (!w->overflow) took(w, cbor_encode_map_start(n, ROOM(w)));
}
void cbp_put_tag(cbp_writer *w, uint64_t tag) {
  if (!w->overflow) took(w, cbor_encode_tag(tag, ROOM(w)));
}

size_t cbp_head_len(uint64_t n) {
  return n < 24 ? 1 : n <= 0xff ? 2 : n <= 0xffff ? 3 : n <= 0xffffffffu ? 5 : 9;
}
