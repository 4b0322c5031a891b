#include "measure.h"

#include <mbedtls/platform.h>
#include <stdlib.h>
#include <string.h>

#define PAINT 0xC0DEC0DEu
#define DEPTH 16384u /* far more than any call needs; the test image has 4 MiB of RAM */

static size_t held, peak, count, start;

/* Each block carries its size in front, so free() knows what it gives back. */
static void *counting_calloc(size_t n, size_t size) {
  if (size && n > (SIZE_MAX - 16) / size) return NULL;
  size_t bytes = n * size;
  uint8_t *p = calloc(1, bytes + 16);
  if (!p) return NULL;
  memcpy(p, &bytes, sizeof bytes);
  held += bytes;
  count++;
  if (held > peak) peak = held;
  return p + 16;
}

static void counting_free(void *q) {
  if (!q) return;
  uint8_t *p = (uint8_t *)q - 16;
  size_t bytes;
  memcpy(&bytes, p, sizeof bytes);
  held -= bytes;
  free(p);
}

void measure_init(void) { mbedtls_platform_set_calloc_free(counting_calloc, counting_free); }

__attribute__((noinline)) void measure_begin(uintptr_t sp) {
  volatile uint32_t *lo = (volatile uint32_t *)((sp - DEPTH) & ~(uintptr_t)3);
  /* Stop 64 bytes under this function's own frame, which the call will reuse anyway. */
  volatile uint32_t *hi = (volatile uint32_t *)((measure_sp() - 64) & ~(uintptr_t)3);
  for (volatile uint32_t *p = lo; p < hi; p++) *p = PAINT;
  count = 0;
  start = peak = held;
}

__attribute__((noinline)) measure_result measure_end(uintptr_t sp) {
  const volatile uint32_t *p = (const volatile uint32_t *)((sp - DEPTH) & ~(uintptr_t)3);
  while ((uintptr_t)p < sp && *p == PAINT) p++;
  measure_result r = {sp - (uintptr_t)p, count, peak - start, held - start};
  return r;
}
