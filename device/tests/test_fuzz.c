/* Random mutations of valid messages, keys and requests, run under ASan/UBSan by `make test`:
 * the property is "no crash, no out-of-bounds access, and anything accepted is the original".
 * The errors met are folded into a digest that tests/matrix.sh compares across the CBOR x
 * crypto combos and -m32: the same bytes must get the same typed error on every backend. */
#include <string.h>

#include "json.h"
#include "tests.h"

static uint64_t g_rng = 0x9e3779b97f4a7c15u; /* fixed seed: failures must reproduce */
static uint32_t rnd(void) {
  g_rng ^= g_rng << 13;
  g_rng ^= g_rng >> 7;
  g_rng ^= g_rng << 17;
  return (uint32_t)(g_rng >> 16);
}

static size_t mutate(const unsigned char *in, size_t n, unsigned char *out, size_t cap) {
  memcpy(out, in, n);
  int edits = 1 + (int)(rnd() % 4);
  for (int i = 0; i < edits; i++) {
    switch (rnd() % 5) {
      case 0: if (n) out[rnd() % n] ^= (unsigned char)(1u << (rnd() % 8)); break;
      case 1: if (n) out[rnd() % n] = (unsigned char)rnd(); break;
      case 2: if (n) n = rnd() % n; break; /* truncate */
      case 3: if (n < cap) { size_t at = rnd() % (n + 1); memmove(out + at + 1, out + at, n - at); out[at] = (unsigned char)rnd(); n++; } break;
      default: if (n) { size_t at = rnd() % n; memmove(out + at, out + at + 1, n - at - 1); n--; } break;
    }
  }
  return n;
}

static unsigned char g_ws[2048];
static uint64_t g_digest = 0xcbf29ce484222325u; /* FNV-1a over the error codes met */
static void fold(cose_err e) {
  g_digest ^= (uint64_t)e;
  g_digest *= 0x100000001b3u;
}

void test_fuzz(void) {
  unsigned char kb[64], m[600], mm[700], pt[600];
  cose_key k;
  cose_key_decode(kb, unhex("a2010420501112131415161718191a1b1c1d1e1f20", kb, sizeof kb), &k);
  unsigned char mk[64];
  cose_key kmac;
  cose_key_decode(mk, unhex("a20104205820" "849b57219dae48de646d07dbb533566e976686457c1491be3a76dcea6c427188", mk, sizeof mk), &kmac);
  cose_ws ws = {g_ws, sizeof g_ws};
  unsigned char prot[] = {0xa1, 0x01, 0x01}, unprot[] = {0xa2, 0x04, 0x41, 0x07, 0x05, 0x4c, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  cose_headers h = {prot, sizeof prot, unprot, sizeof unprot};
  size_t n, mn, pl;
  const char *msg = "fuzzing the device decoder";
  CHECK_ERR(cose_encrypt0_seal(&k, 1, &h, (const uint8_t *)msg, strlen(msg), NULL, 0, COSE_F_TAGGED, m, sizeof m, &n, ws), COSE_OK, "%s", "seed");
  int accepted_bad = 0;
  for (int i = 0; i < 20000; i++) {
    mn = mutate(m, n, mm, sizeof mm);
    cose_err e = cose_encrypt0_open(&k, mm, mn, NULL, 0, 0, pt, sizeof pt, &pl, ws, NULL);
    fold(e);
    /* Unprotected headers (the kid) are not authenticated, so a mutated kid may still open:
     * what must never happen is a different plaintext. */
    if (e == COSE_OK && (pl != strlen(msg) || memcmp(pt, msg, pl) != 0)) accepted_bad++;
    cose_bytes p;
    fold(cose_mac0_verify(&kmac, mm, mn, NULL, 0, 0, &p, NULL));
    fold(cose_sign1_verify(&k, mm, mn, NULL, 0, 0, &p, NULL));
    cose_key kk;
    fold(cose_key_decode(mm, mn, &kk));
  }
  CHECK(accepted_bad == 0, "%d mutated Encrypt0 opened to another plaintext", accepted_bad);
  /* The same for Mac0. */
  CHECK_ERR(cose_mac0_create(&kmac, 5, &(cose_headers){(const uint8_t *)"\xa1\x01\x05", 3, (const uint8_t *)"\xa0", 1}, (const uint8_t *)msg, strlen(msg), NULL, 0, COSE_F_TAGGED, m, sizeof m, &n), COSE_OK, "%s", "mac seed");
  for (int i = 0; i < 20000; i++) {
    mn = mutate(m, n, mm, sizeof mm);
    cose_bytes p;
    cose_err e = cose_mac0_verify(&kmac, mm, mn, NULL, 0, 0, &p, NULL);
    fold(e);
    if (e == COSE_OK && (p.n != strlen(msg) || memcmp(p.p, msg, p.n) != 0)) accepted_bad++;
  }
  CHECK(accepted_bad == 0, "%d mutated Mac0 verified with another payload", accepted_bad);
  /* JSON requests. */
  const char *req = "{\"id\":7,\"op\":\"decrypt0\",\"key\":\"a2\",\"message\":\"d0\",\"tagged\":true,\"x\":null}";
  static char pool[1024];
  for (int i = 0; i < 20000; i++) {
    mn = mutate((const unsigned char *)req, strlen(req), mm, sizeof mm);
    json_obj o;
    (void)json_parse_flat((const char *)mm, mn, &o, pool, sizeof pool);
  }
  printf("fuzz error digest: %016llx\n", (unsigned long long)g_digest);
}
