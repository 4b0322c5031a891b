/* Shared between the cose_*.c files; not part of the public API. */
#ifndef COSE_INTERNAL_H
#define COSE_INTERNAL_H

#include "cbor_port.h"
#include "cose_dev.h"

/* An alg given as text (e.g. "unknown"): recognised, never supported. */
#define COSE_ALG_TEXT INT64_MIN

/* Reads an integer item into int64 (COSE labels and alg values). */
cose_err cose_read_int(const cbp_item *it, int64_t *out);

/* Parses one header map from r into info; seen/nseen collect labels across both buckets. */
#define COSE_MAX_LABELS 16
typedef struct {
  bool text;
  int64_t i;
  const uint8_t *s;
  size_t n;
} cose_label;
typedef struct {
  cose_label l[2 * COSE_MAX_LABELS];
  size_t n;
} cose_label_set;
cose_err cose_parse_header_map(cbp_reader *r, bool is_protected, cose_label_set *seen,
                               cose_hdr_info *info);
cose_err cose_parse_protected(const uint8_t *p, size_t n, cose_label_set *seen, cose_hdr_info *info);

#endif
