/*
 * device_bench: times the device code (cose_dev on either mbedTLS) inside this C process, for
 * `cose-tck bench`. Each operation runs in a loop timed with clock_gettime(CLOCK_MONOTONIC):
 * no process start, no line protocol and no hex in the timed part. The thread's CPU time
 * (CLOCK_THREAD_CPUTIME_ID) is reported beside it, to show how much of the wall time the process
 * actually ran on a busy machine.
 *
 * Operations as the JVM benchmarks do them: Encrypt0 seal (a random IV from the port's
 * DRBG, headers built, sealed and encoded, all timed) and open, for A128GCM and
 * AES-CCM-16-64-128; Sign1 ES256 sign and verify; Mac0 HMAC 256/64 create and verify. Headers
 * are {1: alg} protected and {4: kid} unprotected, tagged, no external AAD.
 *
 * Prints one JSON object per operation and size, then {"done":true}.
 * Usage: device_bench [--sizes 16,64,256] [--seconds 1.0] [--runs 3] [--warmup 0.3]
 */
#include <mbedtls/version.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cose_dev.h"
#include "crypto_port.h"

#define MAX_PAYLOAD 16384
#define SLACK 256

static const uint8_t KID[] = {'s', 'e', 'n', 's', 'o', 'r', '0', '1'};
static uint8_t g_pt[MAX_PAYLOAD], g_out[MAX_PAYLOAD + SLACK], g_msg[MAX_PAYLOAD + SLACK];
static uint8_t g_back[MAX_PAYLOAD + SLACK], g_ws[2 * (MAX_PAYLOAD + SLACK)];
static size_t g_size, g_msg_len;
static cose_key g_aes, g_hmac, g_ec;
static uint8_t g_aes_k[16], g_hmac_k[32], g_d[32], g_x[32], g_y[32];
static volatile uint8_t g_sink;

static double now(clockid_t c) {
  struct timespec t;
  clock_gettime(c, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static void die(const char *what, cose_err e) {
  fprintf(stderr, "device_bench: %s: %s\n", what, cose_strerror(e));
  exit(1);
}

/* ---- the timed operations ---- */

static cose_err seal_alg(int32_t alg) {
  uint8_t iv[13], prot[16], unprot[32];
  size_t n = cose_alg_nonce_len(alg);
  cose_err e = cp_random(iv, n);
  if (e != COSE_OK) return e;
  cose_headers h;
  e = cose_headers_build(alg, (cose_bytes){KID, sizeof KID}, (cose_bytes){iv, n},
                         (cose_bytes){NULL, 0}, prot, sizeof prot, unprot, sizeof unprot, &h);
  if (e != COSE_OK) return e;
  size_t len;
  e = cose_encrypt0_seal(&g_aes, alg, &h, g_pt, g_size, NULL, 0, COSE_F_TAGGED, g_out,
                         sizeof g_out, &len, (cose_ws){g_ws, sizeof g_ws});
  g_sink ^= g_out[len - 1];
  return e;
}
static cose_err seal_gcm(void) { return seal_alg(COSE_ALG_A128GCM); }
static cose_err seal_ccm(void) { return seal_alg(COSE_ALG_CCM_16_64_128); }

static cose_err open_msg(void) {
  size_t len;
  cose_err e = cose_encrypt0_open(&g_aes, g_msg, g_msg_len, NULL, 0, COSE_F_REQUIRE_TAG, g_back,
                                  sizeof g_back, &len, (cose_ws){g_ws, sizeof g_ws}, NULL);
  g_sink ^= g_back[0];
  return e;
}

static cose_err sign(void) {
  uint8_t prot[16], unprot[32];
  cose_headers h;
  cose_err e = cose_headers_build(COSE_ALG_ES256, (cose_bytes){KID, sizeof KID},
                                  (cose_bytes){NULL, 0}, (cose_bytes){NULL, 0}, prot, sizeof prot,
                                  unprot, sizeof unprot, &h);
  if (e != COSE_OK) return e;
  size_t len;
  e = cose_sign1_sign(&g_ec, COSE_ALG_ES256, &h, g_pt, g_size, NULL, 0, COSE_F_TAGGED, g_out,
                      sizeof g_out, &len);
  g_sink ^= g_out[len - 1];
  return e;
}

static cose_err verify(void) {
  cose_bytes pl;
  cose_err e = cose_sign1_verify(&g_ec, g_msg, g_msg_len, NULL, 0, COSE_F_REQUIRE_TAG, &pl, NULL);
  g_sink ^= pl.p ? pl.p[0] : 0;
  return e;
}

static cose_err mac(void) {
  uint8_t prot[16], unprot[32];
  cose_headers h;
  cose_err e = cose_headers_build(COSE_ALG_HMAC256_64, (cose_bytes){KID, sizeof KID},
                                  (cose_bytes){NULL, 0}, (cose_bytes){NULL, 0}, prot, sizeof prot,
                                  unprot, sizeof unprot, &h);
  if (e != COSE_OK) return e;
  size_t len;
  e = cose_mac0_create(&g_hmac, COSE_ALG_HMAC256_64, &h, g_pt, g_size, NULL, 0, COSE_F_TAGGED,
                       g_out, sizeof g_out, &len);
  g_sink ^= g_out[len - 1];
  return e;
}

static cose_err verify_mac(void) {
  cose_bytes pl;
  cose_err e = cose_mac0_verify(&g_hmac, g_msg, g_msg_len, NULL, 0, COSE_F_REQUIRE_TAG, &pl, NULL);
  g_sink ^= pl.p ? pl.p[0] : 0;
  return e;
}

/* ---- timing ---- */

typedef cose_err (*op_fn)(void);

/* Calls fn in doubling batches until `seconds` of wall time have passed. */
static void measure(op_fn fn, double seconds, double *rate, double *cpu_rate) {
  unsigned long calls = 0, batch = 1;
  double wall = 0, cpu = 0;
  while (wall < seconds) {
    double t0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_THREAD_CPUTIME_ID);
    for (unsigned long i = 0; i < batch; i++) {
      cose_err e = fn();
      if (e != COSE_OK) die("operation failed", e);
    }
    wall += now(CLOCK_MONOTONIC) - t0;
    cpu += now(CLOCK_THREAD_CPUTIME_ID) - c0;
    calls += batch;
    if (batch < 1u << 16) batch *= 2;
  }
  *rate = (double)calls / wall;
  *cpu_rate = (double)calls / (cpu > 0 ? cpu : 1e-9);
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static void run(const char *message, const char *op, const char *alg, op_fn fn, double seconds,
                int runs, double warmup) {
  double rates[16], cpu_rates[16], r, c;
  measure(fn, warmup, &r, &c);
  for (int i = 0; i < runs; i++) measure(fn, seconds, &rates[i], &cpu_rates[i]);
  qsort(rates, (size_t)runs, sizeof rates[0], cmp);
  qsort(cpu_rates, (size_t)runs, sizeof cpu_rates[0], cmp);
  printf("{\"message\":\"%s\",\"op\":\"%s\",\"alg\":\"%s\",\"size\":%zu,\"opsPerSecond\":%.1f,"
         "\"min\":%.1f,\"max\":%.1f,\"runs\":%d,\"cpuOpsPerSecond\":%.1f}\n",
         message, op, alg, g_size, rates[runs / 2], rates[0], rates[runs - 1], runs,
         cpu_rates[runs / 2]);
  fflush(stdout);
}

/* ---- setup ---- */

static void keys(void) {
  for (size_t i = 0; i < sizeof g_aes_k; i++) g_aes_k[i] = (uint8_t)(0x40 + i);
  for (size_t i = 0; i < sizeof g_hmac_k; i++) g_hmac_k[i] = (uint8_t)(0x40 + i);
  g_aes = (cose_key){.kty = 4, .k = {g_aes_k, sizeof g_aes_k}};
  g_hmac = (cose_key){.kty = 4, .k = {g_hmac_k, sizeof g_hmac_k}};
  cose_err e = cp_es256_generate(g_d, g_x, g_y); /* a fresh P-256 key pair */
  if (e != COSE_OK) die("P-256 key generation", e);
  g_ec = (cose_key){.kty = 2, .crv = 1, .d = {g_d, 32}, .x = {g_x, 32}, .y = {g_y, 32}};
}

int main(int argc, char **argv) {
  const char *sizes = "16,64,256,1024,16384";
  double seconds = 1.0, warmup = 0.3;
  int runs = 3;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--sizes") == 0 && i + 1 < argc) sizes = argv[++i];
    else if (strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) seconds = atof(argv[++i]);
    else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc) runs = atoi(argv[++i]);
    else if (strcmp(argv[i], "--warmup") == 0 && i + 1 < argc) warmup = atof(argv[++i]);
    else {
      fprintf(stderr, "usage: device_bench [--sizes 16,64] [--seconds S] [--runs N] [--warmup S]\n");
      return 2;
    }
  }
  if (runs < 1 || runs > 16 || seconds <= 0) {
    fprintf(stderr, "device_bench: --runs must be 1..16 and --seconds positive\n");
    return 2;
  }
  keys();
  printf("{\"impl\":\"cose-iot device C\",\"crypto\":\"%s\"}\n", MBEDTLS_VERSION_STRING_FULL);
  for (const char *s = sizes; *s;) {
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (end == s || v > MAX_PAYLOAD) {
      fprintf(stderr, "device_bench: sizes must be 0..%d\n", MAX_PAYLOAD);
      return 2;
    }
    g_size = v;
    for (size_t i = 0; i < g_size; i++) g_pt[i] = (uint8_t)(i * 31 + 7);
    struct {
      const char *message, *op, *alg;
      op_fn create, fn;
    } ops[] = {
        {"Encrypt0", "seal", "A128GCM", NULL, seal_gcm},
        {"Encrypt0", "open", "A128GCM", seal_gcm, open_msg},
        {"Encrypt0", "seal", "AES_CCM_16_64_128", NULL, seal_ccm},
        {"Encrypt0", "open", "AES_CCM_16_64_128", seal_ccm, open_msg},
        {"Sign1", "sign", "ES256", NULL, sign},
        {"Sign1", "verify", "ES256", sign, verify},
        {"Mac0", "create", "HMAC_256_64", NULL, mac},
        {"Mac0", "verify", "HMAC_256_64", mac, verify_mac},
    };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
      if (ops[i].create) {
        /* The message to open: made once by the creating op, copied out of g_out. */
        size_t len = 0;
        cose_err e;
        if (ops[i].create == sign) {
          uint8_t prot[16], unprot[32];
          cose_headers h;
          e = cose_headers_build(COSE_ALG_ES256, (cose_bytes){KID, sizeof KID},
                                 (cose_bytes){NULL, 0}, (cose_bytes){NULL, 0}, prot, sizeof prot,
                                 unprot, sizeof unprot, &h);
          if (e == COSE_OK)
            e = cose_sign1_sign(&g_ec, COSE_ALG_ES256, &h, g_pt, g_size, NULL, 0, COSE_F_TAGGED,
                                g_msg, sizeof g_msg, &len);
        } else if (ops[i].create == mac) {
          uint8_t prot[16], unprot[32];
          cose_headers h;
          e = cose_headers_build(COSE_ALG_HMAC256_64, (cose_bytes){KID, sizeof KID},
                                 (cose_bytes){NULL, 0}, (cose_bytes){NULL, 0}, prot, sizeof prot,
                                 unprot, sizeof unprot, &h);
          if (e == COSE_OK)
            e = cose_mac0_create(&g_hmac, COSE_ALG_HMAC256_64, &h, g_pt, g_size, NULL, 0,
                                 COSE_F_TAGGED, g_msg, sizeof g_msg, &len);
        } else {
          int32_t alg = ops[i].create == seal_gcm ? COSE_ALG_A128GCM : COSE_ALG_CCM_16_64_128;
          uint8_t iv[13], prot[16], unprot[32];
          size_t n = cose_alg_nonce_len(alg);
          cose_headers h;
          e = cp_random(iv, n);
          if (e == COSE_OK)
            e = cose_headers_build(alg, (cose_bytes){KID, sizeof KID}, (cose_bytes){iv, n},
                                   (cose_bytes){NULL, 0}, prot, sizeof prot, unprot,
                                   sizeof unprot, &h);
          if (e == COSE_OK)
            e = cose_encrypt0_seal(&g_aes, alg, &h, g_pt, g_size, NULL, 0, COSE_F_TAGGED, g_msg,
                                   sizeof g_msg, &len, (cose_ws){g_ws, sizeof g_ws});
        }
        if (e != COSE_OK) die("preparing a message", e);
        g_msg_len = len;
        e = ops[i].fn();
        if (e != COSE_OK) die("opening the prepared message", e);
        if (ops[i].fn == open_msg && memcmp(g_back, g_pt, g_size) != 0) {
          fprintf(stderr, "device_bench: open returned other bytes\n");
          return 1;
        }
      }
      run(ops[i].message, ops[i].op, ops[i].alg, ops[i].fn, seconds, runs, warmup);
    }
    s = *end == ',' ? end + 1 : end;
  }
  printf("{\"done\":true,\"sink\":%d}\n", g_sink);
  return 0;
}
