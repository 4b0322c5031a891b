/*
 * The "whole image" of the footprint table: a firmware-shaped main that does exactly the
 * device profile and nothing else (no printf), so the linker keeps only what the profile
 * needs: topic key derivation, seal/open of Encrypt0 AES-CCM-16-64-128 in counter mode with
 * the replay window, Mac0 HMAC 256/64 create/verify, Sign1 ES256 verify, and the sequence-number
 * store. Its inputs come from memory the linker cannot see through (volatile), so no call is
 * folded away. It is only sized, never run: the probe measures the calls at run time.
 */
#include <psa/crypto.h>
#include <string.h>

#include "cose_dev.h"

/* Filled at run time by a debugger or a provisioning step on real hardware; zero here. */
static volatile uint8_t provisioned[512];

/* What firmware provides instead of the C library's versions (ESP-IDF: its panic handler):
 * a failed assert in tinycbor and a return from main stop here, without pulling in stdio. */
void __assert_func(const char *file, int line, const char *func, const char *expr);
void __assert_func(const char *file, int line, const char *func, const char *expr) {
  (void)file, (void)line, (void)func, (void)expr;
  for (;;) {
  }
}
void _exit(int code);
void _exit(int code) {
  (void)code;
  for (;;) {
  }
}

/* The counter store's records; on an ESP32 cose_seq_nvs_kv() puts them in NVS. */
static uint64_t record;
static cose_kv_status get_record(void *ctx, const char *key, uint64_t *v) {
  (void)ctx, (void)key;
  *v = record;
  return COSE_KV_OK;
}
static cose_kv_status set_record(void *ctx, const char *key, uint64_t v) {
  (void)ctx, (void)key;
  record = v;
  return COSE_KV_OK;
}

static void load(uint8_t *dst, size_t off, size_t n) {
  for (size_t i = 0; i < n; i++) dst[i] = provisioned[off + i];
}

int main(void) {
  static uint8_t master[32], key_cbor[160], msg[256], out[256], pt[256], ws_buf[512];
  static cose_topic_key tk;
  static cose_replay_state win;
  int failures = 0;
  if (psa_crypto_init() != PSA_SUCCESS) return 1;
  load(master, 0, sizeof master);
  load(key_cbor, 32, sizeof key_cbor);
  load(msg, 192, sizeof msg);
  cose_ws ws = {ws_buf, sizeof ws_buf};
  const char *topic = "sensors/dev7/telemetry";

  failures += cose_topic_key_derive(master, sizeof master, NULL, 0, "sensors/+/telemetry",
                                    COSE_ALG_CCM_16_64_128, 1, &tk) != COSE_OK;
  static cose_seq_store store;
  cose_kv kv = {get_record, set_record, NULL};
  failures += cose_seq_open(&store, kv, "seq", 64, true) != COSE_OK;
  cose_sender me = {.sid = {0x07}, .sid_len = 1, .store = &store};
  size_t n = 0;
  failures += cose_profile_seal(&tk, topic, &me, NULL, msg, 64, out, sizeof out, &n, ws) != COSE_OK;
  cose_bytes plain;
  failures += cose_profile_open(&tk, topic, NULL, &win, NULL, out, n, pt, sizeof pt, &plain, ws) !=
              COSE_OK;

  cose_key mac, verifier;
  cose_hdr_info info;
  if (cose_key_decode(key_cbor, 48, &mac) == COSE_OK) {
    uint8_t prot[16], unprot[32];
    cose_headers h;
    cose_bytes kid = {mac.kid.p, mac.kid.n}, none = {NULL, 0};
    if (cose_headers_build(COSE_ALG_HMAC256_64, kid, none, none, prot, sizeof prot, unprot,
                           sizeof unprot, &h) == COSE_OK &&
        cose_mac0_create(&mac, COSE_ALG_HMAC256_64, &h, msg, 64, NULL, 0, COSE_F_TAGGED, out,
                         sizeof out, &n) == COSE_OK)
      failures += cose_mac0_verify(&mac, out, n, NULL, 0, COSE_F_REQUIRE_TAG, &plain, &info) !=
                  COSE_OK;
  }
  if (cose_key_decode(key_cbor + 48, 112, &verifier) == COSE_OK)
    failures += cose_sign1_verify(&verifier, msg, sizeof msg, NULL, 0, COSE_F_REQUIRE_TAG, &plain,
                                  &info) != COSE_OK;
  return failures;
}
