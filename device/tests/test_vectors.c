/* Known answers from the COSE WG examples, read at test time from $COSE_VECTORS (the shared
 * vectors folder). The JSON is read minimally: the few string fields the device needs. */
#include <stdlib.h>
#include <string.h>

#include "cbor_port.h"
#include "tests.h"

static char g_doc[1 << 16];

static bool slurp(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return false;
  size_t n = fread(g_doc, 1, sizeof g_doc - 1, f);
  fclose(f);
  g_doc[n] = '\0';
  return true;
}

/* The first "key":"value" string after from (or NULL). */
static bool jstr(const char *from, const char *key, char *out, size_t cap) {
  char pat[40];
  snprintf(pat, sizeof pat, "\"%s\":", key);
  const char *p = strstr(from, pat);
  if (!p) return false;
  p += strlen(pat);
  while (*p == ' ') p++;
  if (*p++ != '"') return false;
  size_t n = 0;
  while (*p && *p != '"' && n + 1 < cap) out[n++] = *p++;
  out[n] = '\0';
  return *p == '"';
}

static size_t b64url(const char *s, unsigned char *out, size_t cap) {
  size_t n = 0;
  unsigned acc = 0, bits = 0;
  for (; *s; s++) {
    const char *t = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const char *c = strchr(t, *s);
    if (!c) abort();
    acc = acc << 6 | (unsigned)(c - t);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      if (n == cap) abort();
      out[n++] = (unsigned char)(acc >> bits);
    }
  }
  return n;
}

static void put_bstr(unsigned char *k, size_t *n, const unsigned char *p, size_t len) {
  if (len < 24) k[(*n)++] = (unsigned char)(0x40 + len);
  else { k[(*n)++] = 0x58; k[(*n)++] = (unsigned char)len; }
  memcpy(k + *n, p, len);
  *n += len;
}

/* Finds the protected and unprotected headers of a message for re-creation. */
static void split(const unsigned char *m, size_t n, cose_headers *h, unsigned *flags) {
  cbp_reader r;
  cbp_item it;
  cbp_reader_init(&r, m, n);
  cbp_next(&r, &it);
  *flags = 0;
  if (it.type == CBP_TAG) {
    *flags = COSE_F_TAGGED;
    cbp_next(&r, &it);
  }
  cbp_next(&r, &it);
  h->prot = it.ptr;
  h->prot_len = (size_t)it.v;
  size_t s = r.pos;
  cbp_skip(&r);
  h->unprot = m + s;
  h->unprot_len = r.pos - s;
}

static void one(const char *dir, const char *file) {
  char path[512], field[2048], pt[256];
  snprintf(path, sizeof path, "%s/cose-wg-examples/%s/%s", getenv("COSE_VECTORS"), dir, file);
  if (!slurp(path)) {
    CHECK(0, "cannot read %s", path);
    return;
  }
  bool fail = strstr(g_doc, "\"fail\":true") || strstr(g_doc, "\"fail\": true");
  unsigned char msg[1024], key[256], aad[256], out[1024], ws[1024], b[3][80];
  size_t msg_len = 0, key_len = 0, aad_len = 0, out_len = 0;
  if (!jstr(g_doc, "cbor", field, sizeof field) || !jstr(g_doc, "plaintext", pt, sizeof pt)) {
    CHECK(0, "%s: no output.cbor/plaintext", path);
    return;
  }
  msg_len = unhex(field, msg, sizeof msg);
  if (jstr(g_doc, "external", field, sizeof field)) aad_len = unhex(field, aad, sizeof aad);
  bool sign = strstr(g_doc, "\"sign0\"") != NULL, mac = strstr(g_doc, "\"mac0\"") != NULL;
  if (sign) {
    char x[64], y[64], d[64], crv[16];
    if (!jstr(g_doc, "crv", crv, sizeof crv) || strcmp(crv, "P-256") != 0) {
      t_skip++; /* ES384/ES512 are outside the device profile */
      return;
    }
    jstr(g_doc, "x", x, sizeof x);
    jstr(g_doc, "y", y, sizeof y);
    jstr(g_doc, "d", d, sizeof d);
    unsigned char pub[128] = {0xa4, 0x01, 0x02, 0x20, 0x01, 0x21}, prv[160];
    size_t pn = 6, dn;
    put_bstr(pub, &pn, b[0], b64url(x, b[0], 80));
    pub[pn++] = 0x22;
    put_bstr(pub, &pn, b[1], b64url(y, b[1], 80));
    memcpy(prv, pub, pn);
    prv[0] = 0xa5;
    dn = pn;
    prv[dn++] = 0x23;
    put_bstr(prv, &dn, b[2], b64url(d, b[2], 80));
    cose_key kpub, kprv;
    CHECK_ERR(cose_key_decode(pub, pn, &kpub), COSE_OK, "%s", path);
    CHECK_ERR(cose_key_decode(prv, dn, &kprv), COSE_OK, "%s", path);
    cose_bytes pl;
    cose_err e = cose_sign1_verify(&kpub, msg, msg_len, aad, aad_len, 0, &pl, NULL);
    if (!fail && e == COSE_ERR_UNSUPPORTED_ALG) {
      t_skip++; /* P-256 with another hash (ES512): outside the device profile */
      return;
    }
    if (fail) {
      CHECK(e != COSE_OK, "%s: negative vector accepted", path);
      return;
    }
    CHECK_ERR(e, COSE_OK, "%s", path);
    CHECK(e != COSE_OK || (pl.n == strlen(pt) && memcmp(pl.p, pt, pl.n) == 0), "%s payload", path);
    /* ECDSA signatures differ per signer; the known answer is that ours verifies too. */
    cose_headers h;
    unsigned flags;
    split(msg, msg_len, &h, &flags);
    e = cose_sign1_sign(&kprv, COSE_ALG_ES256, &h, (const uint8_t *)pt, strlen(pt), aad, aad_len, flags, out, sizeof out, &out_len);
    CHECK_ERR(e, COSE_OK, "%s re-sign", path);
    if (e == COSE_OK)
      CHECK_ERR(cose_sign1_verify(&kpub, out, out_len, aad, aad_len, 0, &pl, NULL), COSE_OK, "%s", path);
    /* RFC 9864's ESP256 is ES256 with the curve fixed: the same P-256 key signs and verifies. */
    uint8_t sp[16], su[8];
    cose_headers eh;
    cose_hdr_info info;
    CHECK_ERR(cose_headers_build(COSE_ALG_ESP256, (cose_bytes){0}, (cose_bytes){0}, (cose_bytes){0},
                                 sp, sizeof sp, su, sizeof su, &eh), COSE_OK, "%s ESP256", path);
    e = cose_sign1_sign(&kprv, COSE_ALG_ESP256, &eh, (const uint8_t *)pt, strlen(pt), aad, aad_len,
                        COSE_F_TAGGED, out, sizeof out, &out_len);
    CHECK_ERR(e, COSE_OK, "%s ESP256 sign", path);
    if (e == COSE_OK) {
      CHECK_ERR(cose_sign1_verify(&kpub, out, out_len, aad, aad_len, COSE_F_REQUIRE_TAG, &pl, &info),
                COSE_OK, "%s ESP256 verify", path);
      CHECK(info.alg == COSE_ALG_ESP256, "%s: ESP256 read back as %lld", path, (long long)info.alg);
    }
    return;
  }
  char k64[128];
  if (!jstr(g_doc, "k", k64, sizeof k64)) {
    CHECK(0, "%s: no key", path);
    return;
  }
  unsigned char kraw[64];
  size_t kl = b64url(k64, kraw, sizeof kraw);
  key[0] = 0xa2; key[1] = 0x01; key[2] = 0x04; key[3] = 0x20;
  key_len = 4;
  put_bstr(key, &key_len, kraw, kl);
  cose_key k;
  CHECK_ERR(cose_key_decode(key, key_len, &k), COSE_OK, "%s", path);
  cose_bytes pl;
  cose_err e;
  cose_ws w = {ws, sizeof ws};
  if (mac) {
    e = cose_mac0_verify(&k, msg, msg_len, aad, aad_len, 0, &pl, NULL);
  } else {
    size_t n = 0;
    e = cose_encrypt0_open(&k, msg, msg_len, aad, aad_len, 0, out, sizeof out, &n, w, NULL);
    pl = (cose_bytes){out, n};
  }
  if (fail) {
    CHECK(e != COSE_OK, "%s: negative vector accepted", path);
    return;
  }
  if (e == COSE_ERR_UNSUPPORTED_ALG) {
    t_skip++; /* e.g. HMAC 384/512: outside the device profile */
    return;
  }
  CHECK_ERR(e, COSE_OK, "%s", path);
  CHECK(e != COSE_OK || (pl.n == strlen(pt) && memcmp(pl.p, pt, pl.n) == 0), "%s plaintext", path);
  /* MAC and AEAD are deterministic: re-creating from the same headers gives the same bytes. */
  cose_headers h;
  unsigned flags;
  unsigned char again[1024];
  split(msg, msg_len, &h, &flags);
  if (mac)
    e = cose_mac0_create(&k, 0, &h, (const uint8_t *)pt, strlen(pt), aad, aad_len, flags, again, sizeof again, &out_len);
  else
    e = cose_encrypt0_seal(&k, 0, &h, (const uint8_t *)pt, strlen(pt), aad, aad_len, flags, again, sizeof again, &out_len, w);
  CHECK_ERR(e, COSE_OK, "%s re-create", path);
  CHECK(e != COSE_OK || (out_len == msg_len && memcmp(again, msg, msg_len) == 0), "%s: re-created bytes differ", path);
}

void test_vectors(void) {
  if (!getenv("COSE_VECTORS")) {
    CHECK(0, "COSE_VECTORS is not set (the shared vectors folder)");
    return;
  }
  static const char *const files[][2] = {
      {"aes-gcm-examples", "aes-gcm-enc-02.json"}, {"aes-gcm-examples", "aes-gcm-enc-03.json"},
      {"aes-ccm-examples", "aes-ccm-enc-02.json"}, {"aes-ccm-examples", "aes-ccm-enc-03.json"},
      {"aes-ccm-examples", "aes-ccm-enc-05.json"}, {"aes-ccm-examples", "aes-ccm-enc-06.json"},
      {"aes-ccm-examples", "aes-ccm-enc-08.json"}, {"encrypted-tests", "aes-gcm-01.json"},
      {"encrypted-tests", "enc-pass-01.json"},     {"encrypted-tests", "enc-pass-03.json"},
      {"encrypted-tests", "enc-fail-01.json"},     {"encrypted-tests", "enc-fail-03.json"},
      {"encrypted-tests", "enc-fail-04.json"},     {"encrypted-tests", "enc-fail-07.json"},
      {"hmac-examples", "HMac-enc-02.json"},       {"hmac-examples", "HMac-enc-03.json"},
      {"hmac-examples", "HMac-enc-05.json"},       {"mac0-tests", "HMac-01.json"},
      {"mac0-tests", "mac-pass-01.json"},          {"mac0-tests", "mac-pass-03.json"},
      {"mac0-tests", "mac-fail-01.json"},          {"mac0-tests", "mac-fail-03.json"},
      {"mac0-tests", "mac-fail-04.json"},          {"mac0-tests", "mac-fail-07.json"},
      {"sign1-tests", "sign-pass-01.json"},        {"sign1-tests", "sign-pass-02.json"},
      {"sign1-tests", "sign-fail-01.json"},        {"sign1-tests", "sign-fail-02.json"},
      {"sign1-tests", "sign-fail-04.json"},        {"sign1-tests", "sign-fail-06.json"},
      {"ecdsa-examples", "ecdsa-sig-01.json"},     {"ecdsa-examples", "ecdsa-sig-03.json"},
      {"ecdsa-examples", "ecdsa-sig-04.json"},
  };
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) one(files[i][0], files[i][1]);
}
