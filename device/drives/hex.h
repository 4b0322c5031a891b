#ifndef PEER_HEX_H
#define PEER_HEX_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
/* Decodes n hex digits (even, either case) into out (cap bytes); false on bad input or room. */
bool hex_decode(const char *s, size_t n, uint8_t *out, size_t cap, size_t *out_len);
/* Writes 2n lowercase digits and a NUL; false if cap < 2n + 1. */
bool hex_encode(const uint8_t *p, size_t n, char *out, size_t cap);
#endif
