/* Shared between the cose_*.c files; not part of the public API. */
#ifndef COSE_INTERNAL_H
#define COSE_INTERNAL_H

#include "cbor_port.h"
#include "cose_dev.h"

/* An alg given as text (e.g. "unknown") or outside int32: recognised, never supported. */
#define COSE_ALG_TEXT INT32_MIN

/* Reads an integer item (COSE labels, alg, kty, crv) as int32: a value outside it becomes
 * INT32_MIN, which is no label, alg, key type or curve this code knows, so it is skipped or
 * refused as unknown just as its exact value would be. Beyond int64 (RFC 9052 labels and
 * values are int) it is COSE_ERR_HEADER. */
cose_err cose_read_int(const cbp_item *it, int32_t *out);

/* Labels seen across both header buckets (or in one COSE_Key), each kept as a pointer to its
 * encoded head in the input rather than a decoded copy: 4 bytes a label keeps the set small on a
 * device's stack. Compared by value (major type, argument, text), so a non-minimal head still
 * matches its minimal twin. */
#define COSE_MAX_LABELS 16
typedef struct {
  const uint8_t *l[2 * COSE_MAX_LABELS];
  size_t n;
} cose_label_set;
/* Parses one header map from r into info; seen collects the labels across both buckets. */
cose_err cose_parse_header_map(cbp_reader *r, bool is_protected, cose_label_set *seen,
                               cose_hdr_info *info);
cose_err cose_parse_protected(const uint8_t *p, size_t n, cose_label_set *seen, cose_hdr_info *info);

#endif
