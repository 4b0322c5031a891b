/*
 * Footprint probe: runs each public call of the device profile once with valid inputs on the
 * target (QEMU), measuring its worst stack depth and mbedTLS's heap use (measure.h). Prints one
 * "probe CALL STACK ALLOCS PEAK LEAKED" line per call for `make size`, and fails if any call
 * does not succeed, so every figure is for a complete, successful path. Built twice: on the
 * full library and on its device-profile configuration (no Sign1 signing there, so neither
 * the signing calls nor a Sign1 to verify).
 */
#include <psa/crypto.h>
#include <stdio.h>
#include <string.h>

#include "cose_dev.h"
#include "measure.h"
#include "test_keys.h"

static int failures;

/* The sequence-number store's records in RAM: what NVS does on the device, without flash. */
static uint64_t record;
static bool has_record;
static cose_kv_status ram_get(void *ctx, const char *key, uint64_t *v) {
  (void)ctx, (void)key;
  if (!has_record) return COSE_KV_NOT_FOUND;
  *v = record;
  return COSE_KV_OK;
}
static cose_kv_status ram_set(void *ctx, const char *key, uint64_t v) {
  (void)ctx, (void)key;
  record = v, has_record = true;
  return COSE_KV_OK;
}
static measure_result r;

static void report(const char *call, cose_err e) {
  if (e != COSE_OK) failures++;
  printf("probe %-22s %6u %3u %6u %3u %s\n", call, (unsigned)r.stack, (unsigned)r.allocs,
         (unsigned)r.heap_peak, (unsigned)r.heap_leaked, e == COSE_OK ? "" : cose_strerror(e));
}

static uint8_t out[1024], out2[1024], pt[1024], ws_buf[2048];

int main(void) {
  measure_init();
  psa_status_t ps;
  MEASURE(&r, ps = psa_crypto_init());
  report("psa_crypto_init", ps == PSA_SUCCESS ? COSE_OK : COSE_ERR_CRYPTO);

  static test_keys t;
  cose_err e;
  if ((e = test_keys_make(&t)) != COSE_OK) {
    printf("probe: test keys: %s\n", cose_strerror(e));
    return 1;
  }
  cose_key *signer = &t.signer, *verifier = &t.verifier, *sym = &t.sym, *mac = &t.mac;
  cose_key k;
  MEASURE(&r, e = cose_key_decode(t.priv_cbor, t.priv_n, &k));
  report("cose_key_decode", e);
  /* The deepest input the decoder accepts: an unknown parameter 99 nested COSE_CBOR_MAX_DEPTH
   * deep, which tinycbor's validator walks recursively. */
  uint8_t deep[64] = {0xa3, 0x01, 0x04, 0x20, 0x50};
  size_t dn = 5 + 16;
  deep[dn++] = 0x18, deep[dn++] = 0x63;
  for (int i = 1; i < COSE_CBOR_MAX_DEPTH; i++) deep[dn++] = 0x81;
  deep[dn++] = 0x80;
  MEASURE(&r, e = cose_key_decode(deep, dn, &k));
  report("cose_key_decode(deep)", e);

  const uint8_t payload[64] = "21.5 C, sensor 7, battery 3.71 V, rssi -67 dBm, uptime 86400 s";
  cose_ws ws = {ws_buf, sizeof ws_buf};
  size_t n = 0, m = 0, pn = 0;
  cose_bytes plain;

  /* Profile 1 with AES-CCM-16-64-128, counter mode. */
  const char *filter = "sensors/+/telemetry", *topic = "sensors/dev7/telemetry";
  cose_topic_key tk;
  MEASURE(&r, e = cose_topic_key_derive(t.master, 32, NULL, 0, filter, COSE_ALG_CCM_16_64_128, 1,
                                        &tk));
  report("cose_topic_key_derive", e);
  static cose_seq_store store;
  cose_kv kv = {ram_get, ram_set, NULL};
  MEASURE(&r, e = cose_seq_open(&store, kv, "seq", 64, false));
  report("cose_seq_open", e);
  uint64_t seq = 0;
  MEASURE(&r, e = cose_seq_peek(&store, &seq));
  report("cose_seq_peek(reserve)", e);
  cose_sender me = {.sid = {0x07}, .sid_len = 1, .store = &store};
  cose_replay_state win = {0};
  MEASURE(&r, e = cose_profile_seal(&tk, topic, &me, NULL, payload, sizeof payload, out,
                                    sizeof out, &n, ws));
  report("cose_profile_seal", e);
  MEASURE(&r, e = cose_profile_open(&tk, topic, NULL, &win, NULL, out, n, pt, sizeof pt, &plain,
                                    ws));
  report("cose_profile_open", e);
#if COSE_CFG_SIGN
  MEASURE(&r, e = cose_profile_seal(&tk, topic, &me, signer, payload, sizeof payload, out,
                                    sizeof out, &n, ws));
  report("cose_profile_seal+sign", e);
  MEASURE(&r, e = cose_profile_open(&tk, topic, NULL, &win, verifier, out, n, pt, sizeof pt,
                                    &plain, ws));
  report("cose_profile_open+verify", e);
#endif
  MEASURE(&r, e = cose_replay_accept(&win.window, 2000));
  report("cose_replay_accept", e);

  /* The three message types directly. */
  uint8_t prot[16], unprot[48], iv[13];
  memset(iv, 0x01, sizeof iv);
  cose_headers h;
  cose_bytes kid = {(const uint8_t *)"sym", 3}, ivb = {iv, sizeof iv}, none = {NULL, 0};
  e = cose_headers_build(COSE_ALG_CCM_16_64_128, kid, ivb, none, prot, sizeof prot, unprot,
                         sizeof unprot, &h);
  if (e != COSE_OK) failures++;
  MEASURE(&r, e = cose_encrypt0_seal(sym, COSE_ALG_CCM_16_64_128, &h, payload, sizeof payload,
                                     NULL, 0, COSE_F_TAGGED, out, sizeof out, &n, ws));
  report("cose_encrypt0_seal", e);
  cose_hdr_info info;
  MEASURE(&r, e = cose_encrypt0_open(sym, out, n, NULL, 0, COSE_F_REQUIRE_TAG, pt, sizeof pt,
                                     &pn, ws, &info));
  report("cose_encrypt0_open", e);

  kid.p = (const uint8_t *)"mac";
  e = cose_headers_build(COSE_ALG_HMAC256_64, kid, none, none, prot, sizeof prot, unprot,
                         sizeof unprot, &h);
  if (e != COSE_OK) failures++;
  MEASURE(&r, e = cose_mac0_create(mac, COSE_ALG_HMAC256_64, &h, payload, sizeof payload, NULL,
                                   0, COSE_F_TAGGED, out, sizeof out, &n));
  report("cose_mac0_create", e);
  MEASURE(&r, e = cose_mac0_verify(mac, out, n, NULL, 0, COSE_F_REQUIRE_TAG, &plain, &info));
  report("cose_mac0_verify", e);

#if COSE_CFG_SIGN
  kid.p = (const uint8_t *)"dev-sign", kid.n = 8;
  e = cose_headers_build(COSE_ALG_ES256, kid, none, none, prot, sizeof prot, unprot,
                         sizeof unprot, &h);
  if (e != COSE_OK) failures++;
  MEASURE(&r, e = cose_sign1_sign(signer, COSE_ALG_ES256, &h, payload, sizeof payload, NULL, 0,
                                  COSE_F_TAGGED, out2, sizeof out2, &m));
  report("cose_sign1_sign", e);
  MEASURE(&r, e = cose_sign1_verify(verifier, out2, m, NULL, 0, COSE_F_REQUIRE_TAG, &plain,
                                    &info));
  report("cose_sign1_verify", e);

#else
  (void)signer, (void)verifier, (void)m, (void)out2;
#endif

  printf("probe: %d failed\n", failures);
  return failures ? 1 : 0;
}
