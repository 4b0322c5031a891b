/*
 * Toolchain smoke test for the cross targets, independent of the device library: semihosting
 * file I/O and exit code, mbedTLS 3.6 PSA Crypto and tinycbor as built here. Known answers are
 * from their standards (FIPS 180-2 SHA-256 "abc", RFC 8949 encoding), not from this code.
 * Usage (under QEMU: -append): smoke FILE SIZE  -- FILE is read through semihosting and must
 * have SIZE bytes, as the host's stat says.
 */
#include <cbor.h>
#include <psa/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures;
static void check(int ok, const char *what) {
  printf("%s: %s\n", ok ? "ok" : "FAIL", what);
  failures += !ok;
}

static long file_size(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return -1;
  unsigned char buf[256];
  long total = 0;
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0) total += (long)n;
  fclose(f);
  return total;
}

int main(int argc, char **argv) {
  /* crt0-semihost's argv ends with QEMU's -append words. */
  if (argc < 3) {
    printf("usage: smoke FILE SIZE\n");
    return 2;
  }
  check(file_size(argv[argc - 2]) == atol(argv[argc - 1]), "file read through semihosting");

  static const uint8_t sha_abc[32] = {
      0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
      0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15,
      0xad};
  uint8_t h[32];
  size_t hlen = 0;
  check(psa_crypto_init() == PSA_SUCCESS, "psa_crypto_init");
  check(psa_hash_compute(PSA_ALG_SHA_256, (const uint8_t *)"abc", 3, h, sizeof h, &hlen) ==
                PSA_SUCCESS &&
            hlen == 32 && memcmp(h, sha_abc, 32) == 0,
        "PSA SHA-256(\"abc\")");

  uint8_t out[8];
  CborEncoder enc, arr;
  cbor_encoder_init(&enc, out, sizeof out, 0);
  int e = cbor_encoder_create_array(&enc, &arr, 2);
  e |= cbor_encode_uint(&arr, 1);
  e |= cbor_encode_text_stringz(&arr, "a");
  e |= cbor_encoder_close_container(&enc, &arr);
  static const uint8_t want[] = {0x82, 0x01, 0x61, 0x61};
  check(e == CborNoError && cbor_encoder_get_buffer_size(&enc, out) == sizeof want &&
            memcmp(out, want, sizeof want) == 0,
        "tinycbor [1, \"a\"]");
  printf("%d failed\n", failures);
  return failures ? 1 : 0;
}
