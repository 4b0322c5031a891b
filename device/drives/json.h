/* A strict reader for the flat JSON objects of the peer line protocol v1: one object whose
 * values are strings, integers, booleans or null. Nested values, floats, duplicate keys and
 * trailing garbage are errors. Strings are unescaped into a caller-provided pool. */
#ifndef PEER_JSON_H
#define PEER_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define JSON_MAX_FIELDS 16
#define JSON_MAX_KEY 32

typedef enum { JV_STR, JV_INT, JV_BOOL, JV_NULL } json_type;

typedef struct {
  char key[JSON_MAX_KEY];
  json_type type;
  const char *s; /* JV_STR: NUL-terminated, in the pool */
  size_t slen;
  int64_t i;
  bool b;
} json_field;

typedef struct {
  json_field f[JSON_MAX_FIELDS];
  size_t n;
} json_obj;

/* Returns NULL on success, else a static description of what was wrong. */
const char *json_parse_flat(const char *in, size_t len, json_obj *o, char *pool, size_t pool_cap);
const json_field *json_get(const json_obj *o, const char *key);

#endif
