/* Header buckets (RFC 9052 section 3) and COSE_Key (section 7), strictly. */
#include <string.h>

#include "cose_internal.h"

/* A label, decoded. */
typedef struct {
  bool text;
  int32_t i;
  const uint8_t *s;
  size_t n;
} cose_label;

cose_err cose_read_int(const cbp_item *it, int32_t *out) {
  if ((it->type != CBP_UINT && it->type != CBP_NINT) || it->v > (uint64_t)INT64_MAX)
    return COSE_ERR_HEADER;
  /* v < 2^31 either way: uint v or -1 - v fits int32; anything larger is INT32_MIN. */
  int32_t v = it->v <= (uint64_t)INT32_MAX ? (int32_t)it->v : INT32_MIN;
  *out = it->type == CBP_NINT && v != INT32_MIN ? -1 - v : v;
  return COSE_OK;
}

static cose_err read_label(const cbp_item *it, cose_label *l) {
  memset(l, 0, sizeof *l);
  if (it->type == CBP_TSTR) {
    l->text = true;
    l->s = it->ptr;
    l->n = (size_t)it->v;
    return COSE_OK;
  }
  return cose_read_int(it, &l->i);
}

/* a and b are the heads of two labels that read_label accepted (int or text, whole in the input). */
static bool same_label(const uint8_t *a, const uint8_t *b) {
  uint64_t x, y;
  size_t ha = cbp_head_arg(a, &x), hb = cbp_head_arg(b, &y);
  if ((a[0] >> 5) != (b[0] >> 5) || x != y) return false;
  return (a[0] >> 5) != 3 || memcmp(a + ha, b + hb, (size_t)x) == 0;
}

static cose_err remember(cose_label_set *seen, const uint8_t *head) {
  for (size_t i = 0; i < seen->n; i++)
    if (same_label(seen->l[i], head)) return COSE_ERR_DUPLICATE_LABEL;
  if (seen->n == sizeof seen->l / sizeof seen->l[0]) return COSE_ERR_HEADER;
  seen->l[seen->n++] = head;
  return COSE_OK;
}

static cose_err read_bstr(cbp_reader *r, cose_bytes *b) {
  cbp_item it;
  cose_err e = cbp_next(r, &it);
  if (e != COSE_OK) return e;
  if (it.type != CBP_BSTR) return COSE_ERR_HEADER;
  b->p = it.ptr;
  b->n = (size_t)it.v;
  return COSE_OK;
}

/* crit (label 2): a non-empty array of labels, each one this code processes. */
static cose_err read_crit(cbp_reader *r) {
  cbp_item it;
  cose_err e = cbp_next(r, &it);
  if (e != COSE_OK) return e;
  if (it.type != CBP_ARRAY || it.v == 0) return COSE_ERR_HEADER;
  for (uint64_t i = 0; i < it.v; i++) {
    cbp_item li;
    cose_label l;
    if ((e = cbp_next(r, &li)) != COSE_OK) return e;
    if ((e = read_label(&li, &l)) != COSE_OK) return e;
    if (l.text || l.i < 1 || l.i > 6) return COSE_ERR_CRIT;
  }
  return COSE_OK;
}

cose_err cose_parse_header_map(cbp_reader *r, bool is_protected, cose_label_set *seen,
                               cose_hdr_info *info) {
  cbp_item it;
  cose_err e = cbp_next(r, &it);
  if (e != COSE_OK) return e;
  if (it.type != CBP_MAP) return COSE_ERR_STRUCTURE;
  if (it.v > COSE_MAX_LABELS) return COSE_ERR_HEADER;
  for (size_t i = 0, n = (size_t)it.v; i < n; i++) { /* 32-bit counter: n is bounded above */
    cbp_item li, vi;
    cose_label l;
    size_t at = r->pos;
    if ((e = cbp_next(r, &li)) != COSE_OK) return e;
    if ((e = read_label(&li, &l)) != COSE_OK) return e;
    if ((e = remember(seen, r->p + at)) != COSE_OK) return e;
    if (l.text) {
      /* "sid": the sender id of the profile's counter mode; other text labels are skipped. */
      if (!is_protected && l.n == 3 && memcmp(l.s, "sid", 3) == 0) {
        if ((e = read_bstr(r, &info->sid)) != COSE_OK) return e;
        info->has_sid = true;
      } else if ((e = cbp_skip(r)) != COSE_OK) {
        return e;
      }
      continue;
    }
    switch (l.i) { /* labels outside 1..6 are skipped */
      case 1: /* alg: int, or text which no device supports */
        if ((e = cbp_next(r, &vi)) != COSE_OK) return e;
        if (vi.type == CBP_TSTR) info->alg = COSE_ALG_TEXT;
        else if ((e = cose_read_int(&vi, &info->alg)) != COSE_OK) return e;
        info->has_alg = true;
        info->alg_protected = is_protected;
        break;
      case 2:
        if (!is_protected) return COSE_ERR_HEADER; /* crit must be protected */
        if ((e = read_crit(r)) != COSE_OK) return e;
        break;
      case 3: /* content type: uint or text */
        if ((e = cbp_next(r, &vi)) != COSE_OK) return e;
        if (vi.type != CBP_UINT && vi.type != CBP_TSTR) return COSE_ERR_HEADER;
        break;
      case 4:
        if ((e = read_bstr(r, &info->kid)) != COSE_OK) return e;
        info->has_kid = true;
        break;
      case 5:
        if ((e = read_bstr(r, &info->iv)) != COSE_OK) return e;
        info->has_iv = true;
        info->nonce_protected |= is_protected;
        break;
      case 6:
        if ((e = read_bstr(r, &info->piv)) != COSE_OK) return e;
        info->has_piv = true;
        info->nonce_protected |= is_protected;
        break;
      default:
        if ((e = cbp_skip(r)) != COSE_OK) return e;
    }
  }
  return COSE_OK;
}

cose_err cose_parse_protected(const uint8_t *p, size_t n, cose_label_set *seen, cose_hdr_info *info) {
  if (n == 0) return COSE_OK; /* h'' : no protected headers */
  cbp_reader r;
  cbp_reader_init(&r, p, n);
  cose_err e = cose_parse_header_map(&r, true, seen, info);
  if (e != COSE_OK) return e;
  return cbp_at_end(&r) ? COSE_OK : COSE_ERR_TRAILING_BYTES;
}

cose_err cose_headers_parse(const cose_headers *h, cose_hdr_info *out) {
  if (!h || !out || (!h->prot && h->prot_len) || !h->unprot) return COSE_ERR_ARG;
  memset(out, 0, sizeof *out);
  cose_label_set seen = {.n = 0};
  cose_err e = cose_parse_protected(h->prot, h->prot_len, &seen, out);
  if (e != COSE_OK) return e;
  cbp_reader r;
  cbp_reader_init(&r, h->unprot, h->unprot_len);
  if ((e = cose_parse_header_map(&r, false, &seen, out)) != COSE_OK) return e;
  if (!cbp_at_end(&r)) return COSE_ERR_TRAILING_BYTES;
  if (out->has_iv && out->has_piv) return COSE_ERR_NONCE;
  return COSE_OK;
}

cose_err cose_headers_build(int32_t alg, cose_bytes kid, cose_bytes iv, cose_bytes piv,
                            uint8_t *prot_buf, size_t prot_cap, uint8_t *unprot_buf,
                            size_t unprot_cap, cose_headers *out) {
  if (!prot_buf || !unprot_buf || !out || (iv.p && piv.p)) return COSE_ERR_ARG;
  cbp_writer w;
  cbp_writer_init(&w, prot_buf, prot_cap);
  if (alg != 0) {
    cbp_put_map(&w, 1);
    cbp_put_uint(&w, 1);
    cbp_put_int(&w, alg);
  }
  if (w.overflow) return COSE_ERR_BUFFER_TOO_SMALL;
  out->prot = prot_buf;
  out->prot_len = w.len;
  cbp_writer_init(&w, unprot_buf, unprot_cap);
  cbp_put_map(&w, (kid.p ? 1u : 0u) + (iv.p ? 1u : 0u) + (piv.p ? 1u : 0u));
  if (kid.p) {
    cbp_put_uint(&w, 4);
    cbp_put_bstr(&w, kid.p, kid.n);
  }
  if (iv.p) {
    cbp_put_uint(&w, 5);
    cbp_put_bstr(&w, iv.p, iv.n);
  }
  if (piv.p) {
    cbp_put_uint(&w, 6);
    cbp_put_bstr(&w, piv.p, piv.n);
  }
  if (w.overflow) return COSE_ERR_BUFFER_TOO_SMALL;
  out->unprot = unprot_buf;
  out->unprot_len = w.len;
  return COSE_OK;
}

cose_err cose_key_decode(const uint8_t *cbor, size_t len, cose_key *k) {
  if (!cbor || !k) return COSE_ERR_ARG;
  memset(k, 0, sizeof *k);
  cbp_reader r;
  cbp_reader_init(&r, cbor, len);
  cbp_item it, neg1 = {.type = CBP_SIMPLE};
  bool have_neg1 = false, have_kty = false;
  cose_err e = cbp_next(&r, &it);
  if (e != COSE_OK) return e;
  if (it.type != CBP_MAP || it.v > COSE_MAX_LABELS) return COSE_ERR_KEY;
  cose_label_set seen = {.n = 0};
  for (size_t i = 0, n = (size_t)it.v; i < n; i++) {
    cbp_item li, vi;
    cose_label l;
    size_t at = r.pos;
    if ((e = cbp_next(&r, &li)) != COSE_OK) return e;
    if ((e = read_label(&li, &l)) != COSE_OK) return COSE_ERR_KEY;
    if ((e = remember(&seen, r.p + at)) != COSE_OK) return e;
    if (l.text || l.i == 4 || l.i < -4 || l.i > 5) { /* key_ops, base IV-less extras: skip */
      if ((e = cbp_skip(&r)) != COSE_OK) return e;
      continue;
    }
    if ((e = cbp_next(&r, &vi)) != COSE_OK) return e;
    cose_bytes b = {vi.ptr, (size_t)vi.v};
    bool is_b = vi.type == CBP_BSTR;
    switch (l.i) { /* -4..5 here */
      case 1:
        if (cose_read_int(&vi, &k->kty) != COSE_OK) return COSE_ERR_KEY;
        have_kty = true;
        break;
      case 2: if (!is_b) return COSE_ERR_KEY; k->kid = b; break;
      case 3:
        if (vi.type == CBP_TSTR) k->alg = COSE_ALG_TEXT;
        else if (cose_read_int(&vi, &k->alg) != COSE_OK) return COSE_ERR_KEY;
        k->has_alg = true;
        break;
      case 5: if (!is_b) return COSE_ERR_KEY; k->base_iv = b; k->has_base_iv = true; break;
      case -1: neg1 = vi; have_neg1 = true; break; /* k or crv: depends on kty */
      case -2: if (!is_b) return COSE_ERR_KEY; k->x = b; break;
      case -3: if (!is_b) return COSE_ERR_KEY; k->y = b; break; /* compressed y: not here */
      case -4: if (!is_b) return COSE_ERR_KEY; k->d = b; break;
      default: return COSE_ERR_KEY;
    }
  }
  if (!cbp_at_end(&r)) return COSE_ERR_TRAILING_BYTES;
  if (!have_kty) return COSE_ERR_KEY;
  if (k->kty == 4) {
    if (!have_neg1 || neg1.type != CBP_BSTR || neg1.v == 0) return COSE_ERR_KEY;
    k->k.p = neg1.ptr;
    k->k.n = (size_t)neg1.v;
  } else if (k->kty == 2) {
    if (!have_neg1 || cose_read_int(&neg1, &k->crv) != COSE_OK) return COSE_ERR_KEY;
  } else {
    return COSE_ERR_KEY;
  }
  return COSE_OK;
}
