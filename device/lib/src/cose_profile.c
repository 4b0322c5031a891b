/* cose-iot MQTT profile 1.2: external_aad, key derivation, counter-mode nonces, replay window,
 * and the seal/open of one MQTT payload as the JVM codec does it. */
#include <string.h>

#include "cose_internal.h"
#include "crypto_port.h"

/* [COSE_PROFILE_ID, s, ...: items in all] into a new writer: the start of external_aad and of
 * the key derivation's info. */
static void put_profile_head(cbp_writer *w, uint8_t *out, size_t cap, size_t items,
                             const char *s) {
  cbp_writer_init(w, out, cap);
  cbp_put_array(w, items);
  cbp_put_tstr(w, COSE_PROFILE_ID, sizeof COSE_PROFILE_ID - 1);
  cbp_put_tstr(w, s, strlen(s));
}

cose_err cose_profile_aad(const char *topic, uint64_t epoch, uint8_t *out, size_t cap,
                          size_t *out_len) {
  if (!topic || !out_len) return COSE_ERR_ARG;
  cbp_writer w;
  put_profile_head(&w, out, cap, 3, topic);
  cbp_put_u64(&w, epoch);
  if (w.overflow) return COSE_ERR_BUFFER_TOO_SMALL;
  *out_len = w.len;
  return COSE_OK;
}

/* One derivation input of the profile; the outputs differ only in type and length. */
typedef struct {
  const uint8_t *master, *salt;
  size_t master_len, salt_len;
  const char *filter;
  int32_t alg;
  uint64_t epoch;
} derive_in;

static cose_err derive(const derive_in *d, const char *type, uint8_t *out, size_t len) {
  if (!d->master || !d->filter) return COSE_ERR_ARG;
  uint8_t info[256]; /* filters longer than ~200 bytes do not fit a device keyring anyway */
  cbp_writer w;
  put_profile_head(&w, info, sizeof info, 6, d->filter);
  cbp_put_int(&w, d->alg);
  cbp_put_u64(&w, d->epoch);
  cbp_put_tstr(&w, type, strlen(type));
  cbp_put_uint(&w, len);
  if (w.overflow) return COSE_ERR_BUFFER_TOO_SMALL;
  return cp_hkdf_sha256(d->salt, d->salt ? d->salt_len : 0, d->master, d->master_len, info, w.len,
                        out, len);
}

cose_err cose_profile_derive(const uint8_t *master, size_t master_len, const uint8_t *salt,
                             size_t salt_len, const char *filter, int32_t alg, uint64_t epoch,
                             const char *type, uint8_t *out, size_t len) {
  if (!type || !out) return COSE_ERR_ARG;
  derive_in d = {master, salt, master_len, salt_len, filter, alg, epoch};
  return derive(&d, type, out, len);
}

cose_err cose_topic_key_derive(const uint8_t *master, size_t master_len, const uint8_t *salt,
                               size_t salt_len, const char *filter, int32_t alg, uint64_t epoch,
                               cose_topic_key *k) {
  /* The profile's three outputs of one derivation input, told apart by their type. */
  derive_in d = {master, salt, master_len, salt_len, filter, alg, epoch};
  if (!k) return COSE_ERR_ARG;
  const cp_alg *a = cp_alg_info(alg);
  if (!a || (a->kind != CP_GCM && a->kind != CP_CCM)) return COSE_ERR_UNSUPPORTED_ALG;
  memset(k, 0, sizeof *k);
  k->alg = alg;
  k->epoch = epoch;
  k->key_len = a->key_len;
  k->iv_len = a->nonce_len;
  cose_err e = derive(&d, "Key", k->key, k->key_len);
  if (e == COSE_OK) e = derive(&d, "KID", k->kid, COSE_PROFILE_KID_LEN);
  if (e == COSE_OK) e = derive(&d, "IV", k->common_iv, k->iv_len);
  return e;
}

cose_err cose_profile_nonce(const uint8_t *iv, size_t n, cose_bytes sid, cose_bytes piv,
                            uint8_t *nonce) {
  if (!iv || !nonce || n < 7 || n > 16) return COSE_ERR_ARG;
  if (sid.n > n - 6 || piv.n < 1 || piv.n > 5) return COSE_ERR_NONCE;
  memcpy(nonce, iv, n);
  nonce[0] ^= (uint8_t)sid.n;
  cose_xor(nonce + n - 5 - sid.n, sid.p, sid.n);
  cose_xor(nonce + n - piv.n, piv.p, piv.n);
  return COSE_OK;
}

void cose_xor(uint8_t *dst, const uint8_t *p, size_t n) {
  for (size_t i = 0; i < n; i++) dst[i] ^= p[i];
}

size_t cose_profile_piv(uint64_t seq, uint8_t out[5]) {
  if (seq > COSE_PROFILE_MAX_SEQ) return 0;
  /* Big-endian from the last byte up, as few bytes as the value needs (at least one). */
  uint8_t b[5];
  size_t n = 0;
  do {
    b[4 - n++] = (uint8_t)seq;
    seq >>= 8;
  } while (seq);
  memcpy(out, b + 5 - n, n);
  return n;
}

cose_err cose_profile_seq(cose_bytes piv, uint64_t *seq) {
  if (!seq || piv.n < 1 || piv.n > 5 || (piv.n > 1 && piv.p[0] == 0)) return COSE_ERR_NONCE;
  uint64_t v = 0;
  for (size_t i = 0; i < piv.n; i++) v = (v << 8) | piv.p[i];
  *seq = v;
  return COSE_OK;
}

cose_err cose_replay_accept(cose_replay_window *w, uint64_t seq) {
  if (!w) return COSE_ERR_ARG;
  if (w->any && seq <= w->highest) {
    uint64_t back = w->highest - seq;
    uint64_t bit = back < 64 ? UINT64_C(1) << back : 0;
    if (!bit || (w->seen & bit)) return COSE_ERR_REPLAY; /* below the window, or seen */
    w->seen |= bit;
    return COSE_OK;
  }
  uint64_t shift = seq - w->highest; /* a new highest: the window slides up */
  w->seen = w->any && shift < 64 ? w->seen << shift | 1 : 1;
  w->highest = seq;
  w->any = true;
  return COSE_OK;
}

cose_err cose_iv_memory_accept(cose_iv_memory *m, cose_bytes kid, cose_bytes iv) {
  if (!m || kid.n != COSE_PROFILE_KID_LEN || iv.n > COSE_PROFILE_MAX_NONCE) return COSE_ERR_ARG;
  /* The pair as the ring keeps it: the slots below count were all written so. */
  cose_iv_pair p = {.iv_len = (uint8_t)iv.n};
  memcpy(p.kid, kid.p, kid.n);
  memcpy(p.iv, iv.p, iv.n);
  for (size_t i = 0; i < m->count; i++)
    if (memcmp(&m->pair[i], &p, sizeof p) == 0) return COSE_ERR_REPLAY;
  /* The ring's next slot holds the pair accepted first once the ring is full. */
  m->pair[m->next] = p;
  m->next = (m->next + 1) % COSE_PROFILE_IV_MEMORY;
  if (m->count < COSE_PROFILE_IV_MEMORY) m->count++;
  return COSE_OK;
}

/* ASCII case-insensitive prefix test, for the content type's media type. */
static bool starts_with_ci(const char *s, const char *prefix) {
  for (; *prefix; s++, prefix++) {
    char c = *s >= 'A' && *s <= 'Z' ? (char)(*s + 32) : *s;
    if (c != *prefix) return false;
  }
  return true;
}

cose_err cose_profile_content_type(const char *ct, const char *expected) {
  if (!expected) return COSE_ERR_ARG;
  if (!ct || strcmp(ct, expected) == 0) return COSE_OK;
  while (*ct == ' ' || *ct == '\t') ct++;
  return starts_with_ci(ct, "application/cose") ? COSE_ERR_HEADER : COSE_ERR_NOT_SEALED;
}

/* Character j of base64url(in[0..n)) (RFC 4648 section 5, no padding): the 6 bits from bit
 * 6j on, zero bits past the end. */
static char b64url_char(const uint8_t *in, size_t n, size_t j) {
  static const char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  size_t i = 6 * j / 8;
  unsigned v = (unsigned)in[i] << 8 | (i + 1 < n ? in[i + 1] : 0u);
  return t[v >> (10 - 6 * j % 8) & 63];
}

size_t cose_b64url(const uint8_t *in, size_t n, char *out, size_t cap) {
  size_t need = (8 * n + 5) / 6;
  if (!out || need + 1 > cap) return 0;
  for (size_t j = 0; j < need; j++) out[j] = b64url_char(in, n, j);
  out[need] = '\0';
  return need;
}

/* Whether hint is exactly base64url(kid), compared a character at a time. */
static bool b64url_equals(cose_bytes kid, const char *hint) {
  size_t need = (8 * kid.n + 5) / 6;
  for (size_t j = 0; j < need; j++)
    if (hint[j] != b64url_char(kid.p, kid.n, j)) return false;
  return hint[need] == '\0';
}

/* The profile's external_aad for topic, carved off the front of the workspace. */
static cose_err topic_aad(cose_ws *ws, const char *topic, uint64_t epoch, uint8_t **aad,
                          size_t *aad_len) {
  cose_err e = cose_profile_aad(topic, epoch, ws->p, ws->cap, aad_len);
  if (e == COSE_OK) {
    *aad = ws->p;
    ws->p += *aad_len;
    ws->cap -= *aad_len;
  }
  return e;
}

/* The topic key as the COSE_Key Encrypt0 takes (its kid goes in the headers, not here). */
static cose_key sym_key(const cose_topic_key *k) {
  cose_key key = {.kty = 4, .alg = k->alg, .has_alg = true, .has_base_iv = true};
  key.k = (cose_bytes){k->key, k->key_len};
  key.base_iv = (cose_bytes){k->common_iv, k->iv_len};
  return key;
}

/* The seal's headers, with the sender's number reserved or a random IV drawn. Out of line:
 * its buffers would push cose_profile_seal's frame past 256 B, where RV32C's compressed
 * stack accesses end. */
__attribute__((noinline)) static cose_err seal_headers(const cose_topic_key *k, cose_sender *sender,
                                                       uint8_t prot[8], uint8_t unprot[32],
                                                       cose_headers *h) {
  uint8_t field[16];
  size_t field_len;
  cose_err e;
  if (sender) {
    if (sender->sid_len > k->iv_len - 6) return COSE_ERR_NONCE;
    if (sender->store && (e = cose_seq_peek(sender->store, &sender->next_seq)) != COSE_OK) return e;
    if (sender->next_seq > COSE_PROFILE_MAX_SEQ) return COSE_ERR_COUNTER_EXHAUSTED;
    field_len = cose_profile_piv(sender->next_seq, field);
  } else {
    field_len = k->iv_len;
    if ((e = cp_random(field, field_len)) != COSE_OK) return e;
  }
  /* {1: alg} and {4: kid, 5: iv} or {4: kid, 6: piv, "sid": sid}, as the JVM codec writes. */
  cose_bytes kid = {k->kid, COSE_PROFILE_KID_LEN}, f = {field, field_len}, none = {NULL, 0};
  if ((e = cose_headers_build(k->alg, kid, sender ? none : f, sender ? f : none, prot, 8, unprot,
                              32, h)) != COSE_OK)
    return e;
  if (sender) {
    cbp_writer w;
    cbp_writer_init(&w, unprot, 32);
    w.len = h->unprot_len;
    unprot[0] = 0xa3; /* the map's head: three entries now */
    cbp_put_tstr(&w, "sid", 3);
    cbp_put_bstr(&w, sender->sid, sender->sid_len);
    if (w.overflow) return COSE_ERR_BUFFER_TOO_SMALL;
    h->unprot_len = w.len;
  }
  return COSE_OK;
}

cose_err cose_profile_seal(const cose_topic_key *k, const char *topic, cose_sender *sender,
                           const cose_key *signer, const uint8_t *pt, size_t pt_len,
                           uint8_t *out, size_t cap, size_t *out_len, cose_ws ws) {
  if (!k || !topic || !out_len || (!pt && pt_len)) return COSE_ERR_ARG;
#if !COSE_CFG_SIGN
  if (signer) return COSE_ERR_UNSUPPORTED_ALG; /* checked first: no number is reserved for it */
#endif
  /* unprot: {4: kid, 6: piv, "sid": sid} is at most 31 B, {4: kid, 5: iv} 29 B */
  uint8_t prot[8], unprot[32], *aad;
  size_t aad_len;
  cose_headers h;
  cose_err e = seal_headers(k, sender, prot, unprot, &h);
  if (e != COSE_OK) return e;

  if ((e = topic_aad(&ws, topic, k->epoch, &aad, &aad_len)) != COSE_OK) return e;
  const uint8_t *content = pt;
  size_t content_len = pt_len;
#if COSE_CFG_SIGN
  if (signer) {
    uint8_t sp[16], su[32], *inner;
    cose_headers sh;
    cose_bytes none = {NULL, 0};
    if (signer->kid.n > 16) return COSE_ERR_KEY;
    if ((e = cose_headers_build(COSE_ALG_ES256, signer->kid, none, none, sp, sizeof sp, su,
                                sizeof su, &sh)) != COSE_OK)
      return e;
    /* The inner Sign1 takes what the Enc_structure does not need: leave it room. */
    size_t enc_need = 32 + h.prot_len + aad_len;
    if (ws.cap < enc_need) return COSE_ERR_BUFFER_TOO_SMALL;
    size_t inner_cap = ws.cap - enc_need;
    inner = ws.p;
    ws.p += inner_cap;
    ws.cap -= inner_cap;
    if ((e = cose_sign1_sign(signer, COSE_ALG_ES256, &sh, pt, pt_len, aad, aad_len, COSE_F_TAGGED,
                             inner, inner_cap, &content_len)) != COSE_OK)
      return e;
    content = inner;
  }
#endif
  cose_key key = sym_key(k);
  e = cose_create(&key, k->alg, &h, content, content_len, aad, aad_len,
                  COSE_F_TAGGED | COSE_F_PROFILE_NONCE, out, cap, out_len, ws, &cose_encrypt0_type);
  if (e == COSE_OK && sender) {
    sender->next_seq++;
    cose_seq_spend(sender->store); /* no store: a no-op */
  }
  return e;
}

/* The message's kid: the topic key's, and the v5 hint's when there is one. */
static cose_err check_kid(const cose_topic_key *k, const char *kid_hint, const cose_hdr_info *hi) {
  cose_bytes kid = hi->kid;
  if (!hi->has_kid) return COSE_ERR_UNKNOWN_KID;
  if (kid_hint && (kid.n > 8 || !b64url_equals(kid, kid_hint))) return COSE_ERR_KID_MISMATCH;
  if (kid.n != COSE_PROFILE_KID_LEN || memcmp(kid.p, k->kid, kid.n) != 0) return COSE_ERR_UNKNOWN_KID;
  return COSE_OK;
}

/* The inner Sign1 of a signed payload, verified in place; its signer's kid must be the
 * verifier's when the verifier names one. Out of line: its header info would push
 * cose_profile_open's frame past 256 B, where RV32C's compressed stack accesses end. */
__attribute__((noinline)) static cose_err open_signed(const cose_key *verifier, const uint8_t *aad,
                                                      size_t aad_len, cose_bytes *content) {
  cose_hdr_info si;
  cose_err e = cose_sign1_verify(verifier, content->p, content->n, aad, aad_len,
                                 COSE_F_REQUIRE_TAG, content, &si);
  if (e != COSE_OK) return e;
  if (verifier->kid.p && (!si.has_kid || si.kid.n != verifier->kid.n ||
                          memcmp(si.kid.p, verifier->kid.p, si.kid.n) != 0))
    return COSE_ERR_UNKNOWN_KID;
  return COSE_OK;
}

cose_err cose_profile_open(const cose_topic_key *k, const char *topic, const char *kid_hint,
                           cose_replay_state *replay, const cose_key *verifier,
                           const uint8_t *msg, size_t msg_len, uint8_t *pt, size_t pt_cap,
                           cose_bytes *plain, cose_ws ws) {
  if (!k || !topic || !plain || !replay || (!msg && msg_len) || (!pt && pt_cap)) return COSE_ERR_ARG;
  /* Section 9 step 1 and 2: not COSE at all, whatever the COSE parser would call it. */
  if (msg_len == 0 || (msg[0] & 0xe0) != 0xc0) return COSE_ERR_NOT_SEALED;
  /* Profile section 1: messages are always tagged, in MQTT 5 and 3.1.1 alike. */
  unsigned flags = COSE_F_REQUIRE_TAG | COSE_F_PROFILE_NONCE;
  cose_parts m;
  cose_err e = cose_parse_msg(msg, msg_len, COSE_TAG_ENCRYPT0, 3, flags, &m);
  if (e != COSE_OK) return e;
  const cose_hdr_info *hi = &m.info;
  if ((e = check_kid(k, kid_hint, hi)) != COSE_OK) return e;
  uint8_t *aad;
  size_t aad_len, pt_len;
  if ((e = topic_aad(&ws, topic, k->epoch, &aad, &aad_len)) != COSE_OK) return e;
  cose_key key = sym_key(k);
  if ((e = cose_encrypt0_decrypt(&key, &m, aad, aad_len, flags, pt, pt_cap, &pt_len, ws)) != COSE_OK)
    return e;
  /* Section 3: protected is {1: alg}; IV and Partial IV are never protected. Checked after
   * decryption, so a forged message is an authentication failure whatever its headers say;
   * nothing is released before this. */
  if (!hi->alg_protected || hi->nonce_protected) return COSE_ERR_HEADER;
  uint64_t seq = 0;
  if (hi->has_piv) {
    if (!hi->has_sid) return COSE_ERR_NONCE; /* the profile's Partial IV always has a sender id */
    if ((e = cose_profile_seq(hi->piv, &seq)) != COSE_OK) return e;
  }
  cose_bytes content = {pt, pt_len};
  if (verifier && (e = open_signed(verifier, aad, aad_len, &content)) != COSE_OK) return e;
  /* Section 9 step 9, last: only a message that authenticated updates the replay state. */
  if (hi->has_piv) e = cose_replay_accept(&replay->window, seq);
  else e = cose_iv_memory_accept(&replay->ivs, hi->kid, hi->iv);
  if (e != COSE_OK) return e;
  *plain = content;
  return COSE_OK;
}
