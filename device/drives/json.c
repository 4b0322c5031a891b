#include "json.h"

#include <string.h>

typedef struct {
  const char *p, *end;
  char *pool;
  size_t cap, used;
} jp;

static void ws(jp *j) {
  while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\r' || *j->p == '\n')) j->p++;
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static bool put(jp *j, char c) {
  if (j->used >= j->cap) return false;
  j->pool[j->used++] = c;
  return true;
}

/* Reads a string after its opening quote into the pool; *out points at its start. */
static const char *str(jp *j, const char **out, size_t *len) {
  size_t start = j->used;
  while (j->p < j->end) {
    unsigned char c = (unsigned char)*j->p++;
    if (c == '"') {
      if (!put(j, '\0')) return "request too large for the string pool";
      *out = j->pool + start;
      *len = j->used - start - 1;
      return NULL;
    }
    if (c < 0x20) return "control character in string";
    if (c != '\\') {
      if (!put(j, (char)c)) return "request too large for the string pool";
      continue;
    }
    if (j->p >= j->end) return "unterminated escape";
    char e = *j->p++, r;
    switch (e) {
      case '"': r = '"'; break;
      case '\\': r = '\\'; break;
      case '/': r = '/'; break;
      case 'b': r = '\b'; break;
      case 'f': r = '\f'; break;
      case 'n': r = '\n'; break;
      case 'r': r = '\r'; break;
      case 't': r = '\t'; break;
      case 'u': {
        if (j->end - j->p < 4) return "short \\u escape";
        unsigned v = 0;
        for (int i = 0; i < 4; i++) {
          int h = hexval(j->p[i]);
          if (h < 0) return "bad \\u escape";
          v = v << 4 | (unsigned)h;
        }
        j->p += 4;
        /* The protocol's strings are ASCII (hex, op names); surrogates are not needed. */
        if (v >= 0xd800 && v <= 0xdfff) return "surrogate \\u escape not supported";
        if (v < 0x80) { if (!put(j, (char)v)) return "request too large"; }
        else if (v < 0x800) {
          if (!put(j, (char)(0xc0 | v >> 6)) || !put(j, (char)(0x80 | (v & 0x3f)))) return "request too large";
        } else if (!put(j, (char)(0xe0 | v >> 12)) || !put(j, (char)(0x80 | ((v >> 6) & 0x3f))) ||
                   !put(j, (char)(0x80 | (v & 0x3f)))) {
          return "request too large";
        }
        continue;
      }
      default: return "bad escape";
    }
    if (!put(j, r)) return "request too large for the string pool";
  }
  return "unterminated string";
}

static const char *integer(jp *j, int64_t *out) {
  bool neg = false;
  if (j->p < j->end && *j->p == '-') { neg = true; j->p++; }
  if (j->p >= j->end || *j->p < '0' || *j->p > '9') return "bad number";
  if (*j->p == '0' && j->p + 1 < j->end && j->p[1] >= '0' && j->p[1] <= '9') return "leading zero";
  uint64_t v = 0, lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
  while (j->p < j->end && *j->p >= '0' && *j->p <= '9') {
    unsigned d = (unsigned)(*j->p++ - '0');
    if (v > (lim - d) / 10) return "integer out of range";
    v = v * 10 + d;
  }
  if (j->p < j->end && (*j->p == '.' || *j->p == 'e' || *j->p == 'E')) return "only integers are accepted";
  *out = neg ? (v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v) : (int64_t)v;
  return NULL;
}

static bool word(jp *j, const char *w) {
  size_t n = strlen(w);
  if ((size_t)(j->end - j->p) < n || memcmp(j->p, w, n) != 0) return false;
  j->p += n;
  return true;
}

const char *json_parse_flat(const char *in, size_t len, json_obj *o, char *pool, size_t pool_cap) {
  jp j = {in, in + len, pool, pool_cap, 0};
  const char *err;
  o->n = 0;
  ws(&j);
  if (j.p >= j.end || *j.p++ != '{') return "not a JSON object";
  ws(&j);
  if (j.p < j.end && *j.p == '}') { j.p++; goto done; }
  for (;;) {
    ws(&j);
    if (j.p >= j.end || *j.p++ != '"') return "expected a key";
    const char *k;
    size_t kl;
    if ((err = str(&j, &k, &kl)) != NULL) return err;
    if (kl == 0 || kl >= JSON_MAX_KEY) return "key empty or too long";
    for (size_t i = 0; i < o->n; i++)
      if (strcmp(o->f[i].key, k) == 0) return "duplicate key";
    if (o->n == JSON_MAX_FIELDS) return "too many fields";
    json_field *f = &o->f[o->n++];
    memcpy(f->key, k, kl + 1);
    j.used -= kl + 1; /* keys are copied out; give their pool bytes back */
    ws(&j);
    if (j.p >= j.end || *j.p++ != ':') return "expected ':'";
    ws(&j);
    if (j.p >= j.end) return "missing value";
    if (*j.p == '"') {
      j.p++;
      f->type = JV_STR;
      if ((err = str(&j, &f->s, &f->slen)) != NULL) return err;
    } else if (*j.p == '-' || (*j.p >= '0' && *j.p <= '9')) {
      f->type = JV_INT;
      if ((err = integer(&j, &f->i)) != NULL) return err;
    } else if (word(&j, "true") || word(&j, "false")) {
      f->type = JV_BOOL;
      f->b = j.p[-1] == 'e' && j.p[-2] == 'u';
    } else if (word(&j, "null")) {
      f->type = JV_NULL;
    } else {
      return "unsupported value (objects, arrays and floats are not part of the protocol)";
    }
    ws(&j);
    if (j.p < j.end && *j.p == ',') { j.p++; continue; }
    if (j.p < j.end && *j.p == '}') { j.p++; break; }
    return "expected ',' or '}'";
  }
done:
  ws(&j);
  return j.p == j.end ? NULL : "trailing characters after the object";
}

const json_field *json_get(const json_obj *o, const char *key) {
  for (size_t i = 0; i < o->n; i++)
    if (strcmp(o->f[i].key, key) == 0) return &o->f[i];
  return NULL;
}
