/* tinycbor backend of cbor_port.h (the default; ESP-IDF's espressif/cbor component): its
 * parser decodes and checks each head, its validator walks skipped items, its encoder writes.
 * What tinycbor leaves to the caller (string bounds, tags one at a time, which simple values
 * COSE admits) is done here. Build tinycbor with CBOR_PARSER_MAX_RECURSIONS =
 * COSE_CBOR_MAX_DEPTH + 1 so its validator's limit is ours (the Makefile does). */
#include <cbor.h>
#include <string.h>

#include "cbor_port.h"

static cose_err map_err(CborError e) {
  switch (e) {
    case CborNoError: return COSE_OK;
    case CborErrorUnexpectedEOF:
    case CborErrorDataTooLarge: /* a count or length beyond SIZE_MAX: more than the input */
      return COSE_ERR_CBOR_TRUNCATED;
    case CborErrorUnknownLength: return COSE_ERR_CBOR_INDEFINITE;
    case CborErrorNestingTooDeep: return COSE_ERR_CBOR_DEPTH;
    default: return COSE_ERR_CBOR_MALFORMED;
  }
}

/* One parser over what is left of the reader, positioned on its first item. */
static cose_err open_at(const cbp_reader *r, CborParser *p, CborValue *v) {
  if (r->pos >= r->len) return COSE_ERR_CBOR_TRUNCATED;
  return map_err(cbor_parser_init(r->p + r->pos, r->len - r->pos, 0, p, v));
}

cose_err cbp_next(cbp_reader *r, cbp_item *it) {
  CborParser p;
  CborValue v;
  cose_err e = open_at(r, &p, &v);
  if (e != COSE_OK) return e;
  const uint8_t *h = r->p + r->pos;
  CborType t = cbor_value_get_type(&v);
  if ((t == CborByteStringType || t == CborTextStringType || t == CborArrayType ||
       t == CborMapType) && !cbor_value_is_length_known(&v))
    return COSE_ERR_CBOR_INDEFINITE;
  memset(it, 0, sizeof *it);
  uint64_t arg;
  size_t hl = cbp_head_arg(h, &arg); /* tinycbor has checked that the whole head is there */
  switch (t) {
    case CborIntegerType:
      it->type = cbor_value_is_negative_integer(&v) ? CBP_NINT : CBP_UINT;
      (void)cbor_value_get_raw_integer(&v, &it->v); /* raw: the value is -1 - v if negative */
      break;
    case CborTagType: {
      CborTag tag;
      (void)cbor_value_get_tag(&v, &tag);
      it->type = CBP_TAG;
      it->v = tag;
      break;
    }
    case CborByteStringType:
    case CborTextStringType:
      /* The 64-bit length from the head, so a 32-bit target never cuts it to a plausible one. */
      if ((e = cbp_string_fits(r, hl, arg)) != COSE_OK) return e;
      it->type = t == CborByteStringType ? CBP_BSTR : CBP_TSTR;
      it->v = arg;
      it->ptr = h + hl;
      hl += (size_t)arg;
      break;
    case CborArrayType:
    case CborMapType:
      it->type = t == CborArrayType ? CBP_ARRAY : CBP_MAP;
      it->v = arg;
      break;
    case CborBooleanType:
      it->type = CBP_SIMPLE;
      it->is_bool = true;
      (void)cbor_value_get_boolean(&v, &it->bval);
      break;
    case CborNullType:
      it->type = CBP_SIMPLE;
      it->is_null = true;
      break;
    case CborUndefinedType:
    case CborHalfFloatType:
    case CborFloatType:
    case CborDoubleType:
      it->type = CBP_SIMPLE;
      break;
    default: /* unassigned simple values: no COSE structure has them (libcbor refuses them) */
      return COSE_ERR_CBOR_MALFORMED;
  }
  r->pos += hl;
  return COSE_OK;
}

cose_err cbp_skip(cbp_reader *r) {
  CborParser p;
  CborValue v;
  cose_err e = open_at(r, &p, &v);
  if (e != COSE_OK) return e;
  CborError ce = cbor_value_validate(&v, CborValidateNoIndeterminateLength | CborValidateNoUnknownSimpleTypes);
  if (ce == CborNoError) ce = cbor_value_advance(&v);
  if (ce != CborNoError) return map_err(ce);
  r->pos += (size_t)(cbor_value_get_next_byte(&v) - (r->p + r->pos));
  return COSE_OK;
}

/* Each head is written by a fresh encoder over the room left: the writer, not tinycbor,
 * tracks containers, since COSE writes contents (ciphertexts, tags) around the heads. */
typedef struct {
  CborEncoder enc;
  uint8_t *start;
} room;

static bool begin(cbp_writer *w, room *rm) {
  if (w->overflow) return false;
  rm->start = w->p + w->len;
  cbor_encoder_init(&rm->enc, rm->start, w->cap - w->len, 0);
  return true;
}
static void end(cbp_writer *w, const room *rm, const CborEncoder *wrote, CborError e) {
  if (e != CborNoError) w->overflow = true;
  else w->len += cbor_encoder_get_buffer_size(wrote, rm->start);
}

void cbp_put_uint(cbp_writer *w, uint64_t v) {
  room rm;
  if (begin(w, &rm)) end(w, &rm, &rm.enc, cbor_encode_uint(&rm.enc, v));
}
void cbp_put_int(cbp_writer *w, int64_t v) {
  room rm;
  if (begin(w, &rm)) end(w, &rm, &rm.enc, cbor_encode_int(&rm.enc, v));
}
/* tinycbor writes a string's head only together with its content: write the length as an
 * unsigned head and turn its major type into 2 (byte string); the bytes follow separately. */
void cbp_put_bstr_head(cbp_writer *w, size_t n) {
  size_t at = w->len;
  cbp_put_uint(w, n);
  if (!w->overflow) w->p[at] |= 0x40;
}
void cbp_put_tstr(cbp_writer *w, const char *s, size_t n) {
  room rm;
  if (begin(w, &rm)) end(w, &rm, &rm.enc, cbor_encode_text_string(&rm.enc, s, n));
}
void cbp_put_array(cbp_writer *w, size_t n) {
  room rm;
  CborEncoder sub;
  if (begin(w, &rm)) end(w, &rm, &sub, cbor_encoder_create_array(&rm.enc, &sub, n)); /* head is in sub */
}
void cbp_put_map(cbp_writer *w, size_t n) {
  room rm;
  CborEncoder sub;
  if (begin(w, &rm)) end(w, &rm, &sub, cbor_encoder_create_map(&rm.enc, &sub, n));
}
void cbp_put_tag(cbp_writer *w, uint64_t tag) {
  room rm;
  if (begin(w, &rm)) end(w, &rm, &rm.enc, cbor_encode_tag(&rm.enc, tag));
}
