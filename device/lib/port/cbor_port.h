/*
 * The ONLY interface between cose_dev and a CBOR library. Everything CBOR goes through here:
 * cbor_tinycbor.c (default, ESP-IDF's espressif/cbor) or cbor_libcbor.c (Debian), chosen at
 * build time; cbor_common.c holds what needs no library, the writer included: COSE writes its
 * contents (ciphertexts, tags, the payload) around heads of 1 to 9 bytes, which need no
 * library. Both backends give the same cose_err for the same bytes (tests/test_negative.c
 * asserts it on each build).
 * No allocation: the reader walks the caller's bytes one item head at a time, the writer
 * writes into the caller's buffer and remembers overflow instead of truncating silently.
 */
#ifndef CBOR_PORT_H
#define CBOR_PORT_H

#include "cose_dev.h"

/* Numbered as CBOR's major types 0..7 (the tinycbor port relies on it). */
typedef enum {
  CBP_UINT,   /* v = value */
  CBP_NINT,   /* value = -1 - v */
  CBP_BSTR,   /* ptr/v = data/length */
  CBP_TSTR,   /* ptr/v = data/length */
  CBP_ARRAY,  /* v = element count (head only) */
  CBP_MAP,    /* v = pair count (head only) */
  CBP_TAG,    /* v = tag number (head only) */
  CBP_SIMPLE, /* false/true/null/undefined/float: never valid in our structures (v: none) */
} cbp_type;

/* v is a size_t, a register on every target: a value above SIZE_MAX (possible only where
 * size_t has 32 bits) reads as SIZE_MAX, which no count, length, tag or label COSE takes can
 * be: a string that long cannot fit the input, and SIZE_MAX is no arity, label or tag here. */
typedef struct {
  cbp_type type;
  size_t v;
  bool huge;    /* the argument is 2^63 or more: an int beyond int64 */
  bool is_null; /* CBP_SIMPLE null: a detached payload in COSE */
  const uint8_t *ptr;
} cbp_item;

typedef struct {
  const uint8_t *p;
  size_t len;
  size_t pos;
} cbp_reader;

void cbp_reader_init(cbp_reader *r, const uint8_t *p, size_t len);
/* Reads one item head (whole string for strings, which must lie inside the input; the
 * 64-bit argument is checked before it is narrowed to v). Indefinite lengths, reserved
 * encodings and unassigned simple values are errors. */
cose_err cbp_next(cbp_reader *r, cbp_item *it);
/* Skips one complete item including nested content, in stream order: the first problem met
 * is the error. Arrays, maps and tags nested deeper than COSE_CBOR_MAX_DEPTH are
 * COSE_ERR_CBOR_DEPTH; a count no 32-bit container iterator can hold (array >= 2^32 - 1,
 * map >= 2^31) is COSE_ERR_CBOR_TRUNCATED at once, as the input cannot hold it either. */
cose_err cbp_skip(cbp_reader *r);
static inline bool cbp_at_end(const cbp_reader *r) { return r->pos == r->len; }

typedef struct {
  uint8_t *p;
  size_t cap;
  size_t len;
  bool overflow; /* sticky: once set, nothing more is written */
} cbp_writer;

void cbp_writer_init(cbp_writer *w, uint8_t *p, size_t cap);
/* The head of major type major (0..7) with argument v, shortest form. */
void cbp_put_head(cbp_writer *w, unsigned major, size_t v);
static inline void cbp_put_uint(cbp_writer *w, size_t v) { cbp_put_head(w, 0, v); }
/* An unsigned integer of any size (the profile's epochs). */
void cbp_put_u64(cbp_writer *w, uint64_t v);
void cbp_put_int(cbp_writer *w, int32_t v);
/* A byte (major 2) or text (3) string: head and content. */
void cbp_put_str(cbp_writer *w, unsigned major, const void *p, size_t n);
static inline void cbp_put_bstr(cbp_writer *w, const uint8_t *p, size_t n) { cbp_put_str(w, 2, p, n); }
/* the content follows via cbp_put_raw */
static inline void cbp_put_bstr_head(cbp_writer *w, size_t n) { cbp_put_head(w, 2, n); }
static inline void cbp_put_tstr(cbp_writer *w, const char *s, size_t n) { cbp_put_str(w, 3, s, n); }
static inline void cbp_put_array(cbp_writer *w, size_t n) { cbp_put_head(w, 4, n); }
static inline void cbp_put_map(cbp_writer *w, size_t n) { cbp_put_head(w, 5, n); }
static inline void cbp_put_tag(cbp_writer *w, size_t tag) { cbp_put_head(w, 6, tag); }
void cbp_put_raw(cbp_writer *w, const uint8_t *p, size_t n);
/* For the ports: the argument of the head at h (additional info <= 27, all head bytes
 * present, already checked by the backend); returns the head length. */
size_t cbp_head_arg(const uint8_t *h, uint64_t *v);
/* For the ports: the checks tinycbor's parser makes on the next head before anything else
 * (present and complete, no reserved additional info, no lone break, no two-byte simple value
 * below 32); indefinite-length heads pass. */
cose_err cbp_check_head(const cbp_reader *r);
/* For the ports: sets it->v and it->huge from a head's full argument. */
void cbp_set_arg(cbp_item *it, uint64_t arg);
/* For the ports: a string's content must lie inside what is left after its head. */
cose_err cbp_string_fits(const cbp_reader *r, size_t head_len, uint64_t n);

#endif
