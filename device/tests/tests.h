/* A tiny test runner: CHECK counts, the runner prints "N passed, N failed[, N skipped]". */
#ifndef TESTS_H
#define TESTS_H
#include <stdio.h>

#include "cose_dev.h"

extern int t_pass, t_fail, t_skip;
#define CHECK(cond, ...)                                            \
  do {                                                              \
    if (cond) {                                                     \
      t_pass++;                                                     \
    } else {                                                        \
      t_fail++;                                                     \
      printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);        \
      printf(__VA_ARGS__);                                          \
      printf("\n");                                                 \
    }                                                               \
  } while (0)
#define CHECK_ERR(got, want, fmt, ...)                                                     \
  do {                                                                                     \
    cose_err g_ = (got), w_ = (want);                                                      \
    CHECK(g_ == w_, fmt " (got %s, want %s)", __VA_ARGS__, cose_strerror(g_), cose_strerror(w_)); \
  } while (0)

void test_vectors(void);
void test_negative(void);
void test_profile(void);
void test_fuzz(void);
void test_json(void);
void test_seq(void);
void test_seq_file(void);

/* Test helpers shared by the files. */
size_t unhex(const char *s, unsigned char *out, size_t cap);
#endif
