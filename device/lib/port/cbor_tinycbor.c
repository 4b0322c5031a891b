/* tinycbor backend of cbor_port.h (the default; ESP-IDF's espressif/cbor component): its
 * parser decodes and checks each head, its validator walks skipped items (the writer is the
 * library's own, in cbor_common.c).
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

/* tinycbor's parser checks the head; its argument is then read from the bytes (the 64-bit
 * value on every target, checked before cbp_set_arg narrows it) and cbp_type is the major
 * type itself. */
cose_err cbp_next(cbp_reader *r, cbp_item *it) {
  CborParser p;
  CborValue v;
  cose_err e = open_at(r, &p, &v);
  if (e != COSE_OK) return e;
  const uint8_t *h = r->p + r->pos;
  unsigned ai = h[0] & 0x1f;
  /* tinycbor accepts additional info 31 only as an indefinite string, array or map. */
  if (ai == 31) return COSE_ERR_CBOR_INDEFINITE;
  uint64_t arg;
  size_t hl = cbp_head_arg(h, &arg);
  it->type = (cbp_type)(h[0] >> 5);
  cbp_set_arg(it, arg);
  it->ptr = h + hl;
  it->is_null = it->type == CBP_SIMPLE && ai == 22;
  if (it->type == CBP_BSTR || it->type == CBP_TSTR) {
    /* The length from the head, so a 32-bit target never cuts it to a plausible one. */
    if ((e = cbp_string_fits(r, hl, arg)) != COSE_OK) return e;
    hl += (size_t)arg;
  } else if (it->type == CBP_SIMPLE && (ai < 20 || ai == 24)) {
    /* unassigned simple values (what tinycbor calls CborSimpleType): no COSE structure has
     * them (libcbor refuses them) */
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
