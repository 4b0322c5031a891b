/* The peer's strict flat-JSON reader. */
#include <string.h>

#include "hex.h"
#include "json.h"
#include "tests.h"

static bool ok(const char *s) {
  static char pool[256];
  json_obj o;
  return json_parse_flat(s, strlen(s), &o, pool, sizeof pool) == NULL;
}

void test_json(void) {
  static char pool[256];
  json_obj o;
  const char *s = " {\"id\": -12, \"op\":\"enc\\u0072ypt0\", \"tagged\": false, \"k\":\"\", \"n\":null} ";
  CHECK(json_parse_flat(s, strlen(s), &o, pool, sizeof pool) == NULL, "%s", "parse");
  const json_field *f = json_get(&o, "id");
  CHECK(f && f->type == JV_INT && f->i == -12, "%s", "id");
  f = json_get(&o, "op");
  CHECK(f && f->type == JV_STR && strcmp(f->s, "encrypt0") == 0, "%s", "escape");
  f = json_get(&o, "tagged");
  CHECK(f && f->type == JV_BOOL && !f->b, "%s", "bool");
  CHECK(ok("{}") && ok("{\"a\":true}") && ok("{\"a\":-9223372036854775808}"), "%s", "valid");
  const char *bad[] = {"", "{", "[]", "{\"a\":1,}", "{\"a\":1 \"b\":2}", "{\"a\":1}x", "{\"a\":{}}",
                       "{\"a\":[1]}", "{\"a\":1.5}", "{\"a\":01}", "{\"a\":1,\"a\":2}", "{\"a\":\"\\q\"}",
                       "{\"a\":\"x", "{a:1}", "{\"a\":9223372036854775808}", "{\"a\":tru}",
                       "{\"a\":\"\\ud800\"}", "{\"a\":\"\x01\"}"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) CHECK(!ok(bad[i]), "accepted %s", bad[i]);
  char big[400];
  memset(big, 'a', sizeof big);
  memcpy(big, "{\"a\":\"", 6);
  memcpy(big + sizeof big - 3, "\"}", 3);
  CHECK(json_parse_flat(big, strlen(big), &o, pool, sizeof pool) != NULL, "%s", "pool limit");
  uint8_t b[4];
  size_t n;
  CHECK(hex_decode("0aFf", 4, b, sizeof b, &n) && n == 2 && b[1] == 0xff, "%s", "hex");
  CHECK(!hex_decode("0", 1, b, sizeof b, &n) && !hex_decode("zz", 2, b, sizeof b, &n) &&
        !hex_decode("0011223344", 10, b, sizeof b, &n), "%s", "bad hex");
}
