/* Strict decoding and size limits: every malformed input gets its own clear error, and an
 * output that does not fit is an error, never a truncated message. */
#include <string.h>

#include "tests.h"

static const char *K128 = "a2010420501112131415161718191a1b1c1d1e1f20";
static unsigned char g_ws[2048];

typedef struct {
  const char *hex;
  cose_err want;
  const char *why;
} neg;

void test_negative(void) {
  unsigned char kb[64], m[512], pt[512];
  cose_key k;
  CHECK_ERR(cose_key_decode(kb, unhex(K128, kb, sizeof kb), &k), COSE_OK, "%s", "key");
  cose_ws ws = {g_ws, sizeof g_ws};
  /* A valid Encrypt0 to start from (IV 12 bytes, A128GCM). */
  unsigned char prot[] = {0xa1, 0x01, 0x01}, unprot[] = {0xa1, 0x05, 0x4c, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
  cose_headers h = {prot, sizeof prot, unprot, sizeof unprot};
  size_t n = 0, pl = 0;
  CHECK_ERR(cose_encrypt0_seal(&k, 1, &h, (const uint8_t *)"hello", 5, NULL, 0, COSE_F_TAGGED, m, sizeof m, &n, ws), COSE_OK, "%s", "seal");
  CHECK_ERR(cose_encrypt0_open(&k, m, n, NULL, 0, COSE_F_REQUIRE_TAG, pt, sizeof pt, &pl, ws, NULL), COSE_OK, "%s", "open");

  /* Output buffers from 0 to one byte short: always BUFFER_TOO_SMALL, never a short message. */
  for (size_t cap = 0; cap < n; cap++) {
    size_t got = 12345;
    cose_err e = cose_encrypt0_seal(&k, 1, &h, (const uint8_t *)"hello", 5, NULL, 0, COSE_F_TAGGED, m + 256, cap, &got, ws);
    CHECK(e == COSE_ERR_BUFFER_TOO_SMALL && got == 12345, "cap %zu: %s", cap, cose_strerror(e));
  }
  for (size_t cap = 0; cap < 5; cap++)
    CHECK_ERR(cose_encrypt0_open(&k, m, n, NULL, 0, 0, pt, cap, &pl, ws, NULL), COSE_ERR_BUFFER_TOO_SMALL, "pt cap %zu", cap);
  cose_ws tiny = {g_ws, 8};
  CHECK_ERR(cose_encrypt0_open(&k, m, n, NULL, 0, 0, pt, sizeof pt, &pl, tiny, NULL), COSE_ERR_BUFFER_TOO_SMALL, "%s", "workspace");

  /* Every truncation is an error. */
  for (size_t cut = 0; cut < n; cut++)
    CHECK(cose_encrypt0_open(&k, m, cut, NULL, 0, 0, pt, sizeof pt, &pl, ws, NULL) != COSE_OK, "cut %zu", cut);

  /* Hand-made structures (key: 16 bytes, iv 12 bytes where present). */
  static const neg cases[] = {
      {"d08343a10101a1054c0102030405060708090a0b0c4100", COSE_ERR_STRUCTURE, "ciphertext shorter than the tag"},
      {"d08343a10101a1054c0102030405060708090a0b0c4000ff", COSE_ERR_TRAILING_BYTES, "ct shorter than tag (before trailing)"},
      {"d08443a10101a1054c0102030405060708090a0b0c4000f6", COSE_ERR_STRUCTURE, "4 elements"},
      {"d08243a10101a0", COSE_ERR_STRUCTURE, "2 elements"},
      {"d09f43a10101a0f6ff", COSE_ERR_CBOR_INDEFINITE, "indefinite array"},
      {"d0835f41a1420101ffa040", COSE_ERR_CBOR_INDEFINITE, "indefinite protected bstr"},
      {"d08343a10101bf054c0102030405060708090a0b0cff40", COSE_ERR_CBOR_INDEFINITE, "indefinite map"},
      {"d08343a10101a2054c0102030405060708090a0b0c054c0102030405060708090a0b0c40", COSE_ERR_DUPLICATE_LABEL, "label twice in one map"},
      {"d08345a201010101a1054c0102030405060708090a0b0c40", COSE_ERR_DUPLICATE_LABEL, "label twice in protected"},
      {"d08343a10101a201010a054c0102030405060708090a0b0c40", COSE_ERR_DUPLICATE_LABEL, "alg in both buckets"},
      {"d08343a10101a2054c0102030405060708090a0b0c06410140", COSE_ERR_NONCE, "IV and Partial IV"},
      {"d08343a10101a10543010203" "40", COSE_ERR_NONCE, "IV of the wrong size"},
      {"d08343a10101a040", COSE_ERR_NONCE, "no IV"},
      {"d08344a10101ff" "a1054c0102030405060708090a0b0c40", COSE_ERR_TRAILING_BYTES, "trailing byte in protected"},
      {"d08343a10101a1054c0102030405060708090a0b0c5a00010000", COSE_ERR_CBOR_TRUNCATED, "length beyond the buffer"},
      {"d08343a10101a1054c0102030405060708090a0b0c5bffffffffffffffff", COSE_ERR_CBOR_TRUNCATED, "64-bit length"},
      {"d18343a10101a1054c0102030405060708090a0b0c40", COSE_ERR_WRONG_TAG, "Mac0 tag on Encrypt0"},
      {"d0d08343a10101a040", COSE_ERR_WRONG_TAG, "tag twice"},
      {"d08343a10101a1044101" "f6", COSE_ERR_DETACHED, "nil ciphertext"},
      {"d08342a101a040", COSE_ERR_CBOR_TRUNCATED, "protected map cut short"},
      {"d08341a0a1054c0102030405060708090a0b0c40", COSE_ERR_STRUCTURE, "alg from the key, empty ct"},
      {"d08346a10281186fa1054c0102030405060708090a0b0c40", COSE_ERR_CRIT, "unknown critical label"},
      {"d08343a10101a102810140", COSE_ERR_HEADER, "crit unprotected"},
      {"d08343a10101a1044101" "a0", COSE_ERR_STRUCTURE, "map as ciphertext"},
      {"d08343a10101a104014c", COSE_ERR_HEADER, "kid not a bstr"},
      {"d08343a10102a1054c0102030405060708090a0b0c40", COSE_ERR_ALG_MISMATCH, "A192GCM header, key says A128GCM"},
      {"d08344a1011818a1054c0102030405060708090a0b0c40", COSE_ERR_ALG_MISMATCH, "alg 24 (ChaCha20) against an A128GCM key"},
      {"d0834aa10167756e6b6e6f776ea1054c0102030405060708090a0b0c40", COSE_ERR_UNSUPPORTED_ALG, "text alg"},
      {"d08343a10101a1054c0102030405060708090a0b0c40" "00", COSE_ERR_TRAILING_BYTES, "trailing byte"},
      {"", COSE_ERR_CBOR_TRUNCATED, "empty"},
      {"ff", COSE_ERR_CBOR_MALFORMED, "break"},
      {"1c", COSE_ERR_CBOR_MALFORMED, "reserved additional info"},
      {"fc", COSE_ERR_CBOR_MALFORMED, "reserved simple"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    unsigned char b[256];
    size_t bl = unhex(cases[i].hex, b, sizeof b);
    /* Key with alg A128GCM so a header alg disagreeing with it is a mismatch. */
    unsigned char kb2[64];
    cose_key k2;
    size_t kl2 = unhex("a3010403012050" "1112131415161718191a1b1c1d1e1f20", kb2, sizeof kb2);
    CHECK_ERR(cose_key_decode(kb2, kl2, &k2), COSE_OK, "%s", "key with alg");
    CHECK_ERR(cose_encrypt0_open(&k2, b, bl, NULL, 0, 0, pt, sizeof pt, &pl, ws, NULL), cases[i].want, "%s", cases[i].why);
  }
  unsigned char na[64];
  size_t nal = unhex("d08341a0a1054c0102030405060708090a0b0c40", na, sizeof na);
  CHECK_ERR(cose_encrypt0_open(&k, na, nal, NULL, 0, 0, pt, sizeof pt, &pl, ws, NULL), COSE_ERR_HEADER, "%s", "no alg in header or key");
  /* Tags: required tag missing; untagged accepted when allowed. */
  CHECK_ERR(cose_encrypt0_open(&k, m + 1, n - 1, NULL, 0, COSE_F_REQUIRE_TAG, pt, sizeof pt, &pl, ws, NULL), COSE_ERR_UNTAGGED, "%s", "untagged");
  CHECK_ERR(cose_encrypt0_open(&k, m + 1, n - 1, NULL, 0, 0, pt, sizeof pt, &pl, ws, NULL), COSE_OK, "%s", "untagged allowed");
  /* Wrong external AAD, flipped tag byte. */
  CHECK_ERR(cose_encrypt0_open(&k, m, n, (const uint8_t *)"x", 1, 0, pt, sizeof pt, &pl, ws, NULL), COSE_ERR_AUTH, "%s", "aad");
  m[n - 1] ^= 1;
  CHECK_ERR(cose_encrypt0_open(&k, m, n, NULL, 0, 0, pt, sizeof pt, &pl, ws, NULL), COSE_ERR_AUTH, "%s", "tag flip");

  /* Keys. */
  static const char *const bad_keys[] = {
      "a1010450", "a20104205000", "a2010420", "a2010420401", "a201042050112233445566778899aabbccddeeff0000",
      "a301040104205011121314151617181920212223242526", "a2010120410", "80", "a0", "a3010201012101",
  };
  for (size_t i = 0; i < sizeof bad_keys / sizeof bad_keys[0]; i++) {
    unsigned char b[64];
    size_t bl = strlen(bad_keys[i]) / 2;
    unhex(bad_keys[i], b, sizeof b);
    cose_key kk;
    CHECK(cose_key_decode(b, bl, &kk) != COSE_OK, "bad key %s accepted", bad_keys[i]);
  }
  unsigned char b[64];
  cose_key kk;
  size_t bl = unhex("a30104010420501112131415161718191a1b1c1d1e1f20", b, sizeof b);
  CHECK_ERR(cose_key_decode(b, bl, &kk), COSE_ERR_DUPLICATE_LABEL, "%s", "duplicate key label");
  CHECK(strcmp(cose_strerror(COSE_ERR_BUFFER_TOO_SMALL), "buffer too small for the result") == 0, "%s", "strerror");
  CHECK(strcmp(cose_strerror((cose_err)999), "unknown error") == 0, "%s", "strerror range");
}
