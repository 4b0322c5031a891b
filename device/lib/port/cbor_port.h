/*
 * The ONLY interface between cose_dev and a CBOR library. Everything CBOR goes through here,
 * so moving from libcbor (Debian) to tinycbor (ESP-IDF) means rewriting cbor_port.c alone.
 * No allocation: the reader walks the caller's bytes one item head at a time, the writer
 * writes into the caller's buffer and remembers overflow instead of truncating silently.
 */
#ifndef CBOR_PORT_H
#define CBOR_PORT_H

#include "cose_dev.h"

typedef enum {
  CBP_UINT,   /* v = value */
  CBP_NINT,   /* value = -1 - v */
  CBP_BSTR,   /* ptr/v = data/length */
  CBP_TSTR,   /* ptr/v = data/length */
  CBP_ARRAY,  /* v = element count (head only) */
  CBP_MAP,    /* v = pair count (head only) */
  CBP_TAG,    /* v = tag number (head only) */
  CBP_SIMPLE, /* false/true/null/undefined/float: never valid in our structures */
} cbp_type;

typedef struct {
  cbp_type type;
  uint64_t v;
  const uint8_t *ptr;
  bool bval; /* for CBP_SIMPLE booleans: the value; is_bool says whether it is one */
  bool is_bool;
  bool is_null; /* CBP_SIMPLE null: a detached payload in COSE */
} cbp_item;

typedef struct {
  const uint8_t *p;
  size_t len;
  size_t pos;
} cbp_reader;

void cbp_reader_init(cbp_reader *r, const uint8_t *p, size_t len);
/* Reads one item head (whole string for strings). Indefinite lengths are errors. */
cose_err cbp_next(cbp_reader *r, cbp_item *it);
/* Skips one complete item including nested content; no recursion. */
cose_err cbp_skip(cbp_reader *r);
static inline bool cbp_at_end(const cbp_reader *r) { return r->pos == r->len; }

typedef struct {
  uint8_t *p;
  size_t cap;
  size_t len;
  bool overflow; /* sticky: once set, nothing more is written */
} cbp_writer;

void cbp_writer_init(cbp_writer *w, uint8_t *p, size_t cap);
void cbp_put_uint(cbp_writer *w, uint64_t v);
void cbp_put_int(cbp_writer *w, int64_t v);
void cbp_put_bstr(cbp_writer *w, const uint8_t *p, size_t n);
void cbp_put_bstr_head(cbp_writer *w, size_t n); /* the content follows via cbp_put_raw */
void cbp_put_tstr(cbp_writer *w, const char *s, size_t n);
void cbp_put_array(cbp_writer *w, size_t n);
void cbp_put_map(cbp_writer *w, size_t n);
void cbp_put_tag(cbp_writer *w, uint64_t tag);
void cbp_put_raw(cbp_writer *w, const uint8_t *p, size_t n);
/* Size of an item head for length/value n (1, 2, 3, 5 or 9). */
size_t cbp_head_len(uint64_t n);

#endif
