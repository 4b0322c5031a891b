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

/* s repeated n times, into a static buffer (hand-made deep nestings). */
static const char *rep(const char *s, int n, const char *tail) {
  static char b[1024];
  b[0] = '\0';
  for (int i = 0; i < n; i++) strcat(b, s);
  strcat(b, tail);
  return b;
}

/* Bad input in the places each backend reads differently: one item head at a time (the
 * message, the header labels) and skipped values (unknown header parameters, walked by
 * tinycbor's validator or by the libcbor port's own loop). Every case has one expected error,
 * asserted on whichever CBOR x crypto combo this binary is (make test runs all four). */
static void backend_cases(void) {
  unsigned char pt[64], b[600];
  size_t pl;
  cose_ws ws = {g_ws, sizeof g_ws};
  unsigned char kb[64];
  cose_key k;
  CHECK_ERR(cose_key_decode(kb, unhex(K128, kb, sizeof kb), &k), COSE_OK, "%s", "key");
  /* {1: A128GCM} / {5: iv, 99: VALUE} / h'': a well-formed VALUE ends in STRUCTURE (the
   * empty ciphertext is shorter than the tag), a bad one in its own error. */
  static const char *const pre = "d08343a10101a2054c0102030405060708090a0b0c1863";
  struct {
    const char *value;
    int times;
    const char *tail;
    cose_err want;
    const char *why;
  } skip[] = {
      {"81", 7, "80", COSE_ERR_STRUCTURE, "8 nested arrays: the limit"},
      {"81", 8, "80", COSE_ERR_CBOR_DEPTH, "9 nested arrays"},
      {"81", 40, "00", COSE_ERR_CBOR_DEPTH, "40 nested arrays"},
      {"c1", 8, "00", COSE_ERR_STRUCTURE, "8 nested tags"},
      {"c1", 9, "00", COSE_ERR_CBOR_DEPTH, "9 nested tags"},
      {"a100", 7, "a0", COSE_ERR_STRUCTURE, "8 nested maps"},
      {"a100", 8, "a0", COSE_ERR_CBOR_DEPTH, "9 nested maps"},
      {"81c1", 4, "80", COSE_ERR_CBOR_DEPTH, "arrays and tags, 9 levels"},
      {"81", 9, "1c", COSE_ERR_CBOR_MALFORMED, "too deep, first inner head reserved"},
      {"81", 9, "f810", COSE_ERR_CBOR_MALFORMED, "too deep, first inner head a bad simple"},
      {"81", 9, "5aff", COSE_ERR_CBOR_TRUNCATED, "too deep, first inner head cut short"},
      {"81", 9, "5a00010000", COSE_ERR_CBOR_DEPTH, "too deep, string beyond the input"},
      {"81", 9, "5f", COSE_ERR_CBOR_DEPTH, "too deep, indefinite inner head"},
      {"82", 1, "009f00ff", COSE_ERR_CBOR_INDEFINITE, "indefinite array inside"},
      {"82", 1, "00bfff", COSE_ERR_CBOR_INDEFINITE, "indefinite map inside"},
      {"", 0, "7f6161ff", COSE_ERR_CBOR_INDEFINITE, "indefinite text"},
      {"", 0, "9b0000000100000000", COSE_ERR_CBOR_TRUNCATED, "2^32 elements claimed"},
      {"", 0, "9affffffff", COSE_ERR_CBOR_TRUNCATED, "2^32 - 1 elements claimed"},
      {"", 0, "ba80000000", COSE_ERR_CBOR_TRUNCATED, "2^31 pairs claimed"},
      {"", 0, "9a7fffffff00", COSE_ERR_CBOR_TRUNCATED, "2^31 - 1 elements, 2 bytes there"},
      {"", 0, "5bffffffffffffffff", COSE_ERR_CBOR_TRUNCATED, "2^64 - 1 byte string"},
      {"", 0, "5b0000000100000000", COSE_ERR_CBOR_TRUNCATED, "2^32 byte string (32-bit size_t)"},
      {"", 0, "7a00010000", COSE_ERR_CBOR_TRUNCATED, "text beyond the input"},
      {"", 0, "1f", COSE_ERR_CBOR_MALFORMED, "uint with AI 31"},
      {"", 0, "3c", COSE_ERR_CBOR_MALFORMED, "nint with AI 28"},
      {"", 0, "df00", COSE_ERR_CBOR_MALFORMED, "tag with AI 31"},
      {"", 0, "f810", COSE_ERR_CBOR_MALFORMED, "two-byte simple below 32"},
      {"", 0, "f820", COSE_ERR_CBOR_MALFORMED, "unassigned simple 32"},
      {"", 0, "e0", COSE_ERR_CBOR_MALFORMED, "unassigned simple 0"},
      {"", 0, "ff", COSE_ERR_CBOR_MALFORMED, "lone break"},
      {"", 0, "fb3ff0000000000000", COSE_ERR_STRUCTURE, "a double is fine here"},
      {"", 0, "f97c00", COSE_ERR_STRUCTURE, "a half float is fine here"},
      {"", 0, "1b", COSE_ERR_CBOR_TRUNCATED, "uint head cut short"},
  };
  for (size_t i = 0; i < sizeof skip / sizeof skip[0]; i++) {
    char hex[1200];
    snprintf(hex, sizeof hex, "%s%s40", pre, rep(skip[i].value, skip[i].times, skip[i].tail));
    size_t bl = unhex(hex, b, sizeof b);
    CHECK_ERR(cose_encrypt0_open(&k, b, bl, NULL, 0, 0, pt, sizeof pt, &pl, ws, NULL), skip[i].want,
              "skipped value: %s", skip[i].why);
  }
  /* Heads read one at a time, in the message itself. */
  static const neg heads[] = {
      {"d08343a10101a1054c0102030405060708090a0b0c" "f97c00", COSE_ERR_STRUCTURE, "half float as ciphertext"},
      {"d08343a10101a1054c0102030405060708090a0b0c" "f820", COSE_ERR_CBOR_MALFORMED, "unassigned simple as ciphertext"},
      {"d08343a10101a1054c0102030405060708090a0b0c" "5b0000000100000000", COSE_ERR_CBOR_TRUNCATED, "2^32-byte ciphertext"},
      {"d09b0000000100000000", COSE_ERR_STRUCTURE, "2^32 elements: not 3"},
      {"d0bb0000000100000000", COSE_ERR_STRUCTURE, "a map of 2^32 pairs as the message"},
      {"d08343a10101bb000000010000000040", COSE_ERR_HEADER, "unprotected map of 2^32 pairs"},
      {"d083" "5b0000000100000000", COSE_ERR_CBOR_TRUNCATED, "2^32-byte protected header"},
      {"d0835f", COSE_ERR_CBOR_INDEFINITE, "indefinite protected, cut"},
      {"df", COSE_ERR_CBOR_MALFORMED, "tag AI 31 first"},
      {"d1df", COSE_ERR_WRONG_TAG, "a wrong tag comes before what follows it"},
      {"db", COSE_ERR_CBOR_TRUNCATED, "8-byte tag head cut"},
      {"db0000000000000010" "8343a10101a1054c0102030405060708090a0b0c40", COSE_ERR_STRUCTURE, "tag 16 in 9 bytes"},
      {"c0" "8343a10101a0", COSE_ERR_WRONG_TAG, "tag 0"},
      {"d2" "8443a10126a04040", COSE_ERR_WRONG_TAG, "Sign1 tag on Encrypt0"},
      {"d08343a10101a1" "1863" "1c" "40", COSE_ERR_CBOR_MALFORMED, "reserved value of an unknown label"},
      {"d08343a10101a1" "1c" "00" "40", COSE_ERR_CBOR_MALFORMED, "reserved label"},
      {"d08343a10101a1" "f5" "00" "40", COSE_ERR_HEADER, "true as a label"},
      {"d08343a10101b1" "00000100020003000400050006000700080009000a000b000c000d000e000f001000" "40", COSE_ERR_HEADER, "17 labels: more than the device takes"},
      {"d08343a10101a1" "6473696478" "00" "40", COSE_ERR_NONCE, "text label other than sid: skipped, then no IV"},
  };
  for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
    size_t bl = unhex(heads[i].hex, b, sizeof b);
    CHECK_ERR(cose_encrypt0_open(&k, b, bl, NULL, 0, 0, pt, sizeof pt, &pl, ws, NULL), heads[i].want,
              "head: %s", heads[i].why);
  }
  /* The other message types and the key decoder take the same paths. */
  unsigned char mk[64];
  cose_key kmac;
  CHECK_ERR(cose_key_decode(mk, unhex("a3010403052050000102030405060708090a0b0c0d0e0f", mk, sizeof mk), &kmac), COSE_OK, "%s", "mac key");
  cose_bytes p;
  static const neg macs[] = {
      {"d18443a10105a0" "40" "5820" "0000000000000000000000000000000000000000000000000000000000000000", COSE_ERR_AUTH, "Mac0, wrong tag value"},
      {"d08443a10105a04040", COSE_ERR_WRONG_TAG, "Encrypt0 tag on Mac0"},
      {"d18443a10105a1186381818181818181818180" "4040", COSE_ERR_CBOR_DEPTH, "Mac0, deep unknown header"},
      {"d18443a10105a0" "5b0000000100000000", COSE_ERR_CBOR_TRUNCATED, "Mac0, 2^32-byte payload"},
      {"d18443a10105a0" "f6" "40", COSE_ERR_DETACHED, "Mac0, detached payload"},
  };
  for (size_t i = 0; i < sizeof macs / sizeof macs[0]; i++) {
    size_t bl = unhex(macs[i].hex, b, sizeof b);
    CHECK_ERR(cose_mac0_verify(&kmac, b, bl, NULL, 0, 0, &p, NULL), macs[i].want, "%s", macs[i].why);
  }
  static const neg keys[] = {
      {"a3010420" "50000102030405060708090a0b0c0d0e0f" "1863" "8181818181818181818180", COSE_ERR_CBOR_DEPTH, "key, deep unknown parameter"},
      {"a3010420" "50000102030405060708090a0b0c0d0e0f" "1863" "9f", COSE_ERR_CBOR_INDEFINITE, "key, indefinite unknown parameter"},
      {"a2010420" "5b0000000100000000", COSE_ERR_CBOR_TRUNCATED, "key, 2^32-byte k"},
      {"bf0104ff", COSE_ERR_CBOR_INDEFINITE, "key, indefinite map"},
  };
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
    size_t bl = unhex(keys[i].hex, b, sizeof b);
    cose_key kk;
    CHECK_ERR(cose_key_decode(b, bl, &kk), keys[i].want, "%s", keys[i].why);
  }
}

void test_negative(void) {
  backend_cases();
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
