/* libcbor backend of cbor_port.h (make CBOR=libcbor): cbor_stream_decode reads one head at a
 * time (the writer is the library's own, in cbor_common.c). */
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
  cbp_set_arg(CTX->it, v);
  CTX->it->ptr = NULL;
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
  (void)b;
  set(c, CBP_SIMPLE, 0);
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

/* Tag heads are read here, not by libcbor: its 0.8 streaming decoder (Debian 12) returns an
 * error for the one-byte tags 6..20 (0xc6..0xd4), which include COSE's 16, 17 and 18. */
static cose_err tag_head(cbp_reader *r, cbp_item *it) {
  const uint8_t *h = r->p + r->pos;
  unsigned ai = h[0] & 0x1f;
  if (ai > 27) return COSE_ERR_CBOR_MALFORMED; /* a tag has no indefinite form */
  size_t hl = ai < 24 ? 1 : (size_t)1 + ((size_t)1 << (ai - 24));
  if (r->len - r->pos < hl) return COSE_ERR_CBOR_TRUNCATED;
  memset(it, 0, sizeof *it);
  it->type = CBP_TAG;
  uint64_t v;
  r->pos += cbp_head_arg(h, &v);
  cbp_set_arg(it, v);
  return COSE_OK;
}

cose_err cbp_next(cbp_reader *r, cbp_item *it) {
  /* Head faults first, with tinycbor's verdicts (libcbor calls a cut-short f8 malformed). */
  cose_err e = cbp_check_head(r);
  if (e != COSE_OK) return e;
  const uint8_t *h = r->p + r->pos;
  if ((h[0] >> 5) == 6) return tag_head(r, it);
  dec_ctx ctx = {.it = it};
  struct cbor_decoder_result res = cbor_stream_decode(h, r->len - r->pos, &k_callbacks, &ctx);
  if (res.status == CBOR_DECODER_NEDATA) return COSE_ERR_CBOR_TRUNCATED;
  if (res.status != CBOR_DECODER_FINISHED || !ctx.seen) return COSE_ERR_CBOR_MALFORMED;
  if (ctx.indefinite) return COSE_ERR_CBOR_INDEFINITE;
  if (res.read > r->len - r->pos) return COSE_ERR_CBOR_TRUNCATED;
  /* libcbor hands counts and lengths over as size_t: on a 32-bit target a 64-bit one would be
   * cut down, so they are taken from the head itself and the string checked against it. */
  if (it->type == CBP_BSTR || it->type == CBP_TSTR || it->type == CBP_ARRAY || it->type == CBP_MAP) {
    uint64_t v;
    size_t hl = cbp_head_arg(h, &v);
    if (it->type == CBP_BSTR || it->type == CBP_TSTR) {
      if ((e = cbp_string_fits(r, hl, v)) != COSE_OK) return e;
      if (res.read != hl + v || it->ptr != h + hl) return COSE_ERR_CBOR_MALFORMED;
    } else if (res.read != hl) {
      return COSE_ERR_CBOR_MALFORMED;
    }
    cbp_set_arg(it, v);
  }
  r->pos += res.read;
  return COSE_OK;
}

/* Without recursion: one count of items still due per open level, at most COSE_CBOR_MAX_DEPTH
 * levels below the skipped item. The rules mirror tinycbor's validator (see cbor_port.h). */
cose_err cbp_skip(cbp_reader *r) {
  uint64_t due[COSE_CBOR_MAX_DEPTH + 1];
  size_t depth = 0;
  due[0] = 1;
  for (;;) {
    while (depth > 0 && due[depth] == 0) depth--;
    if (due[depth] == 0) return COSE_OK;
    cbp_item it;
    cose_err e = cbp_next(r, &it);
    if (e != COSE_OK) return e;
    due[depth]--;
    if (it.type != CBP_ARRAY && it.type != CBP_MAP && it.type != CBP_TAG) continue;
    if ((it.type == CBP_ARRAY && it.v >= 0xffffffffu) || (it.type == CBP_MAP && it.v > 0x7fffffffu))
      return COSE_ERR_CBOR_TRUNCATED;
    if (depth + 1 > COSE_CBOR_MAX_DEPTH) {
      /* tinycbor reads the first inner head on entering, so its faults come first. */
      cose_err h = it.type == CBP_TAG || it.v ? cbp_check_head(r) : COSE_OK;
      return h != COSE_OK ? h : COSE_ERR_CBOR_DEPTH;
    }
    due[++depth] = it.type == CBP_TAG ? 1 : it.type == CBP_ARRAY ? it.v : 2 * it.v;
  }
}
