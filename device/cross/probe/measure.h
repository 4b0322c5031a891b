/*
 * Stack paint and heap count around one call, for the footprint table. The stack below the
 * call site is filled with a pattern, the call runs, and the deepest overwritten word gives its
 * worst stack depth (an upper bound: the painter's own few bytes of frame count too). mbedTLS's
 * allocations go through counting hooks (MBEDTLS_PLATFORM_MEMORY); the library itself has no
 * heap calls at all (checked on its objects by `make check-noheap`).
 */
#ifndef COSE_CROSS_MEASURE_H
#define COSE_CROSS_MEASURE_H
#include <stddef.h>
#include <stdint.h>

typedef struct {
  size_t stack;       /* bytes below the call site */
  size_t allocs;      /* mbedtls_calloc calls */
  size_t heap_peak;   /* most bytes mbedTLS held at once during the call */
  size_t heap_leaked; /* bytes still held after the call (must be 0) */
} measure_result;

void measure_init(void);
void measure_begin(uintptr_t sp);
measure_result measure_end(uintptr_t sp);

static inline __attribute__((always_inline)) uintptr_t measure_sp(void) {
  uintptr_t sp;
#if defined(__riscv)
  __asm__ volatile("mv %0, sp" : "=r"(sp));
#elif defined(__arm__)
  __asm__ volatile("mov %0, sp" : "=r"(sp));
#else
#error "measure_sp: add this architecture's stack pointer read"
#endif
  return sp;
}

/* Measures `call` (an expression) and stores the figures in *res. */
#define MEASURE(res, call)               \
  do {                                   \
    uintptr_t sp_ = measure_sp();        \
    measure_begin(sp_);                  \
    (void)(call);                        \
    *(res) = measure_end(sp_);           \
  } while (0)
#endif
