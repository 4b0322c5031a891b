/*
 * Replays a fuzz corpus through the fuzz target's body (fuzz_dispatch.c) and prints a digest
 * of the results, so the same inputs can be compared on RV32 under QEMU and on the host
 * (make fuzz-verdicts). The corpus is one file (pack_corpus.py): records of a 4-byte big-endian
 * length and the input, in file-name order. Usage: replay CORPUS (the last argument).
 */
#include <stdio.h>
#include <string.h>

#include "fuzz_target.h"

static uint8_t input[8192];

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  FILE *f = fopen(argv[argc - 1], "rb");
  if (!f) {
    printf("replay: cannot open %s\n", argv[argc - 1]);
    return 2;
  }
  fuzz_init();
  unsigned long count[COSE_ERR_COUNT_] = {0}, n = 0;
  uint64_t digest = 0xcbf29ce484222325u; /* FNV-1a over the result codes, in order */
  uint8_t h[4];
  while (fread(h, 1, 4, f) == 4) {
    size_t len = (size_t)h[0] << 24 | (size_t)h[1] << 16 | (size_t)h[2] << 8 | h[3];
    if (len > sizeof input || fread(input, 1, len, f) != len) {
      printf("replay: bad record %lu\n", n);
      return 2;
    }
    cose_err e = fuzz_one(input, len);
    count[e]++;
    n++;
    digest = (digest ^ (uint8_t)e) * 0x100000001b3u;
  }
  fclose(f);
  printf("replay: %lu inputs\n", n);
  for (int e = 0; e < COSE_ERR_COUNT_; e++)
    if (count[e]) printf("replay: %6lu %s\n", count[e], cose_strerror((cose_err)e));
  printf("replay digest: %016llx\n", (unsigned long long)digest);
  return 0;
}
