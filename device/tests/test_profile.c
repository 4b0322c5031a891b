/* The cose-iot MQTT profile 1.2: HKDF, external_aad, counter nonce, replay window, seal/open. */
#include <string.h>

#include "tests.h"
#include "crypto_port.h"

static unsigned char g_ws[4096];


void test_profile(void) {
  unsigned char buf[512], exp[128], pt[512];
  size_t n;
  /* RFC 5869 A.1: HKDF-SHA-256 test case 1. */
  unsigned char ikm[22], salt[13], info[10], okm[42];
  memset(ikm, 0x0b, sizeof ikm);
  unhex("000102030405060708090a0b0c", salt, sizeof salt);
  unhex("f0f1f2f3f4f5f6f7f8f9", info, sizeof info);
  CHECK_ERR(cp_hkdf_sha256(salt, 13, ikm, 22, info, 10, okm, 42), COSE_OK, "%s", "hkdf");
  n = unhex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865", exp, sizeof exp);
  CHECK(memcmp(okm, exp, n) == 0, "%s", "RFC 5869 A.1 OKM");
  /* RFC 5869 A.3: no salt (HashLen zeros) and no info. */
  CHECK_ERR(cp_hkdf_sha256(NULL, 0, ikm, 22, NULL, 0, okm, 42), COSE_OK, "%s", "hkdf, no salt");
  n = unhex("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8", exp, sizeof exp);
  CHECK(memcmp(okm, exp, n) == 0, "%s", "RFC 5869 A.3 OKM");
  CHECK_ERR(cp_hkdf_sha256(NULL, 0, ikm, 22, NULL, 0, okm, 255 * 32 + 1), COSE_ERR_ARG, "%s", "hkdf, L > 255 HashLen");
  /* RFC 4231 test case 2: HMAC-SHA-256 with key "Jefe". */
  cp_hmac h;
  unsigned char mac[32];
  cp_hmac_start(&h, (const uint8_t *)"Jefe", 4);
  cp_hmac_update(&h, (const uint8_t *)"what do ya want for nothing?", 28);
  CHECK_ERR(cp_hmac_finish(&h, mac), COSE_OK, "%s", "hmac");
  unhex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", exp, sizeof exp);
  CHECK(memcmp(mac, exp, 32) == 0, "%s", "RFC 4231 case 2");

  /* external_aad = ["cose-iot-mqtt/1", "t/1", 7] */
  CHECK_ERR(cose_profile_aad("t/1", 7, buf, sizeof buf, &n), COSE_OK, "%s", "aad");
  size_t en = unhex("836f636f73652d696f742d6d7174742f3163742f3107", exp, sizeof exp);
  CHECK(n == en && memcmp(buf, exp, n) == 0, "%s", "aad bytes");
  CHECK_ERR(cose_profile_aad("t/1", 7, buf, 10, &n), COSE_ERR_BUFFER_TOO_SMALL, "%s", "aad room");
  /* Epochs on both sides of 2^32: a 4-byte and an 8-byte argument (RFC 8949 section 3). */
  CHECK_ERR(cose_profile_aad("t/1", UINT32_MAX, buf, sizeof buf, &n), COSE_OK, "%s", "aad, epoch 2^32 - 1");
  en = unhex("836f636f73652d696f742d6d7174742f3163742f311affffffff", exp, sizeof exp);
  CHECK(n == en && memcmp(buf, exp, n) == 0, "%s", "aad bytes, epoch 2^32 - 1");
  CHECK_ERR(cose_profile_aad("t/1", UINT64_C(1) << 32, buf, sizeof buf, &n), COSE_OK, "%s", "aad, epoch 2^32");
  en = unhex("836f636f73652d696f742d6d7174742f3163742f311b0000000100000000", exp, sizeof exp);
  CHECK(n == en && memcmp(buf, exp, n) == 0, "%s", "aad bytes, epoch 2^32");

  /* base64url without padding: RFC 4648 section 10's vectors, and the two url-safe letters. */
  static const char *b64[][2] = {{"", ""}, {"f", "Zg"}, {"fo", "Zm8"}, {"foo", "Zm9v"},
                                 {"foob", "Zm9vYg"}, {"fooba", "Zm9vYmE"}, {"foobar", "Zm9vYmFy"},
                                 {"\xfb\xff", "-_8"}};
  for (size_t i = 0; i < sizeof b64 / sizeof b64[0]; i++) {
    char enc[16];
    size_t in_len = strlen(b64[i][0]), out_len = strlen(b64[i][1]);
    CHECK(cose_b64url((const uint8_t *)b64[i][0], in_len, enc, sizeof enc) == out_len &&
              strcmp(enc, b64[i][1]) == 0,
          "base64url of \"%s\"", b64[i][1]);
    CHECK(cose_b64url((const uint8_t *)b64[i][0], in_len, enc, out_len) == 0, "base64url room %zu", i);
  }

  /* Partial IVs: minimal, 1..5 bytes. */
  unsigned char piv[5];
  CHECK(cose_profile_piv(0, piv) == 1 && piv[0] == 0, "%s", "piv 0");
  CHECK(cose_profile_piv(256, piv) == 2 && piv[0] == 1 && piv[1] == 0, "%s", "piv 256");
  CHECK(cose_profile_piv(COSE_PROFILE_MAX_SEQ, piv) == 5, "%s", "piv max");
  CHECK(cose_profile_piv(COSE_PROFILE_MAX_SEQ + 1, piv) == 0, "%s", "piv over");
  uint64_t seq;
  unsigned char nm[2] = {0, 1};
  CHECK_ERR(cose_profile_seq((cose_bytes){nm, 2}, &seq), COSE_ERR_NONCE, "%s", "non-minimal piv");
  CHECK_ERR(cose_profile_seq((cose_bytes){nm + 1, 1}, &seq), COSE_OK, "%s", "piv 1");
  /* Nonce: iv XOR (len(sid) | sid right-aligned in n-6 | piv right-aligned in 5). */
  unsigned char iv[12] = {0}, nonce[12], sid[2] = {0xaa, 0xbb}, p2[2] = {0x01, 0x02};
  CHECK_ERR(cose_profile_nonce(iv, 12, (cose_bytes){sid, 2}, (cose_bytes){p2, 2}, nonce), COSE_OK, "%s", "nonce");
  unhex("0200000000aabb0000000102", exp, sizeof exp);
  CHECK(memcmp(nonce, exp, 12) == 0, "%s", "nonce layout");
  unsigned char longsid[7] = {0};
  CHECK_ERR(cose_profile_nonce(iv, 12, (cose_bytes){longsid, 7}, (cose_bytes){p2, 2}, nonce), COSE_ERR_NONCE, "%s", "sid too long");

  /* Replay window. */
  cose_replay_window w = {0};
  CHECK_ERR(cose_replay_accept(&w, 5), COSE_OK, "%s", "first");
  CHECK_ERR(cose_replay_accept(&w, 5), COSE_ERR_REPLAY, "%s", "dup");
  CHECK_ERR(cose_replay_accept(&w, 3), COSE_OK, "%s", "late once");
  CHECK_ERR(cose_replay_accept(&w, 3), COSE_ERR_REPLAY, "%s", "late twice");
  CHECK_ERR(cose_replay_accept(&w, 200), COSE_OK, "%s", "jump");
  /* R7.6: with 200 the highest, 200 - 64 is outside and 200 - 63 inside. */
  CHECK_ERR(cose_replay_accept(&w, 136), COSE_ERR_REPLAY, "%s", "below window");
  CHECK_ERR(cose_replay_accept(&w, 137), COSE_OK, "%s", "window edge");

  /* Profile section 10, the worked example, byte for byte. */
  {
    unsigned char ms[32];
    unhex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", ms, sizeof ms);
    cose_topic_key tk;
    CHECK_ERR(cose_topic_key_derive(ms, 32, NULL, 0, "sensors/+/temperature", COSE_ALG_A128GCM, 7, &tk), COSE_OK, "%s", "s10 derive");
    unhex("aeff1ba9fcbda087f7eed6f5a6c559d3", exp, sizeof exp);
    CHECK(memcmp(tk.key, exp, 16) == 0, "%s", "s10 content key");
    unhex("500d4a54c8e06900", exp, sizeof exp);
    CHECK(memcmp(tk.kid, exp, 8) == 0, "%s", "s10 kid");
    char hint[16];
    cose_b64url(tk.kid, 8, hint, sizeof hint);
    CHECK(strcmp(hint, "UA1KVMjgaQA") == 0, "s10 hint %s", hint);
    unhex("65f25bde62b856fdf88c4fd8", exp, sizeof exp);
    CHECK(memcmp(tk.common_iv, exp, 12) == 0, "%s", "s10 common IV");
    unsigned char topic_key[32];
    CHECK_ERR(cose_profile_derive(ms, 32, NULL, 0, "", COSE_ALG_HMAC256, 0, "Topic", topic_key, 32), COSE_OK, "%s", "s10 topic key");
    unhex("79c7669de89156e2915e0f3894e0f54fa22f5b617e56ba883e288b04f09069af", exp, sizeof exp);
    CHECK(memcmp(topic_key, exp, 32) == 0, "%s", "s10 topic key bytes");
    cose_sender s = {.sid = {0x01}, .sid_len = 1, .next_seq = 5};
    cose_ws ws = {g_ws, sizeof g_ws};
    size_t ml;
    const char *topic = "sensors/kitchen/temperature";
    CHECK_ERR(cose_profile_seal(&tk, topic, &s, NULL, (const uint8_t *)"{\"t\":21.5}", 10, buf, sizeof buf, &ml, ws), COSE_OK, "%s", "s10 seal");
    en = unhex("d08343a10101a30448500d4a54c8e06900064105637369644101581aae2136e3c503945bbe9d7761db207087734e8c05adbe46acf959", exp, sizeof exp);
    CHECK(ml == en && memcmp(buf, exp, en) == 0, "%s", "s10 counter-mode message");
    static cose_replay_state rw;
    cose_bytes plain;
    CHECK_ERR(cose_profile_open(&tk, topic, "UA1KVMjgaQA", &rw, NULL, exp, en, pt, sizeof pt, &plain, ws), COSE_OK, "%s", "s10 open");
    CHECK_ERR(cose_profile_open(&tk, topic, "UA1KVMjgaQA=", &rw, NULL, exp, en, pt, sizeof pt, &plain, ws), COSE_ERR_KID_MISMATCH, "%s", "s10 padded hint"); /* R4.6 */
    {
      /* Outside the profile "sid" is an unknown header and RFC 9052 section 3.1 applies: with
       * the sender's Base IV (common IV XOR len(sid) | sid | zeros) the plain opener gets the
       * profile's nonce; the common IV alone must not open it. */
      unsigned char aad[64], sender_iv[12];
      size_t al, pl;
      cose_profile_aad(topic, 7, aad, sizeof aad, &al);
      memcpy(sender_iv, tk.common_iv, 12);
      sender_iv[0] ^= 1;
      sender_iv[6] ^= 0x01;
      cose_key plain_key = {.kty = 4, .alg = 1, .has_alg = true, .k = {tk.key, 16}, .has_base_iv = true, .base_iv = {sender_iv, 12}};
      cose_hdr_info hi;
      CHECK_ERR(cose_encrypt0_open(&plain_key, exp, en, aad, al, 0, pt, sizeof pt, &pl, ws, &hi), COSE_OK, "%s", "s10 plain RFC 9052 open");
      CHECK(pl == 10 && memcmp(pt, "{\"t\":21.5}", 10) == 0, "%s", "s10 plain open plaintext");
      plain_key.base_iv = (cose_bytes){tk.common_iv, 12};
      CHECK_ERR(cose_encrypt0_open(&plain_key, exp, en, aad, al, 0, pt, sizeof pt, &pl, ws, &hi), COSE_ERR_AUTH, "%s", "s10 common IV without the profile flag");
      CHECK_ERR(cose_encrypt0_open(&plain_key, exp, en, aad, al, COSE_F_PROFILE_NONCE, pt, sizeof pt, &pl, ws, &hi), COSE_OK, "%s", "s10 common IV with the profile flag");
    }
    en = unhex("d08343a10101a20448500d4a54c8e06900054ca0a1a2a3a4a5a6a7a8a9aaab581a3fbec241b8e52b90d93d48a11d3beed855b3c250c0bc1414a4d0", exp, sizeof exp);
    CHECK_ERR(cose_profile_open(&tk, topic, NULL, &rw, NULL, exp, en, pt, sizeof pt, &plain, ws), COSE_OK, "%s", "s10 random-mode open");
    CHECK(plain.n == 10 && memcmp(plain.p, "{\"t\":21.5}", 10) == 0, "%s", "s10 plaintext");
    /* Random mode sealed from the same IV through the core gives the same bytes. */
    cose_key key = {.kty = 4, .alg = 1, .has_alg = true, .k = {tk.key, 16}};
    unsigned char aad[64], up[40];
    size_t al, mlen;
    cose_profile_aad(topic, 7, aad, sizeof aad, &al);
    size_t ul = unhex("a20448500d4a54c8e06900054ca0a1a2a3a4a5a6a7a8a9aaab", up, sizeof up);
    cose_headers hh = {(const uint8_t *)"\xa1\x01\x01", 3, up, ul};
    CHECK_ERR(cose_encrypt0_seal(&key, 1, &hh, (const uint8_t *)"{\"t\":21.5}", 10, aad, al, COSE_F_TAGGED, buf, sizeof buf, &mlen, ws), COSE_OK, "%s", "s10 random seal");
    CHECK(mlen == en && memcmp(buf, exp, en) == 0, "%s", "s10 random-mode message");
    /* Section 3: alg only unprotected is refused even though it decrypts. */
    unsigned char hdr_up[48];
    size_t hul = unhex("a301010448500d4a54c8e06900054ca0a1a2a3a4a5a6a7a8a9aaab", hdr_up, sizeof hdr_up);
    cose_headers h2 = {NULL, 0, hdr_up, hul};
    CHECK_ERR(cose_encrypt0_seal(&key, 1, &h2, (const uint8_t *)"x", 1, aad, al, COSE_F_TAGGED, buf, sizeof buf, &mlen, ws), COSE_OK, "%s", "unprotected alg seal");
    CHECK_ERR(cose_profile_open(&tk, topic, NULL, &rw, NULL, buf, mlen, pt, sizeof pt, &plain, ws), COSE_ERR_HEADER, "%s", "unprotected alg refused");
  }

  /* Seal/open through the profile, both algorithms, random and counter mode, signed. */
  const uint8_t master[] = "0123456789abcdef0123456789abcdef";
  int64_t algs[] = {COSE_ALG_A128GCM, COSE_ALG_CCM_16_64_128};
  unsigned char kb[200];
  size_t kl = unhex("a601020258" "0864657669636530312001" "215820" "bac5b11cad8f99f9c72b05cf4b9e26d244dc189f745228255a219a86d6a09eff"
                    "225820" "20138bf82dc1b6d562be0fa54ab7804a3a64b6d72ccfed6b6fb6ed28bbfc117e"
                    "235820" "57c92077664146e876760c9520d054aa93c3afb04e306705db6090308507b4d3", kb, sizeof kb);
  cose_key signer, verifier;
  CHECK_ERR(cose_key_decode(kb, kl, &signer), COSE_OK, "%s", "signer");
  verifier = signer;
  verifier.d = (cose_bytes){NULL, 0};
  for (size_t a = 0; a < 2; a++) {
    cose_topic_key tk, other;
    CHECK_ERR(cose_topic_key_derive(master, 32, NULL, 0, "sensors/#", algs[a], 3, &tk), COSE_OK, "alg %lld", (long long)algs[a]);
    CHECK_ERR(cose_topic_key_derive(master, 32, NULL, 0, "sensors/#", algs[a], 4, &other), COSE_OK, "%s", "epoch 4");
    CHECK(memcmp(tk.kid, other.kid, 8) != 0, "%s", "epochs give distinct kids");
    cose_sender s = {.sid = {0x01}, .sid_len = 1, .next_seq = 0};
    for (int mode = 0; mode < 3; mode++) {
      cose_ws ws = {g_ws, sizeof g_ws};
      static cose_replay_state rw;
      memset(&rw, 0, sizeof rw);
      size_t ml;
      cose_sender *sp = mode == 0 ? NULL : &s;
      const cose_key *sg = mode == 2 ? &signer : NULL;
      cose_err e = cose_profile_seal(&tk, "sensors/t1", sp, sg, (const uint8_t *)"21.5", 4, buf, sizeof buf, &ml, ws);
      CHECK_ERR(e, COSE_OK, "seal mode %d", mode);
      char hint[16];
      cose_b64url(tk.kid, 8, hint, sizeof hint);
      cose_bytes plain;
      const cose_key *vf = mode == 2 ? &verifier : NULL;
      CHECK_ERR(cose_profile_open(&tk, "sensors/t1", hint, &rw, vf, buf, ml, pt, sizeof pt, &plain, ws), COSE_OK, "open v5 mode %d", mode);
      CHECK(plain.n == 4 && memcmp(plain.p, "21.5", 4) == 0, "plaintext mode %d", mode);
      cose_err again = cose_profile_open(&tk, "sensors/t1", NULL, &rw, vf, buf, ml, pt, sizeof pt, &plain, ws);
      CHECK_ERR(again, COSE_ERR_REPLAY, "replay mode %d", mode);
      CHECK_ERR(cose_profile_open(&tk, "sensors/t2", NULL, &rw, vf, buf, ml, pt, sizeof pt, &plain, ws), mode ? COSE_ERR_AUTH : COSE_ERR_AUTH, "wrong topic mode %d", mode);
      CHECK_ERR(cose_profile_open(&tk, "sensors/t1", "AAAAAAAAAAA", &rw, vf, buf, ml, pt, sizeof pt, &plain, ws), COSE_ERR_KID_MISMATCH, "hint mode %d", mode);
      CHECK_ERR(cose_profile_open(&other, "sensors/t1", NULL, &rw, vf, buf, ml, pt, sizeof pt, &plain, ws), COSE_ERR_UNKNOWN_KID, "other epoch mode %d", mode);
      CHECK_ERR(cose_profile_open(&tk, "sensors/t1", NULL, &rw, vf, buf + 1, ml - 1, pt, sizeof pt, &plain, ws), COSE_ERR_NOT_SEALED, "untagged mode %d", mode);
      CHECK_ERR(cose_profile_open(&tk, "sensors/t1", hint, &rw, vf, buf + 1, ml - 1, pt, sizeof pt, &plain, ws), COSE_ERR_NOT_SEALED, "v5 untagged mode %d", mode);
      /* The same seal into a buffer one byte short fails cleanly. */
      size_t ml2;
      cose_sender s2 = s;
      e = cose_profile_seal(&tk, "sensors/t1", mode ? &s2 : NULL, sg, (const uint8_t *)"21.5", 4, buf, ml - 1, &ml2, ws);
      CHECK_ERR(e, COSE_ERR_BUFFER_TOO_SMALL, "short out mode %d", mode);
      CHECK(!mode || s2.next_seq == s.next_seq, "%s", "no sequence number spent on failure");
    }
  }
}
