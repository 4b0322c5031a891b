/* Header buckets (RFC 9052 section 3) and COSE_Key (section 7), strictly. */
#include <stddef.h>
#include <string.h>

#include "cose_internal.h"

cose_err cose_read_int(const cbp_item *it, int32_t *out) {
  if ((it->type != CBP_UINT && it->type != CBP_NINT) || it->huge) return COSE_ERR_HEADER;
  /* v < 2^31 either way: uint v or -1 - v fits int32; anything larger is INT32_MIN. */
  int32_t v = it->v <= INT32_MAX ? (int32_t)it->v : INT32_MIN;
  *out = it->type == CBP_NINT && v != INT32_MIN ? -1 - v : v;
  return COSE_OK;
}

/* A label: an int (as cose_read_int reads it) or text, which reads as INT32_MIN here (the
 * caller looks at the text itself). */
static cose_err read_label(const cbp_item *it, int32_t *label) {
  if (it->type != CBP_TSTR) return cose_read_int(it, label);
  *label = INT32_MIN;
  return COSE_OK;
}

/* a and b are the heads of two labels that read_label accepted (int or text, whole in the input). */
static bool same_label(const uint8_t *a, const uint8_t *b) {
  uint64_t x, y;
  size_t ha = cbp_head_arg(a, &x), hb = cbp_head_arg(b, &y);
  if ((a[0] >> 5) != (b[0] >> 5) || x != y) return false;
  return (a[0] >> 5) != 3 || memcmp(a + ha, b + hb, (size_t)x) == 0;
}

/* Never full: a map holds at most COSE_MAX_LABELS labels, the set twice that. */
static cose_err remember(cose_label_set *seen, const uint8_t *head) {
  for (size_t i = 0; i < seen->n; i++)
    if (same_label(seen->l[i], head)) return COSE_ERR_DUPLICATE_LABEL;
  seen->l[seen->n++] = head;
  return COSE_OK;
}

/* crit (label 2), its array head in it: a non-empty array of labels, each one this code
 * processes. */
static cose_err read_crit(cbp_reader *r, const cbp_item *it) {
  if (it->type != CBP_ARRAY || it->v == 0) return COSE_ERR_HEADER;
  for (size_t i = 0; i < it->v; i++) {
    cbp_item li;
    int32_t l;
    cose_err e = cbp_next(r, &li);
    if (e == COSE_OK) e = read_label(&li, &l);
    if (e != COSE_OK) return e;
    if (l < 1 || l > 6) return COSE_ERR_CRIT;
  }
  return COSE_OK;
}

/* How the value of a known label is read. */
enum { V_BSTR, V_INT, V_ALG, V_ANY, V_CT, V_CRIT, V_BAD, V_END /* ends a table: skip */ };
/* A known label of a header bucket or a COSE_Key: how its value is read and where it goes
 * (offsets into cose_hdr_info or cose_key), so one walker serves both maps. */
typedef struct {
  int8_t label;
  uint8_t how;
  uint8_t at, flag; /* flag: offset of the bool that says the label was there */
} map_rule;
#define NO_FLAG 0xff
#define SID_LABEL 127 /* stands for the text label "sid"; int labels from 127 up are unknown */
#define HDR(l, how, f, has) {l, how, offsetof(cose_hdr_info, f), offsetof(cose_hdr_info, has)}
static const map_rule hdr_rules[] = {
    HDR(1, V_ALG, alg, has_alg),
    {2, V_CRIT, 0, NO_FLAG},
    {3, V_CT, 0, NO_FLAG},
    HDR(4, V_BSTR, kid, has_kid),
    HDR(5, V_BSTR, iv, has_iv),
    HDR(6, V_BSTR, piv, has_piv),
    HDR(SID_LABEL, V_BSTR, sid, has_sid),
    {0, V_END, 0, NO_FLAG},
};
/* kty 1, kid 2, alg 3, Base IV 5; -1 is k or crv, told apart by kty at the end; x -2, y -3,
 * d -4 (compressed y is not supported); key_ops (4) and other labels are skipped, 0 refused. */
#define KEY(l, how, f, has) {l, how, offsetof(cose_key, f), has}
static const map_rule key_rules[] = {
    KEY(1, V_INT, kty, NO_FLAG),
    KEY(2, V_BSTR, kid, NO_FLAG),
    KEY(3, V_ALG, alg, offsetof(cose_key, has_alg)),
    KEY(5, V_BSTR, base_iv, offsetof(cose_key, has_base_iv)),
    {-1, V_ANY, 0, NO_FLAG},
    KEY(-2, V_BSTR, x, NO_FLAG),
    KEY(-3, V_BSTR, y, NO_FLAG),
    KEY(-4, V_BSTR, d, NO_FLAG),
    {0, V_BAD, 0, NO_FLAG},
    {0, V_END, 0, NO_FLAG},
};

cose_err cose_read_map(cbp_reader *r, cose_map_kind kind, cose_label_set *seen, void *dst,
                       cbp_item *stash) {
  bool key = kind == COSE_MAP_KEY;
  const map_rule *rules = key ? key_rules : hdr_rules;
  cose_err bad = key ? COSE_ERR_KEY : COSE_ERR_HEADER;
  cbp_item it;
  cose_err e = cbp_next(r, &it);
  if (e != COSE_OK) return e;
  if (it.type != CBP_MAP) return key ? COSE_ERR_KEY : COSE_ERR_STRUCTURE;
  if (it.v > COSE_MAX_LABELS) return bad;
  for (size_t i = 0, n = it.v; i < n; i++) {
    int32_t label;
    size_t at = r->pos;
    if ((e = cbp_next(r, &it)) != COSE_OK) return e;
    if (read_label(&it, &label) != COSE_OK) return bad;
    if ((e = remember(seen, r->p + at)) != COSE_OK) return e;
    /* "sid": the sender id of the profile's counter mode, in the unprotected bucket only;
     * other text labels are skipped. */
    if (it.type == CBP_TSTR) {
      if (kind == COSE_MAP_UNPROT && it.v == 3 && memcmp(it.ptr, "sid", 3) == 0) label = SID_LABEL;
    } else if (label >= SID_LABEL) {
      label = INT32_MIN;
    }
    const map_rule *ru = rules;
    while (ru->how != V_END && ru->label != label) ru++;
    if (ru->how == V_END) {
      if ((e = cbp_skip(r)) != COSE_OK) return e;
      continue;
    }
    if (ru->how == V_CRIT && kind != COSE_MAP_PROT) return COSE_ERR_HEADER; /* crit must be protected */
    if ((e = cbp_next(r, &it)) != COSE_OK) return e;
    uint8_t *d = (uint8_t *)dst + ru->at;
    switch (ru->how) {
      case V_BSTR:
        if (it.type != CBP_BSTR) return bad;
        *(cose_bytes *)d = (cose_bytes){it.ptr, it.v};
        break;
      case V_ALG: /* int, or text which no device supports */
        if (it.type == CBP_TSTR) {
          *(int32_t *)d = COSE_ALG_TEXT;
          break;
        }
        /* fall through */
      case V_INT:
        if (cose_read_int(&it, (int32_t *)d) != COSE_OK) return bad;
        break;
      case V_CT: /* content type: uint or text */
        if (it.type != CBP_UINT && it.type != CBP_TSTR) return bad;
        break;
      case V_CRIT:
        if ((e = read_crit(r, &it)) != COSE_OK) return e;
        break;
      case V_ANY:
        *stash = it;
        break;
      default:
        return bad;
    }
    if (ru->flag != NO_FLAG) *((bool *)dst + ru->flag) = true;
  }
  return COSE_OK;
}

cose_err cose_parse_buckets(cose_bytes prot, cbp_reader *unprot, cose_hdr_info *info) {
  memset(info, 0, sizeof *info);
  cose_label_set seen;
  seen.n = 0; /* the slots below n are the only ones read */
  cose_err e;
  if (prot.n) { /* h'' : no protected headers */
    cbp_reader r;
    cbp_reader_init(&r, prot.p, prot.n);
    if ((e = cose_read_map(&r, COSE_MAP_PROT, &seen, info, NULL)) != COSE_OK) return e;
    if (!cbp_at_end(&r)) return COSE_ERR_TRAILING_BYTES;
    /* Parsed first, and a label in both buckets is a duplicate: what is here now is protected. */
    info->alg_protected = info->has_alg;
    info->nonce_protected = info->has_iv || info->has_piv;
  }
  return cose_read_map(unprot, COSE_MAP_UNPROT, &seen, info, NULL);
}

cose_err cose_headers_parse(const cose_headers *h, cose_hdr_info *out) {
  if (!h || !out || (!h->prot && h->prot_len) || !h->unprot) return COSE_ERR_ARG;
  cbp_reader r;
  cbp_reader_init(&r, h->unprot, h->unprot_len);
  cose_err e = cose_parse_buckets((cose_bytes){h->prot, h->prot_len}, &r, out);
  if (e != COSE_OK) return e;
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
  /* Labels 4, 5 and 6 in this order, each one given. */
  const cose_bytes *f[3] = {&kid, &iv, &piv};
  cbp_writer_init(&w, unprot_buf, unprot_cap);
  cbp_put_map(&w, (kid.p != NULL) + (iv.p != NULL) + (piv.p != NULL));
  for (unsigned i = 0; i < 3; i++)
    if (f[i]->p) {
      cbp_put_uint(&w, 4 + i);
      cbp_put_bstr(&w, f[i]->p, f[i]->n);
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
  cbp_item neg1; /* label -1, if any: read by kty below; absent, its type is no value's */
  neg1.type = CBP_SIMPLE;
  cose_label_set seen;
  seen.n = 0; /* the slots below n are the only ones read */
  cose_err e = cose_read_map(&r, COSE_MAP_KEY, &seen, k, &neg1);
  if (e != COSE_OK) return e;
  if (!cbp_at_end(&r)) return COSE_ERR_TRAILING_BYTES;
  if (k->kty == 4) { /* a missing kty is 0 here, which is neither */
    if (neg1.type != CBP_BSTR || neg1.v == 0) return COSE_ERR_KEY;
    k->k.p = neg1.ptr;
    k->k.n = neg1.v;
  } else if (k->kty != 2 || cose_read_int(&neg1, &k->crv) != COSE_OK) {
    return COSE_ERR_KEY;
  }
  return COSE_OK;
}
