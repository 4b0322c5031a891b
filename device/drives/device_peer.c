/*
 * device_peer: the C device implementation behind the TCK's peer line protocol v1
 * (docs/peer-protocol.md): one JSON request per stdin line, one JSON response per stdout line.
 * All memory is static: a device-sized message buffer (--buffer, default 1024 as esp-mqtt)
 * and a line buffer sized by the protocol (1 MiB).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cose_dev.h"
#include "hex.h"
#include "json.h"

#define LINE_MAX_BYTES (1u << 20)
#define MAX_BUFFER (1u << 16)

static char g_line[LINE_MAX_BYTES + 2];
static char g_pool[LINE_MAX_BYTES + 2];
/* Decoded inputs: key, protected, unprotected, aad, and the payload/message (bounded by the
 * device buffer); outputs and scratch are device buffers too. */
static uint8_t g_key[512], g_prot[MAX_BUFFER], g_unprot[MAX_BUFFER], g_aad[MAX_BUFFER];
static uint8_t g_in[MAX_BUFFER], g_out[MAX_BUFFER], g_ws[2 * MAX_BUFFER];
static char g_hex[2 * MAX_BUFFER + 1];
static size_t g_buffer = COSE_DEFAULT_BUFFER;

/* The algorithms this peer implements (hello lists them; creating with any other is
 * "unsupported" before the key is even looked at, since an OKP or P-384 key cannot decode). */
static const int64_t ALGS[] = {-7, -9, 1, 2, 3, 4, 5, 10, 11, 12, 13, 30, 31, 32, 33};

static bool implemented(int64_t alg) {
  for (size_t i = 0; i < sizeof ALGS / sizeof ALGS[0]; i++)
    if (ALGS[i] == alg) return true;
  return false;
}

static void print_id(const json_field *id) {
  if (id && id->type == JV_INT) printf("{\"id\":%" PRId64, id->i);
  else fputs("{\"id\":null", stdout);
}

static void fail(const json_field *id, const char *kind, const char *what, const char *detail) {
  print_id(id);
  printf(",\"ok\":false,\"kind\":\"%s\",\"error\":\"%s%s%s\"}\n", kind, what, detail ? ": " : "",
         detail ? detail : "");
  fflush(stdout);
}

/* How a cose_err is reported: creating with an alg outside the profile, or anything that does
 * not fit the device buffer, is a deviation ("unsupported"); a bad or forged input is the
 * expected "rejected"; argument and library failures are bugs ("error"). */
static const char *kind_of(cose_err e, bool creating) {
  switch (e) {
    case COSE_ERR_ARG:
    case COSE_ERR_CRYPTO: return "error";
    case COSE_ERR_TOO_LARGE:
    case COSE_ERR_BUFFER_TOO_SMALL: return "unsupported";
    case COSE_ERR_UNSUPPORTED_ALG: return creating ? "unsupported" : "rejected";
    default: return "rejected";
  }
}

static void fail_cose(const json_field *id, cose_err e, bool creating) {
  char d[64];
  snprintf(d, sizeof d, "device buffer %zu bytes", g_buffer);
  bool size = e == COSE_ERR_TOO_LARGE || e == COSE_ERR_BUFFER_TOO_SMALL;
  fail(id, kind_of(e, creating), cose_strerror(e), size ? d : NULL);
}

static void ok_bytes(const json_field *id, const char *field, const uint8_t *p, size_t n) {
  if (!hex_encode(p, n, g_hex, sizeof g_hex)) {
    fail(id, "error", "response too large", NULL);
    return;
  }
  print_id(id);
  printf(",\"ok\":true,\"%s\":\"%s\"}\n", field, g_hex);
  fflush(stdout);
}

/* Decodes a hex field into buf; missing optional fields decode to dflt. */
static const char *get_hex(const json_obj *o, const char *name, const char *dflt, uint8_t *buf,
                           size_t cap, size_t *len, bool *too_large) {
  const json_field *f = json_get(o, name);
  const char *s = dflt;
  size_t n = dflt ? strlen(dflt) : 0;
  *too_large = false;
  if (f) {
    if (f->type != JV_STR) return "not a string";
    s = f->s;
    n = f->slen;
  } else if (!dflt) {
    return "missing";
  }
  if (n / 2 > cap) {
    *too_large = true;
    return "larger than the device buffer";
  }
  return hex_decode(s, n, buf, cap, len) ? NULL : "not an even-length hex string";
}

#define HEX(name, dflt, buf, cap, len)                                                   \
  do {                                                                                   \
    bool big_;                                                                           \
    const char *err_ = get_hex(&req, name, dflt, buf, cap, &len, &big_);                 \
    if (err_) {                                                                          \
      if (big_) fail_cose(id, COSE_ERR_TOO_LARGE, creating);                             \
      else fail(id, "rejected", name, err_);                                             \
      return;                                                                            \
    }                                                                                    \
  } while (0)

static void handle(const char *line, size_t len) {
  json_obj req;
  const char *perr = json_parse_flat(line, len, &req, g_pool, sizeof g_pool);
  const json_field *id = perr ? NULL : json_get(&req, "id");
  if (perr) {
    fail(NULL, "rejected", "malformed request", perr);
    return;
  }
  if (!id || id->type != JV_INT) {
    fail(NULL, "rejected", "malformed request", "id must be an integer");
    return;
  }
  const json_field *op = json_get(&req, "op");
  if (!op || op->type != JV_STR) {
    fail(id, "rejected", "malformed request", "op must be a string");
    return;
  }
  const char *o = op->s;
  if (strcmp(o, "hello") == 0) {
    print_id(id);
    fputs(",\"ok\":true,\"name\":\"cose-iot-device-c\",\"version\":\"0.1.0\",\"protocol\":1,"
          "\"algorithms\":[", stdout);
    for (size_t i = 0; i < sizeof ALGS / sizeof ALGS[0]; i++) printf("%s%" PRId64, i ? "," : "", ALGS[i]);
    printf("],\"ops\":[\"hello\",\"encrypt0\",\"decrypt0\",\"sign1\",\"verify1\",\"mac0\","
           "\"verify_mac0\",\"shutdown\"],\"buffer\":%zu}\n",
           g_buffer);
    fflush(stdout);
    return;
  }
  if (strcmp(o, "shutdown") == 0) {
    print_id(id);
    fputs(",\"ok\":true}\n", stdout);
    fflush(stdout);
    exit(0);
  }
  bool creating = strcmp(o, "encrypt0") == 0 || strcmp(o, "sign1") == 0 || strcmp(o, "mac0") == 0;
  bool opening = strcmp(o, "decrypt0") == 0 || strcmp(o, "verify1") == 0 || strcmp(o, "verify_mac0") == 0;
  if (!creating && !opening) {
    fail(id, "unsupported", "unknown op", o);
    return;
  }
  const json_field *alg = json_get(&req, "alg"), *tagged = json_get(&req, "tagged");
  if (creating) {
    if (!alg || alg->type != JV_INT || alg->i == 0) {
      fail(id, "rejected", "field alg", "missing or not a non-zero integer");
      return;
    }
    if (!implemented(alg->i)) {
      fail_cose(id, COSE_ERR_UNSUPPORTED_ALG, true);
      return;
    }
  }
  size_t key_len, aad_len, in_len, prot_len = 0, unprot_len = 0, out_len = 0;
  HEX("key", NULL, g_key, sizeof g_key, key_len);
  HEX("external_aad", "", g_aad, g_buffer, aad_len);
  cose_key key;
  cose_err e = cose_key_decode(g_key, key_len, &key);
  if (e != COSE_OK) {
    fail(id, "rejected", "bad key", cose_strerror(e));
    return;
  }
  cose_ws ws = {g_ws, 2 * g_buffer};
  if (opening) {
    HEX("message", NULL, g_in, g_buffer, in_len);
    cose_bytes pl;
    if (o[0] == 'd') {
      e = cose_encrypt0_open(&key, g_in, in_len, g_aad, aad_len, 0, g_out, g_buffer, &out_len, ws, NULL);
      pl = (cose_bytes){g_out, out_len};
    } else if (strcmp(o, "verify1") == 0) {
      e = cose_sign1_verify(&key, g_in, in_len, g_aad, aad_len, 0, &pl, NULL);
    } else {
      e = cose_mac0_verify(&key, g_in, in_len, g_aad, aad_len, 0, &pl, NULL);
    }
    if (e != COSE_OK) fail_cose(id, e, false);
    else ok_bytes(id, o[0] == 'd' ? "plaintext" : "payload", pl.p, pl.n);
    return;
  }
  if (tagged && tagged->type != JV_BOOL) {
    fail(id, "rejected", "field tagged", "not a boolean");
    return;
  }
  HEX("protected", "", g_prot, g_buffer, prot_len);
  HEX("unprotected", "a0", g_unprot, g_buffer, unprot_len);
  HEX(o[0] == 'e' ? "plaintext" : "payload", NULL, g_in, g_buffer, in_len);
  cose_headers h = {g_prot, prot_len, g_unprot, unprot_len};
  unsigned flags = (!tagged || tagged->b) ? COSE_F_TAGGED : 0;
  if (o[0] == 'e')
    e = cose_encrypt0_seal(&key, alg->i, &h, g_in, in_len, g_aad, aad_len, flags, g_out, g_buffer, &out_len, ws);
  else if (o[0] == 's')
    e = cose_sign1_sign(&key, alg->i, &h, g_in, in_len, g_aad, aad_len, flags, g_out, g_buffer, &out_len);
  else
    e = cose_mac0_create(&key, alg->i, &h, g_in, in_len, g_aad, aad_len, flags, g_out, g_buffer, &out_len);
  if (e != COSE_OK) fail_cose(id, e, true);
  else ok_bytes(id, "message", g_out, out_len);
}

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--buffer") == 0 && i + 1 < argc) {
      char *end;
      unsigned long v = strtoul(argv[++i], &end, 10);
      if (*end || v < 64 || v > MAX_BUFFER) {
        fprintf(stderr, "device_peer: --buffer must be 64..%u\n", MAX_BUFFER);
        return 2;
      }
      g_buffer = v;
    } else {
      fprintf(stderr, "usage: device_peer [--buffer BYTES]   (line protocol v1 on stdin/stdout)\n");
      return 2;
    }
  }
  for (;;) {
    if (!fgets(g_line, sizeof g_line, stdin)) return 0; /* EOF: the TCK went away */
    size_t n = strlen(g_line);
    if (n > 0 && g_line[n - 1] == '\n') {
      g_line[--n] = '\0';
    } else if (n == sizeof g_line - 1) {
      int c;
      while ((c = getchar()) != EOF && c != '\n') {} /* drop the rest of the overlong line */
      fail(NULL, "rejected", "malformed request", "line longer than 1 MiB");
      continue;
    }
    if (strlen(g_line) != n) {
      fail(NULL, "rejected", "malformed request", "NUL byte in line");
      continue;
    }
    if (n == 0) continue;
    handle(g_line, n);
  }
}
