/*
 * Writes the fuzz target's seed corpus into DIR: valid messages for each path, made at build
 * time by the library with the fuzz target's own test keys (so nothing is copied into the
 * repository), each prefixed with its path byte (fuzz_target.h).
 */
#include <psa/crypto.h>
#include <stdio.h>
#include <string.h>

#include "cose_dev.h"
#include "fuzz_target.h"
#include "test_keys.h"

static const char *dir;
static int written, failures;

static void put(unsigned path, const char *name, const uint8_t *p, size_t n) {
  char fn[512];
  snprintf(fn, sizeof fn, "%s/%u-%s", dir, path, name);
  FILE *f = fopen(fn, "wb");
  uint8_t sel = (uint8_t)path;
  if (!f || fwrite(&sel, 1, 1, f) != 1 || fwrite(p, 1, n, f) != n || fclose(f) != 0) {
    fprintf(stderr, "seeds: cannot write %s\n", fn);
    failures++;
    return;
  }
  written++;
}

static void expect(cose_err e, const char *what) {
  if (e == COSE_OK) return;
  fprintf(stderr, "seeds: %s: %s\n", what, cose_strerror(e));
  failures++;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: fuzz_seeds DIR\n");
    return 2;
  }
  dir = argv[1];
  static test_keys t;
  if (psa_crypto_init() != PSA_SUCCESS || test_keys_make(&t) != COSE_OK) {
    fprintf(stderr, "seeds: test keys\n");
    return 1;
  }
  put(FUZZ_KEY_DECODE, "sym", t.sym_cbor, t.sym_n);
  put(FUZZ_KEY_DECODE, "mac", t.mac_cbor, t.mac_n);
  put(FUZZ_KEY_DECODE, "ec2-private", t.priv_cbor, t.priv_n);
  put(FUZZ_KEY_DECODE, "ec2-public", t.pub_cbor, t.pub_n);

  static const uint8_t payload[] = "{\"t\":21.5,\"id\":7}";
  static uint8_t out[1024], ws_buf[2048];
  uint8_t prot[16], unprot[48], iv[13];
  memset(iv, 0x01, sizeof iv);
  cose_ws ws = {ws_buf, sizeof ws_buf};
  cose_headers h;
  cose_bytes none = {NULL, 0}, ivb = {iv, sizeof iv};
  size_t n = 0;

  expect(cose_headers_build(FUZZ_ALG, t.sym.kid, ivb, none, prot, sizeof prot, unprot,
                            sizeof unprot, &h), "encrypt0 headers");
  expect(cose_encrypt0_seal(&t.sym, FUZZ_ALG, &h, payload, sizeof payload - 1, NULL, 0,
                            COSE_F_TAGGED, out, sizeof out, &n, ws), "encrypt0");
  put(FUZZ_ENCRYPT0_OPEN, "ccm", out, n);
  put(FUZZ_PEEK_KID, "encrypt0", out, n);

  expect(cose_headers_build(COSE_ALG_HMAC256_64, t.mac.kid, none, none, prot, sizeof prot,
                            unprot, sizeof unprot, &h), "mac0 headers");
  expect(cose_mac0_create(&t.mac, COSE_ALG_HMAC256_64, &h, payload, sizeof payload - 1, NULL, 0,
                          COSE_F_TAGGED, out, sizeof out, &n), "mac0");
  put(FUZZ_MAC0_VERIFY, "hmac256-64", out, n);
  put(FUZZ_PEEK_KID, "mac0", out, n);

  expect(cose_headers_build(COSE_ALG_ES256, t.signer.kid, none, none, prot, sizeof prot, unprot,
                            sizeof unprot, &h), "sign1 headers");
  expect(cose_sign1_sign(&t.signer, COSE_ALG_ES256, &h, payload, sizeof payload - 1, NULL, 0,
                         COSE_F_TAGGED, out, sizeof out, &n), "sign1");
  put(FUZZ_SIGN1_VERIFY, "es256", out, n);
  put(FUZZ_PEEK_KID, "sign1", out, n);

  cose_topic_key tk;
  expect(cose_topic_key_derive(t.master, sizeof t.master, NULL, 0, FUZZ_FILTER, FUZZ_ALG, 1, &tk),
         "topic key");
  cose_sender me = {.sid = {0x07}, .sid_len = 1, .next_seq = 5};
  expect(cose_profile_seal(&tk, FUZZ_TOPIC, &me, NULL, payload, sizeof payload - 1, out,
                           sizeof out, &n, ws), "profile counter");
  put(FUZZ_PROFILE_OPEN, "counter", out, n);
  expect(cose_profile_seal(&tk, FUZZ_TOPIC, NULL, NULL, payload, sizeof payload - 1, out,
                           sizeof out, &n, ws), "profile random iv");
  put(FUZZ_PROFILE_OPEN, "random-iv", out, n);
  expect(cose_profile_seal(&tk, FUZZ_TOPIC, &me, &t.signer, payload, sizeof payload - 1, out,
                           sizeof out, &n, ws), "profile signed");
  put(FUZZ_PROFILE_OPEN, "signed", out, n);

  printf("fuzz seeds: %d files in %s\n", written, dir);
  return failures ? 1 : 0;
}
