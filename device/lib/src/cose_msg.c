/* COSE_Encrypt0, COSE_Sign1, COSE_Mac0 (RFC 9052 sections 4-6) on caller buffers. */
#include <string.h>

#include "cose_internal.h"
#include "crypto_port.h"

size_t cose_alg_tag_len(int32_t alg) {
  const cp_alg *a = cp_alg_info(alg);
  return a ? a->tag_len : 0;
}
size_t cose_alg_nonce_len(int32_t alg) {
  const cp_alg *a = cp_alg_info(alg);
  return a ? a->nonce_len : 0;
}

cose_err cose_parse_msg(const uint8_t *m, size_t n, unsigned want_tag, unsigned arity,
                        unsigned flags, cose_parts *o) {
  if (!m) return COSE_ERR_ARG;
  o->tag = (cose_bytes){NULL, 0}; /* Encrypt0 has none; the rest is set before use */
  cbp_reader r;
  cbp_item it;
  cbp_reader_init(&r, m, n);
  cose_err e = cbp_next(&r, &it);
  if (e != COSE_OK) return e;
  if (it.type == CBP_TAG) {
    if (it.v != want_tag) return COSE_ERR_WRONG_TAG;
    if ((e = cbp_next(&r, &it)) != COSE_OK) return e;
    if (it.type == CBP_TAG) return COSE_ERR_WRONG_TAG;
  } else if (flags & COSE_F_REQUIRE_TAG) {
    return COSE_ERR_UNTAGGED;
  }
  if (it.type != CBP_ARRAY || it.v != arity) return COSE_ERR_STRUCTURE;
  if ((e = cbp_next(&r, &it)) != COSE_OK) return e;
  if (it.type != CBP_BSTR) return COSE_ERR_STRUCTURE;
  o->prot = (cose_bytes){it.ptr, it.v};
  if ((e = cose_parse_buckets(o->prot, &r, &o->info)) != COSE_OK) return e;
  if (o->info.has_iv && o->info.has_piv) return COSE_ERR_NONCE;
  if ((e = cbp_next(&r, &it)) != COSE_OK) return e;
  if (it.type == CBP_SIMPLE && it.is_null) return COSE_ERR_DETACHED;
  if (it.type != CBP_BSTR) return COSE_ERR_STRUCTURE;
  o->body = (cose_bytes){it.ptr, it.v};
  if (arity == 4) {
    if ((e = cbp_next(&r, &it)) != COSE_OK) return e;
    if (it.type != CBP_BSTR) return COSE_ERR_STRUCTURE;
    o->tag = (cose_bytes){it.ptr, it.v};
  }
  return cbp_at_end(&r) ? COSE_OK : COSE_ERR_TRAILING_BYTES;
}

/* Picks the algorithm: the request's (creating) or the header's (opening), which the key's
 * alg and the header's must then agree with; kind is the primitive the message type needs. */
static cose_err resolve_alg(const cose_hdr_info *hi, const cose_key *key, int32_t requested,
                            cp_kind kind, const cp_alg **pa) {
  /* A text alg in the header is unsupported whatever else is said. */
  if (hi->has_alg && hi->alg == COSE_ALG_TEXT) return COSE_ERR_UNSUPPORTED_ALG;
  int32_t x = requested;
  if (x == 0) {
    if (hi->has_alg) x = hi->alg;
    else if (key->has_alg) x = key->alg;
    else return COSE_ERR_HEADER; /* nothing says which algorithm */
  }
  if (x == COSE_ALG_TEXT) return COSE_ERR_UNSUPPORTED_ALG;
  if ((hi->has_alg && hi->alg != x) || (key->has_alg && key->alg != x)) return COSE_ERR_ALG_MISMATCH;
  /* CP_GCM stands for "any AEAD" here: Encrypt0 takes GCM and CCM alike. */
  const cp_alg *a = *pa = cp_alg_info(x);
  if (!a || (a->kind == CP_CCM ? CP_GCM : a->kind) != kind) return COSE_ERR_UNSUPPORTED_ALG;
  return COSE_OK;
}

static cose_err check_sym_key(const cose_key *key, const cp_alg *a) {
  if (key->kty != 4 || !key->k.p) return COSE_ERR_KEY;
  if (a->key_len ? key->k.n != a->key_len : key->k.n == 0) return COSE_ERR_KEY;
  return COSE_OK;
}

/* The AEAD nonce: the IV as given; under COSE_F_PROFILE_NONCE with a Partial IV and a "sid",
 * the profile's counter mode layout, with the key's Base IV (label 5) as the common IV; else
 * with a Partial IV, RFC 9052 section 3.1 (left-padded, XORed into the Base IV). */
static cose_err make_nonce(const cose_hdr_info *hi, const cose_key *key, const cp_alg *a,
                           unsigned flags, uint8_t nonce[16]) {
  if (hi->has_iv) {
    if (hi->iv.n != a->nonce_len) return COSE_ERR_NONCE;
    memcpy(nonce, hi->iv.p, a->nonce_len);
    return COSE_OK;
  }
  /* A Partial IV needs the key's Base IV of the nonce's length in either layout. */
  size_t n = a->nonce_len;
  cose_bytes piv = hi->piv;
  if (!hi->has_piv || !key->has_base_iv || key->base_iv.n != n) return COSE_ERR_NONCE;
  if ((flags & COSE_F_PROFILE_NONCE) && hi->has_sid) { /* OSCORE layout */
    uint64_t seq;
    if (cose_profile_seq(piv, &seq) != COSE_OK) return COSE_ERR_NONCE;
    return cose_profile_nonce(key->base_iv.p, n, hi->sid, piv, nonce);
  }
  /* RFC 9052 section 3.1: the Partial IV left-padded to the nonce's length. */
  if (piv.n == 0 || piv.n > n) return COSE_ERR_NONCE;
  memcpy(nonce, key->base_iv.p, n);
  cose_xor(nonce + n - piv.n, piv.p, piv.n);
  return COSE_OK;
}

/* The length the authenticated structures give the protected bucket p: RFC 9052 section
 * 4.4/5.3: with no protected parameters the structures carry h'', also when
 * the message encodes the empty map as h'a0' (the WG examples' "Redo protected" cases). p has
 * been parsed as a header map by then, so its first head is whole: an empty map is a map head
 * with count 0 that is all of p. */
static size_t authenticated_len(const uint8_t *p, size_t n) {
  uint64_t count;
  return n && p[0] >> 5 == CBP_MAP && cbp_head_arg(p, &count) == n && count == 0 ? 0 : n;
}

typedef void (*sink_fn)(void *ctx, const uint8_t *p, size_t n);
static void sink_sha(void *c, const uint8_t *p, size_t n) { cp_sha256_update(c, p, n); }
static void sink_hmac(void *c, const uint8_t *p, size_t n) { cp_hmac_update(c, p, n); }
static void sink_writer(void *c, const uint8_t *p, size_t n) { cbp_put_raw(c, p, n); }

static void feed_bstr(sink_fn f, void *c, const uint8_t *p, size_t n) {
  uint8_t h[9];
  cbp_writer w;
  cbp_writer_init(&w, h, sizeof h);
  cbp_put_bstr_head(&w, n);
  f(c, h, w.len);
  f(c, p, n);
}
/* [context, protected, external_aad (, payload)]: the Enc_structure (3 items) is written out
 * for the AEAD; Sig_structure and MAC_structure (4) are streamed into a hash, so no copy of
 * the payload is needed. */
static void feed_tbs(sink_fn f, void *c, const char *ctx, unsigned items, const cose_bytes *prot,
                     const uint8_t *aad, size_t aad_len, const uint8_t *pl, size_t pl_len) {
  uint8_t h[16];
  cbp_writer w;
  cbp_writer_init(&w, h, sizeof h);
  cbp_put_array(&w, items);
  cbp_put_tstr(&w, ctx, strlen(ctx));
  f(c, h, w.len);
  feed_bstr(f, c, prot->p, authenticated_len(prot->p, prot->n));
  feed_bstr(f, c, aad, aad_len);
  if (items == 4) feed_bstr(f, c, pl, pl_len);
}

/* The Enc_structure, in the workspace. */
static cose_err enc_structure(const cose_bytes *prot, const uint8_t *aad, size_t aad_len,
                              cose_ws ws, size_t *len) {
  cbp_writer w;
  cbp_writer_init(&w, ws.p, ws.cap);
  feed_tbs(sink_writer, &w, "Encrypt0", 3, prot, aad, aad_len, NULL, 0);
  if (w.overflow) return COSE_ERR_BUFFER_TOO_SMALL;
  *len = w.len;
  return COSE_OK;
}

/* Writes [tag] [prot, unprot, head of body]; an overflow stays in w for the caller. */
static void write_prefix(cbp_writer *w, unsigned flags, unsigned tag, unsigned arity,
                         const cose_headers *h, size_t body_len) {
  if (flags & COSE_F_TAGGED) cbp_put_tag(w, tag);
  cbp_put_array(w, arity);
  cbp_put_bstr(w, h->prot, h->prot_len);
  cbp_put_raw(w, h->unprot, h->unprot_len);
  cbp_put_bstr_head(w, body_len);
}

static cose_err check_ec_key(const cose_key *key, bool need_private) {
  if (key->kty != 2 || key->crv != 1) return COSE_ERR_KEY;
  if (COSE_CFG_SIGN && need_private) return key->d.p && key->d.n == 32 ? COSE_OK : COSE_ERR_KEY;
  return key->x.p && key->x.n == 32 && key->y.p && key->y.n == 32 ? COSE_OK : COSE_ERR_KEY;
}

/* What tells the three message types apart; the calls below are shared by all three. */
struct cose_msg_type {
  uint8_t tag, arity;
  uint8_t kind;    /* the cp_kind resolve_alg wants (CP_GCM: any AEAD) */
  const char *ctx; /* the context string of the authenticated structure */
};
typedef cose_msg_type msg_type;
const msg_type cose_encrypt0_type = {COSE_TAG_ENCRYPT0, 3, CP_GCM, "Encrypt0"};
static const msg_type k_mac0 = {COSE_TAG_MAC0, 4, CP_HMAC, "MAC0"};
static const msg_type k_sign1 = {COSE_TAG_SIGN1, 4, CP_ECDSA, "Signature1"};

/* The algorithm, the key checked against it and, for an AEAD, the nonce. */
static cose_err prepare(const msg_type *t, const cose_hdr_info *hi, const cose_key *key,
                        int32_t requested, unsigned flags, bool create, const cp_alg **pa,
                        uint8_t nonce[16]) {
  cose_err e = resolve_alg(hi, key, requested, (cp_kind)t->kind, pa);
  if (e != COSE_OK) return e;
  const cp_alg *a = *pa;
  e = a->kind == CP_ECDSA ? check_ec_key(key, create) : check_sym_key(key, a);
  if (e == COSE_OK && t->kind == CP_GCM) e = make_nonce(hi, key, a, flags, nonce);
  return e;
}

/* The HMAC (Mac0) or the hash to sign (Sign1) of the MAC_structure / Sig_structure. */
static cose_err tbs_digest(const msg_type *t, const cose_key *key, const cose_bytes *prot,
                           const uint8_t *aad, size_t aad_len, const uint8_t *pl, size_t pl_len,
                           uint8_t out[32]) {
  bool mac = t->kind == CP_HMAC;
  union {
    cp_hmac hm;
    cp_sha256 s;
  } c;
  if (mac) cp_hmac_start(&c.hm, key->k.p, key->k.n);
  else cp_sha256_start(&c.s);
  feed_tbs(mac ? sink_hmac : sink_sha, &c, t->ctx, 4, prot, aad, aad_len, pl, pl_len);
  return mac ? cp_hmac_finish(&c.hm, out) : cp_sha256_finish(&c.s, out);
}

/* Encrypt0 seal, Mac0 create, Sign1 sign: [tag] [prot, unprot, body (, tag)]. */
cose_err cose_create(const cose_key *key, int32_t alg, const cose_headers *h, const uint8_t *pl,
                     size_t pl_len, const uint8_t *aad, size_t aad_len, unsigned flags,
                     uint8_t *out, size_t cap, size_t *out_len, cose_ws ws, const msg_type *t) {
  if (!key || !h || !out || !out_len || (!pl && pl_len) || (!aad && aad_len)) return COSE_ERR_ARG;
  cose_hdr_info hi;
  const cp_alg *a;
  uint8_t nonce[16];
  cose_err e = cose_headers_parse(h, &hi);
  if (e == COSE_OK) e = prepare(t, &hi, key, alg, flags, true, &a, nonce);
  if (e != COSE_OK) return e;
  bool aead = t->kind == CP_GCM;
  if (aead && pl_len > SIZE_MAX - a->tag_len) return COSE_ERR_TOO_LARGE;
  /* Still to come after the heads: ciphertext and tag, or the tag / MAC / signature. */
  size_t need = aead ? pl_len + a->tag_len : a->tag_len;
  cbp_writer w;
  cbp_writer_init(&w, out, cap);
  write_prefix(&w, flags, t->tag, t->arity, h, aead ? need : pl_len);
  if (!aead) {
    cbp_put_raw(&w, pl, pl_len);
    cbp_put_bstr_head(&w, a->tag_len);
  }
  if (w.overflow || cap - w.len < need) return COSE_ERR_BUFFER_TOO_SMALL;
  uint8_t *dst = out + w.len;
  cose_bytes prot = {h->prot, h->prot_len};
  if (aead) {
    size_t sl;
    e = enc_structure(&prot, aad, aad_len, ws, &sl);
    if (e == COSE_OK) e = cp_aead(true, a, key->k.p, nonce, ws.p, sl, pl, pl_len, dst);
  } else {
    uint8_t d[32];
    e = tbs_digest(t, key, &prot, aad, aad_len, pl, pl_len, d);
    /* Without COSE_CFG_SIGN nothing but Mac0 gets here. 256/64: the leftmost 64 bits. */
    if (e == COSE_OK && (!COSE_CFG_SIGN || t->kind == CP_HMAC)) memcpy(dst, d, a->tag_len);
#if COSE_CFG_SIGN
    else if (e == COSE_OK) e = cp_es256_sign(key->d.p, d, dst);
#endif
  }
  if (e == COSE_OK) *out_len = w.len + need;
  return e;
}

/* Mac0 verify, Sign1 verify. */
/* t last (as in cose_create): the public wrappers then pass their own arguments on unmoved. */
static cose_err verify(const cose_key *key, const uint8_t *msg, size_t msg_len, const uint8_t *aad,
                       size_t aad_len, unsigned flags, cose_bytes *payload, cose_hdr_info *info,
                       const msg_type *t) {
  if (!key || !payload || (!aad && aad_len)) return COSE_ERR_ARG;
  cose_parts m;
  const cp_alg *a;
  uint8_t d[32];
  cose_err e = cose_parse_msg(msg, msg_len, t->tag, t->arity, flags, &m);
  if (e == COSE_OK) e = prepare(t, &m.info, key, 0, flags, false, &a, NULL);
  if (e != COSE_OK) return e;
  if (m.tag.n != a->tag_len) return COSE_ERR_AUTH; /* ES256 signatures are exactly r||s */
  if ((e = tbs_digest(t, key, &m.prot, aad, aad_len, m.body.p, m.body.n, d)) != COSE_OK) return e;
  if (t->kind == CP_HMAC) {
    if (!cp_equal(d, m.tag.p, a->tag_len)) return COSE_ERR_AUTH;
  } else if ((e = cp_es256_verify(key->x.p, key->y.p, d, m.tag.p)) != COSE_OK) {
    return e;
  }
  *payload = m.body;
  if (info) *info = m.info;
  return COSE_OK;
}

cose_err cose_encrypt0_seal(const cose_key *key, int32_t alg, const cose_headers *h,
                            const uint8_t *pt, size_t pt_len, const uint8_t *aad,
                            size_t aad_len, unsigned flags, uint8_t *out, size_t cap,
                            size_t *out_len, cose_ws ws) {
  return cose_create(key, alg, h, pt, pt_len, aad, aad_len, flags, out, cap, out_len, ws,
                     &cose_encrypt0_type);
}

cose_err cose_encrypt0_decrypt(const cose_key *key, const cose_parts *m, const uint8_t *aad,
                               size_t aad_len, unsigned flags, uint8_t *pt, size_t pt_cap,
                               size_t *pt_len, cose_ws ws) {
  const cp_alg *a;
  uint8_t nonce[16];
  size_t sl;
  cose_err e = prepare(&cose_encrypt0_type, &m->info, key, 0, flags, false, &a, nonce);
  if (e != COSE_OK) return e;
  if (m->body.n < a->tag_len) return COSE_ERR_STRUCTURE;
  if (m->body.n - a->tag_len > pt_cap) return COSE_ERR_BUFFER_TOO_SMALL;
  if ((e = enc_structure(&m->prot, aad, aad_len, ws, &sl)) != COSE_OK) return e;
  if ((e = cp_aead(false, a, key->k.p, nonce, ws.p, sl, m->body.p, m->body.n, pt)) != COSE_OK) return e;
  *pt_len = m->body.n - a->tag_len;
  return COSE_OK;
}

cose_err cose_encrypt0_open(const cose_key *key, const uint8_t *msg, size_t msg_len,
                            const uint8_t *aad, size_t aad_len, unsigned flags, uint8_t *pt,
                            size_t pt_cap, size_t *pt_len, cose_ws ws, cose_hdr_info *info) {
  if (!key || !pt_len || (!pt && pt_cap) || (!aad && aad_len)) return COSE_ERR_ARG;
  cose_parts m;
  cose_err e = cose_parse_msg(msg, msg_len, COSE_TAG_ENCRYPT0, 3, flags, &m);
  if (e == COSE_OK) e = cose_encrypt0_decrypt(key, &m, aad, aad_len, flags, pt, pt_cap, pt_len, ws);
  if (e == COSE_OK && info) *info = m.info;
  return e;
}

#if COSE_CFG_SIGN
cose_err cose_sign1_sign(const cose_key *key, int32_t alg, const cose_headers *h,
                         const uint8_t *payload, size_t payload_len, const uint8_t *aad,
                         size_t aad_len, unsigned flags, uint8_t *out, size_t cap,
                         size_t *out_len) {
  return cose_create(key, alg, h, payload, payload_len, aad, aad_len, flags, out, cap, out_len,
                     (cose_ws){NULL, 0}, &k_sign1);
}
#endif

cose_err cose_sign1_verify(const cose_key *key, const uint8_t *msg, size_t msg_len,
                           const uint8_t *aad, size_t aad_len, unsigned flags,
                           cose_bytes *payload, cose_hdr_info *info) {
  return verify(key, msg, msg_len, aad, aad_len, flags, payload, info, &k_sign1);
}

cose_err cose_mac0_create(const cose_key *key, int32_t alg, const cose_headers *h,
                          const uint8_t *payload, size_t payload_len, const uint8_t *aad,
                          size_t aad_len, unsigned flags, uint8_t *out, size_t cap,
                          size_t *out_len) {
  return cose_create(key, alg, h, payload, payload_len, aad, aad_len, flags, out, cap, out_len,
                     (cose_ws){NULL, 0}, &k_mac0);
}

cose_err cose_mac0_verify(const cose_key *key, const uint8_t *msg, size_t msg_len,
                          const uint8_t *aad, size_t aad_len, unsigned flags,
                          cose_bytes *payload, cose_hdr_info *info) {
  return verify(key, msg, msg_len, aad, aad_len, flags, payload, info, &k_mac0);
}

cose_err cose_peek_kid(const uint8_t *msg, size_t msg_len, uint64_t tag, cose_bytes *kid) {
  if (!kid) return COSE_ERR_ARG;
  cose_parts m;
  cose_err e = cose_parse_msg(msg, msg_len, (unsigned)tag, tag == COSE_TAG_ENCRYPT0 ? 3 : 4, 0, &m);
  if (e != COSE_OK) return e;
  if (!m.info.has_kid) return COSE_ERR_UNKNOWN_KID;
  *kid = m.info.kid;
  return COSE_OK;
}
