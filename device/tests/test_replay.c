/* Profile 1.2 receiver rules of cose_profile_open: the (kid, IV) memory of random-IV messages
 * and its eviction order (R7.7), the content type on receipt (R4.4), untagged input (R9.3), the
 * sid length bound (R7.9) and that a refused message leaves the replay state alone (R7.5). */
#include <string.h>

#include "tests.h"

#define N COSE_PROFILE_IV_MEMORY
static unsigned char g_ws[4096], g_msgs[N + 1][96];
static size_t g_lens[N + 1];
static cose_replay_state g_rs;

static cose_err open_msg(const cose_topic_key *k, const unsigned char *m, size_t n) {
  unsigned char pt[96];
  cose_bytes plain;
  cose_ws ws = {g_ws, sizeof g_ws};
  return cose_profile_open(k, "cmd/1", NULL, &g_rs, NULL, m, n, pt, sizeof pt, &plain, ws);
}

void test_replay(void) {
  const uint8_t master[] = "0123456789abcdef0123456789abcdef";
  cose_topic_key tk;
  CHECK_ERR(cose_topic_key_derive(master, 32, NULL, 0, "cmd/+", COSE_ALG_A128GCM, 0, &tk), COSE_OK, "%s", "derive");
  cose_ws ws = {g_ws, sizeof g_ws};
  for (size_t i = 0; i <= N; i++)
    CHECK_ERR(cose_profile_seal(&tk, "cmd/1", NULL, NULL, (const uint8_t *)"go", 2, g_msgs[i], sizeof g_msgs[i], &g_lens[i], ws), COSE_OK, "seal %zu", i);

  /* A random-IV replay is refused: the bug device_mqtt had (it echoed a replay twice). */
  CHECK_ERR(open_msg(&tk, g_msgs[0], g_lens[0]), COSE_OK, "%s", "first");
  CHECK_ERR(open_msg(&tk, g_msgs[0], g_lens[0]), COSE_ERR_REPLAY, "%s", "random-IV replay");
  /* A message that does not authenticate is not remembered: its bytes fixed, it opens. */
  g_msgs[1][g_lens[1] - 1] ^= 1;
  CHECK_ERR(open_msg(&tk, g_msgs[1], g_lens[1]), COSE_ERR_AUTH, "%s", "altered tag");
  g_msgs[1][g_lens[1] - 1] ^= 1;
  for (size_t i = 1; i <= N; i++) CHECK_ERR(open_msg(&tk, g_msgs[i], g_lens[i]), COSE_OK, "fill %zu", i);
  CHECK(g_rs.ivs.count == N, "memory holds %zu of %d", g_rs.ivs.count, N);
  /* Full after N + 1 pairs: the first accepted (message 0) is forgotten, message 1 is not. A
   * refused repeat does not refresh its pair, so message 1 stays the next to go. */
  CHECK_ERR(open_msg(&tk, g_msgs[1], g_lens[1]), COSE_ERR_REPLAY, "%s", "second still remembered");
  CHECK_ERR(open_msg(&tk, g_msgs[0], g_lens[0]), COSE_OK, "%s", "oldest forgotten first");
  CHECK_ERR(open_msg(&tk, g_msgs[1], g_lens[1]), COSE_OK, "%s", "then the second");
  CHECK_ERR(open_msg(&tk, g_msgs[2], g_lens[2]), COSE_OK, "%s", "then the third");
  CHECK_ERR(open_msg(&tk, g_msgs[N], g_lens[N]), COSE_ERR_REPLAY, "%s", "newest remembered");

  /* R9.3: empty or untagged is NOT_SEALED before any parsing; another tag is malformed. */
  CHECK_ERR(open_msg(&tk, g_msgs[0], 0), COSE_ERR_NOT_SEALED, "%s", "empty");
  CHECK_ERR(open_msg(&tk, g_msgs[0] + 1, g_lens[0] - 1), COSE_ERR_NOT_SEALED, "%s", "untagged");
  g_msgs[0][0] = 0xd2; /* tag 18, Sign1 */
  CHECK_ERR(open_msg(&tk, g_msgs[0], g_lens[0]), COSE_ERR_WRONG_TAG, "%s", "another tag");

  /* R7.9: a sid longer than n - 6 bytes is refused before decryption. */
  cose_sender s = {.sid = {1, 2, 3, 4, 5, 6, 7}, .sid_len = 6};
  unsigned char m[96];
  size_t ml;
  CHECK_ERR(cose_profile_seal(&tk, "cmd/1", &s, NULL, (const uint8_t *)"go", 2, m, sizeof m, &ml, ws), COSE_OK, "%s", "6-byte sid");
  CHECK_ERR(open_msg(&tk, m, ml), COSE_OK, "%s", "6-byte sid opens");
  s.sid_len = 7;
  CHECK_ERR(cose_profile_seal(&tk, "cmd/1", &s, NULL, (const uint8_t *)"go", 2, m, sizeof m, &ml, ws), COSE_ERR_NONCE, "%s", "7-byte sid not sealed");
  /* The 6-byte sid's message with one more sid byte spliced in: 46 06 -> 47 07. */
  unsigned char longer[97];
  size_t at = 0;
  CHECK_ERR(cose_profile_seal(&tk, "cmd/1", &(cose_sender){.sid = {1, 2, 3, 4, 5, 6}, .sid_len = 6, .next_seq = 1}, NULL, (const uint8_t *)"go", 2, m, sizeof m, &ml, ws), COSE_OK, "%s", "seal");
  for (size_t i = 0; i + 4 < ml; i++)
    if (memcmp(m + i, "\x63sid\x46", 5) == 0) at = i + 4;
  CHECK(at != 0, "%s", "sid field found");
  memcpy(longer, m, at);
  longer[at] = 0x47;
  memcpy(longer + at + 1, m + at + 1, 6);
  longer[at + 7] = 7;
  memcpy(longer + at + 8, m + at + 7, ml - at - 7);
  CHECK_ERR(open_msg(&tk, longer, ml + 1), COSE_ERR_NONCE, "%s", "7-byte sid refused");

  /* R4.4: the content type on receipt. */
  const char *ct = COSE_PROFILE_CT_ENCRYPT0;
  CHECK_ERR(cose_profile_content_type(NULL, ct), COSE_OK, "%s", "absent");
  CHECK_ERR(cose_profile_content_type(ct, ct), COSE_OK, "%s", "exact");
  CHECK_ERR(cose_profile_content_type("application/cose; cose-type=cose-encrypt0", ct), COSE_ERR_HEADER, "%s", "unquoted");
  CHECK_ERR(cose_profile_content_type("Application/COSE; cose-type=\"cose-encrypt0\"", ct), COSE_ERR_HEADER, "%s", "case");
  CHECK_ERR(cose_profile_content_type("application/cose;cose-type=\"cose-encrypt0\"", ct), COSE_ERR_HEADER, "%s", "no space");
  CHECK_ERR(cose_profile_content_type("application/cose", ct), COSE_ERR_HEADER, "%s", "no parameter");
  CHECK_ERR(cose_profile_content_type(COSE_PROFILE_CT_SIGN1, ct), COSE_ERR_HEADER, "%s", "other type");
  CHECK_ERR(cose_profile_content_type("application/json", ct), COSE_ERR_NOT_SEALED, "%s", "json");
  CHECK_ERR(cose_profile_content_type("", ct), COSE_ERR_NOT_SEALED, "%s", "empty");
}
