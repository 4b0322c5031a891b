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
/* Which map cose_read_map reads: a header bucket or a COSE_Key. */
typedef enum { COSE_MAP_PROT, COSE_MAP_UNPROT, COSE_MAP_KEY } cose_map_kind;
/* Reads one map from r into dst (a cose_hdr_info, or a cose_key whose label -1 goes to stash);
 * seen collects the labels, across both buckets of a message. */
cose_err cose_read_map(cbp_reader *r, cose_map_kind kind, cose_label_set *seen, void *dst,
                       cbp_item *stash);
/* Both header buckets into info (cleared first): the protected map's bytes, then the
 * unprotected map at r (what follows it is the caller's). */
cose_err cose_parse_buckets(cose_bytes prot, cbp_reader *unprot, cose_hdr_info *info);


/* dst[i] ^= p[i] for i < n (the nonces' layouts). */
void cose_xor(uint8_t *dst, const uint8_t *p, size_t n);

/* A message's parts, all pointing into the message. */
typedef struct {
  cose_bytes prot, body, tag; /* body: payload or ciphertext; tag: signature/MAC */
  cose_hdr_info info;
} cose_parts;
/* The message parsed and its headers checked, no crypto yet: [tag] [prot, unprot, body (, tag)]. */
cose_err cose_parse_msg(const uint8_t *m, size_t n, unsigned want_tag, unsigned arity,
                        unsigned flags, cose_parts *o);
/* Encrypt0 seal, Mac0 create, Sign1 sign in one; t is the message type. The profile's seal
 * calls it with cose_encrypt0_type directly. */
typedef struct cose_msg_type cose_msg_type;
extern const cose_msg_type cose_encrypt0_type;
cose_err cose_create(const cose_key *key, int32_t alg, const cose_headers *h, const uint8_t *pl,
                     size_t pl_len, const uint8_t *aad, size_t aad_len, unsigned flags,
                     uint8_t *out, size_t cap, size_t *out_len, cose_ws ws, const cose_msg_type *t);
/* cose_encrypt0_open after its parse, so the profile checks the kid in between. */
cose_err cose_encrypt0_decrypt(const cose_key *key, const cose_parts *m, const uint8_t *aad,
                               size_t aad_len, unsigned flags, uint8_t *pt, size_t pt_cap,
                               size_t *pt_len, cose_ws ws);

#endif
