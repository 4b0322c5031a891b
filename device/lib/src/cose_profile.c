/* cose-iot MQTT profile 1: external_aad, key derivation, counter-mode nonces, replay window,
 * and the seal/open of one MQTT payload as the JVM codec does it. */
#include <string.h>

#include "cose_internal.h"
#include "crypto_port.h"

cose_err cose_profile_aad(const char *topic, uint64_t epoch, uint8_t *out, size_t cap,
                          size_t *out_len) {
  if (!topic || !out_len) return COSE_ERR_ARG;
  cbp_writer w;
  cbp_writer_init(&w, out, cap);
  cbp_put_array(&w, 3);
  cbp_put_tstr(&w, COSE_PROFILE_ID, sizeof COSE_PROFILE_ID - 1);
  cbp_put_tstr(&w, topic, strlen(topic));
  cbp_put_uint(&w, epoch);
  if (w.overflow) return COSE_ERR_BUFFER_TOO_SMALL;
  *out_len = w.len;
  return COSE_OK;
}

cose_err cose_profile_derive(const uint8_t *master, size_t master_len, const uint8_t *salt,
                             size_t salt_len, const char *filter, int64_t alg, uint64_t epoch,
                             const char *type, uint8_t *out, size_t len) {
  if (!master || !filter || !type || !out) return COSE_ERR_ARG;
  uint8_t info[256]; /* filters longer than ~200 bytes do not fit a device keyring anyway */
  cbp_writer w;
  cbp_writer_init(&w, info, sizeof info);
  cbp_put_array(&w, 6);
  cbp_put_tstr(&w, COSE_PROFILE_ID, sizeof COSE_PROFILE_ID - 1);
  cbp_put_tstr(&w, filter, strlen(filter));
  cbp_put_int(&w, alg);
  cbp_put_uint(&w, epoch);
  cbp_put_tstr(&w, type, strlen(type));
  cbp_put_uint(&w, len);
  if (w.overflow) return COSE_ERR_BUFFER_TOO_SMALL;
  return cp_hkdf_sha256(salt, salt ? salt_len : 0, master, master_len, info, w.len, out, len);
}

cose_err cose_topic_key_derive(const uint8_t *master, size_t master_len, const uint8_t *salt,
                               size_t salt_len, const char *filter, int64_t alg, uint64_t epoch,
                               cose_topic_key *k) {
  cp_alg a;
  if (!k) return COSE_ERR_ARG;
  if (!cp_alg_info(alg, &a) || (a.kind != CP_GCM && a.kind != CP_CCM)) return COSE_ERR_UNSUPPORTED_ALG;
  memset(k, 0, sizeof *k);
  k->alg = alg;
  k->epoch = epoch;
  k->key_len = a.key_len;
  k->iv_len = a.nonce_len;
  cose_err e = cose_profile_derive(master, master_len, salt, salt_len, filter, alg, epoch, "Key",
                                   k->key, k->key_len);
  if (e == COSE_OK)
    e = cose_profile_derive(master, master_len, salt, salt_len, filter, alg, epoch, "KID", k->kid,
                            COSE_PROFILE_KID_LEN);
  if (e == COSE_OK)
    e = cose_profile_derive(master, master_len, salt, salt_len, filter, alg, epoch, "IV",
                            k->common_iv, k->iv_len);
  return e;
}

cose_err cose_profile_nonce(const uint8_t *iv, size_t n, cose_bytes sid, cose_bytes piv,
                            uint8_t *nonce) {
  if (!iv || !nonce || n < 7 || n > 16) return COSE_ERR_ARG;
  if (sid.n > n - 6 || piv.n < 1 || piv.n > 5) return COSE_ERR_NONCE;
  memcpy(nonce, iv, n);
  nonce[0] ^= (uint8_t)sid.n;
  for (size_t i = 0; i < sid.n; i++) nonce[n - 5 - sid.n + i] ^= sid.p[i];
  for (size_t i = 0; i < piv.n; i++) nonce[n - piv.n + i] ^= piv.p[i];
  return COSE_OK;
}

size_t cose_profile_piv(uint64_t seq, uint8_t out[5]) {
  if (seq > COSE_PROFILE_MAX_SEQ) return 0;
  size_t len = 1;
  while (len < 5 && (seq >> (8 * len)) != 0) len++;
  for (size_t i = 0; i < len; i++) out[len - 1 - i] = (uint8_t)(seq >> (8 * i));
  return len;
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
  if (!w->any || seq > w->highest) {
    uint64_t shift = w->any ? seq - w->highest : 64;
    w->seen = shift >= 64 ? 0 : w->seen << shift;
    w->seen |= 1;
    w->highest = seq;
    w->any = true;
    return COSE_OK;
  }
  uint64_t back = w->highest - seq;
  if (back >= 64) return COSE_ERR_REPLAY;
  if (w->seen & (UINT64_C(1) << back)) return COSE_ERR_REPLAY;
  w->seen |= UINT64_C(1) << back;
  return COSE_OK;
}

size_t cose_b64url(const uint8_t *in, size_t n, char *out, size_t cap) {
  static const char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  size_t need = n / 3 * 4 + (n % 3 ? n % 3 + 1 : 0);
  if (!out || need + 1 > cap) return 0;
  size_t o = 0;
  for (size_t i = 0; i < n; i += 3) {
    uint32_t v = (uint32_t)in[i] << 16 | (i + 1 < n ? (uint32_t)in[i + 1] << 8 : 0) |
                 (i + 2 < n ? in[i + 2] : 0);
    size_t chars = i + 2 < n ? 4 : i + 1 < n ? 3 : 2;
    for (size_t j = 0; j < chars; j++) out[o++] = t[(v >> (18 - 6 * j)) & 63];
  }
  out[o] = '\0';
  return o;
}

/* Carves len bytes off the front of a workspace. */
static cose_err carve(cose_ws *ws, size_t len, uint8_t **p) {
  if (len > ws->cap) return COSE_ERR_BUFFER_TOO_SMALL;
  *p = ws->p;
  ws->p += len;
  ws->cap -= len;
  return COSE_OK;
}

static cose_key sym_key(const cose_topic_key *k) {
  cose_key key = {.kty = 4, .alg = k->alg, .has_alg = true, .has_base_iv = true};
  key.k = (cose_bytes){k->key, k->key_len};
  key.kid = (cose_bytes){k->kid, COSE_PROFILE_KID_LEN};
  key.base_iv = (cose_bytes){k->common_iv, k->iv_len};
  return key;
}

cose_err cose_profile_seal(const cose_topic_key *k, const char *topic, cose_sender *sender,
                           const cose_key *signer, const uint8_t *pt, size_t pt_len,
                           uint8_t *out, size_t cap, size_t *out_len, cose_ws ws) {
  if (!k || !topic || !out_len || (!pt && pt_len)) return COSE_ERR_ARG;
  uint8_t prot[16], unprot[64], field[16], *aad;
  size_t aad_len, field_len;
  cose_headers h;
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
  cbp_writer w;
  cbp_writer_init(&w, prot, sizeof prot);
  cbp_put_map(&w, 1);
  cbp_put_uint(&w, 1);
  cbp_put_int(&w, k->alg);
  h.prot = prot;
  h.prot_len = w.len;
  cbp_writer_init(&w, unprot, sizeof unprot);
  cbp_put_map(&w, sender ? 3 : 2);
  cbp_put_uint(&w, 4);
  cbp_put_bstr(&w, k->kid, COSE_PROFILE_KID_LEN);
  cbp_put_uint(&w, sender ? 6 : 5);
  cbp_put_bstr(&w, field, field_len);
  if (sender) {
    cbp_put_tstr(&w, "sid", 3);
    cbp_put_bstr(&w, sender->sid, sender->sid_len);
  }
  if (w.overflow) return COSE_ERR_BUFFER_TOO_SMALL;
  h.unprot = unprot;
  h.unprot_len = w.len;

  size_t tl = strlen(topic);
  if ((e = carve(&ws, tl + 32, &aad)) != COSE_OK) return e;
  if ((e = cose_profile_aad(topic, k->epoch, aad, tl + 32, &aad_len)) != COSE_OK) return e;
  const uint8_t *content = pt;
  size_t content_len = pt_len;
  if (signer) {
    uint8_t sp[16], su[32], *inner;
    cose_headers sh;
    if (signer->kid.n > 16) return COSE_ERR_KEY;
    cose_bytes none = {NULL, 0};
    if ((e = cose_headers_build(COSE_ALG_ES256, signer->kid, none, none, sp, sizeof sp, su,
                                sizeof su, &sh)) != COSE_OK)
      return e;
    /* The inner Sign1 takes what the Enc_structure does not need: leave it room. */
    size_t enc_need = 32 + h.prot_len + aad_len;
    if (ws.cap < enc_need) return COSE_ERR_BUFFER_TOO_SMALL;
    size_t inner_cap = ws.cap - enc_need;
    if ((e = carve(&ws, inner_cap, &inner)) != COSE_OK) return e;
    if ((e = cose_sign1_sign(signer, COSE_ALG_ES256, &sh, pt, pt_len, aad, aad_len, COSE_F_TAGGED,
                             inner, inner_cap, &content_len)) != COSE_OK)
      return e;
    content = inner;
  }
  cose_key key = sym_key(k);
  e = cose_encrypt0_seal(&key, k->alg, &h, content, content_len, aad, aad_len,
                         COSE_F_TAGGED | COSE_F_PROFILE_NONCE, out,
                         cap, out_len, ws);
  if (e == COSE_OK && sender) {
    sender->next_seq++;
    if (sender->store) cose_seq_spend(sender->store);
  }
  return e;
}

cose_err cose_profile_open(const cose_topic_key *k, const char *topic, const char *kid_hint,
                           cose_replay_window *window, const cose_key *verifier,
                           const uint8_t *msg, size_t msg_len, uint8_t *pt, size_t pt_cap,
                           cose_bytes *plain, cose_ws ws) {
  if (!k || !topic || !plain) return COSE_ERR_ARG;
  /* Profile section 1: messages are always tagged, in MQTT 5 and 3.1.1 alike. */
  unsigned flags = COSE_F_REQUIRE_TAG | COSE_F_PROFILE_NONCE;
  cose_bytes kid;
  cose_err e = cose_peek_kid(msg, msg_len, COSE_TAG_ENCRYPT0, &kid);
  if (e != COSE_OK) return e;
  if (kid_hint) {
    char b64[16];
    if (kid.n > 8 || cose_b64url(kid.p, kid.n, b64, sizeof b64) == 0 || strcmp(b64, kid_hint) != 0)
      return COSE_ERR_KID_MISMATCH;
  }
  if (kid.n != COSE_PROFILE_KID_LEN || memcmp(kid.p, k->kid, kid.n) != 0) return COSE_ERR_UNKNOWN_KID;
  uint8_t *aad;
  size_t aad_len, tl = strlen(topic), pt_len;
  if ((e = carve(&ws, tl + 32, &aad)) != COSE_OK) return e;
  if ((e = cose_profile_aad(topic, k->epoch, aad, tl + 32, &aad_len)) != COSE_OK) return e;
  cose_key key = sym_key(k);
  cose_hdr_info hi;
  if ((e = cose_encrypt0_open(&key, msg, msg_len, aad, aad_len, flags, pt, pt_cap, &pt_len, ws,
                              &hi)) != COSE_OK)
    return e;
  /* Section 3: protected is {1: alg}; IV and Partial IV are never protected. Checked after
   * decryption only because the parse happens there; nothing is released before this. */
  if (!hi.alg_protected || hi.nonce_protected) return COSE_ERR_HEADER;
  if (hi.has_piv) {
    uint64_t seq;
    if (!hi.has_sid) return COSE_ERR_NONCE; /* the profile's Partial IV always has a sender id */
    if (!window) return COSE_ERR_ARG;
    if ((e = cose_profile_seq(hi.piv, &seq)) != COSE_OK) return e;
    if ((e = cose_replay_accept(window, seq)) != COSE_OK) return e;
  }
  if (!verifier) {
    *plain = (cose_bytes){pt, pt_len};
    return COSE_OK;
  }
  cose_hdr_info si;
  e = cose_sign1_verify(verifier, pt, pt_len, aad, aad_len, COSE_F_REQUIRE_TAG, plain, &si);
  if (e != COSE_OK) return e;
  if (verifier->kid.p && (!si.has_kid || si.kid.n != verifier->kid.n ||
                          memcmp(si.kid.p, verifier->kid.p, si.kid.n) != 0))
    return COSE_ERR_UNKNOWN_KID;
  return COSE_OK;
}
