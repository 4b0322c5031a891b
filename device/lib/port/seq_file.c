/* cose_seq_file.h: sequence-number records on files, replaced atomically by rename. */
#include "cose_seq_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

enum { REC = 16 };

static uint32_t crc32(const uint8_t *p, size_t n) {
  uint32_t c = 0xffffffffu;
  for (size_t i = 0; i < n; i++) {
    c ^= p[i];
    for (int b = 0; b < 8; b++) c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
  }
  return ~c;
}

static void put_be(uint8_t *p, uint64_t v, int n) {
  for (int i = 0; i < n; i++) p[i] = (uint8_t)(v >> (8 * (n - 1 - i)));
}
static uint64_t get_be(const uint8_t *p, int n) {
  uint64_t v = 0;
  for (int i = 0; i < n; i++) v = (v << 8) | p[i];
  return v;
}

static bool path_of(const cose_seq_file *f, const char *key, const char *ext, char *out, size_t cap) {
  int n = snprintf(out, cap, "%s/%s%s", f->dir, key, ext);
  return n > 0 && (size_t)n < cap;
}

static cose_kv_status get(void *ctx, const char *key, uint64_t *value) {
  const cose_seq_file *f = ctx;
  char path[512];
  if (!path_of(f, key, ".seq", path, sizeof path)) return COSE_KV_FAIL;
  int fd = open(path, O_RDONLY);
  if (fd < 0) return errno == ENOENT ? COSE_KV_NOT_FOUND : COSE_KV_FAIL;
  uint8_t b[REC + 1];
  size_t got = 0;
  ssize_t r;
  while (got < sizeof b && (r = read(fd, b + got, sizeof b - got)) > 0) got += (size_t)r;
  close(fd);
  /* Exactly one record: a short (torn) or long file, or a CRC mismatch, is damage. */
  if (got != REC || memcmp(b, "CSQ1", 4) != 0 || get_be(b + 12, 4) != crc32(b, 12)) return COSE_KV_FAIL;
  *value = get_be(b + 4, 8);
  return COSE_KV_OK;
}

static void step(const cose_seq_file *f, int n) {
  if (f->after_step) f->after_step(f->step_ctx, n);
}

static cose_kv_status set(void *ctx, const char *key, uint64_t value) {
  const cose_seq_file *f = ctx;
  char path[512], tmp[512];
  if (!path_of(f, key, ".seq", path, sizeof path) || !path_of(f, key, ".tmp", tmp, sizeof tmp))
    return COSE_KV_FAIL;
  uint8_t b[REC];
  memcpy(b, "CSQ1", 4);
  put_be(b + 4, value, 8);
  put_be(b + 12, crc32(b, 12), 4);
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) return COSE_KV_FAIL;
  step(f, 1);
  size_t done = 0;
  ssize_t w = 0;
  while (done < REC && (w = write(fd, b + done, REC - done)) > 0) done += (size_t)w;
  step(f, 2);
  bool ok = done == REC && fsync(fd) == 0;
  step(f, 3);
  ok = close(fd) == 0 && ok;
  step(f, 4);
  if (!ok || rename(tmp, path) != 0) {
    unlink(tmp);
    return COSE_KV_FAIL;
  }
  step(f, 5);
  /* The rename itself is durable only once the directory is. */
  int dfd = open(f->dir, O_RDONLY | O_DIRECTORY);
  ok = dfd >= 0 && fsync(dfd) == 0;
  if (dfd >= 0) close(dfd);
  step(f, 6);
  return ok ? COSE_KV_OK : COSE_KV_FAIL;
}

cose_kv cose_seq_file_kv(cose_seq_file *f) { return (cose_kv){get, set, f}; }
