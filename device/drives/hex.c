#include "hex.h"

static int nib(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool hex_decode(const char *s, size_t n, uint8_t *out, size_t cap, size_t *out_len) {
  if (n % 2 || n / 2 > cap) return false;
  for (size_t i = 0; i < n / 2; i++) {
    int h = nib(s[2 * i]), l = nib(s[2 * i + 1]);
    if (h < 0 || l < 0) return false;
    out[i] = (uint8_t)(h << 4 | l);
  }
  *out_len = n / 2;
  return true;
}

bool hex_encode(const uint8_t *p, size_t n, char *out, size_t cap) {
  static const char d[] = "0123456789abcdef";
  if (cap < 1 || n > (cap - 1) / 2) return false;
  for (size_t i = 0; i < n; i++) {
    out[2 * i] = d[p[i] >> 4];
    out[2 * i + 1] = d[p[i] & 15];
  }
  out[2 * n] = '\0';
  return true;
}
