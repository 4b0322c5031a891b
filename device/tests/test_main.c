#include <stdlib.h>
#include <string.h>

#include "tests.h"

int t_pass, t_fail, t_skip;

size_t unhex(const char *s, unsigned char *out, size_t cap) {
  size_t n = strlen(s) / 2;
  if (n > cap) abort();
  for (size_t i = 0; i < n; i++) {
    unsigned v;
    if (sscanf(s + 2 * i, "%2x", &v) != 1) abort();
    out[i] = (unsigned char)v;
  }
  return n;
}

int main(int argc, char **argv) {
  struct { const char *name; void (*fn)(void); } suites[] = {
      {"json", test_json},         {"negative", test_negative}, {"profile", test_profile},
      {"vectors", test_vectors},   {"fuzz", test_fuzz},         {"seq", test_seq},
#if defined(__unix__) /* files and fork(): hosts only; bare-metal builds leave test_seq_file.c out */
      {"seq_file", test_seq_file},
#endif
  };
  for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++) {
    if (argc > 1 && strcmp(argv[1], suites[i].name) != 0) continue;
    int before = t_fail;
    suites[i].fn();
    printf("suite %s: %s\n", suites[i].name, t_fail == before ? "ok" : "FAILED");
  }
  if (t_skip) printf("%d passed, %d failed, %d skipped\n", t_pass, t_fail, t_skip);
  else printf("%d passed, %d failed\n", t_pass, t_fail);
  return t_fail ? 1 : 0;
}
