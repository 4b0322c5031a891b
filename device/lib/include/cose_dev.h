/*
 * cose_dev: the "device" subset of COSE (RFC 9052/9053) for the cose-iot MQTT profile,
 * written the way firmware is: no heap on the message path, every buffer is the caller's
 * and comes with its capacity, every failure is a cose_err with a cose_strerror text.
 *
 * Byte pointers returned through cose_bytes/cose_hdr_info point INTO the caller's input
 * buffers (zero copy); they stay valid as long as those buffers do.
 */
#ifndef COSE_DEV_H
#define COSE_DEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* esp-mqtt's default buffer size; the peer and the MQTT drive use it unless told otherwise. */
#ifndef COSE_DEFAULT_BUFFER
#define COSE_DEFAULT_BUFFER 1024
#endif

/* Deepest nesting of arrays, maps and tags inside a skipped (unknown) header value or key
 * parameter; deeper input is COSE_ERR_CBOR_DEPTH. It bounds the CBOR library's recursion. */
#ifndef COSE_CBOR_MAX_DEPTH
#define COSE_CBOR_MAX_DEPTH 8
#endif

/* Build configuration (ESP-IDF: menuconfig, see Kconfig). The full library by default; the
 * device-profile build (device/cross's sized image) sets both to 0 and keeps exactly what the
 * profile's device side uses: AES-CCM-16-64-128 and A128GCM, HMAC 256/64 and 256/256, ES256
 * (and ESP256) verification. */
#ifndef COSE_CFG_SIGN
#define COSE_CFG_SIGN 1 /* 0: no Sign1 signing (cose_sign1_sign, signed profile seals) */
#endif
#ifndef COSE_CFG_ALL_ALGS
#define COSE_CFG_ALL_ALGS 1 /* 0: only the AEADs above (no A192/A256GCM, no other AES-CCM) */
#endif

typedef enum {
  COSE_OK = 0,
  COSE_ERR_ARG,               /* a NULL pointer or contradictory arguments from the caller */
  COSE_ERR_BUFFER_TOO_SMALL,  /* the caller's output/work buffer cannot hold the result */
  COSE_ERR_TOO_LARGE,         /* the input exceeds the configured message limit */
  COSE_ERR_CBOR_TRUNCATED,    /* the CBOR ends inside an item */
  COSE_ERR_CBOR_MALFORMED,    /* reserved/invalid CBOR encoding */
  COSE_ERR_CBOR_INDEFINITE,   /* indefinite lengths are not accepted */
  COSE_ERR_TRAILING_BYTES,    /* bytes after the (single) top-level item */
  COSE_ERR_STRUCTURE,         /* wrong arity or item type for the COSE structure */
  COSE_ERR_WRONG_TAG,         /* a CBOR tag other than the message type's */
  COSE_ERR_UNTAGGED,          /* untagged message where the caller requires the tag */
  COSE_ERR_HEADER,            /* a header parameter with a wrong type or value */
  COSE_ERR_DUPLICATE_LABEL,   /* a label twice in a map, or in both header buckets */
  COSE_ERR_CRIT,              /* a critical header parameter this code does not understand */
  COSE_ERR_UNSUPPORTED_ALG,   /* an algorithm outside the device profile */
  COSE_ERR_ALG_MISMATCH,      /* header alg, key alg and requested alg disagree */
  COSE_ERR_KEY,               /* malformed COSE_Key, or a key that does not fit the alg */
  COSE_ERR_NONCE,             /* missing, ambiguous or wrong-size IV / Partial IV */
  COSE_ERR_DETACHED,          /* detached (nil) payloads are outside the device profile */
  COSE_ERR_AUTH,              /* tag, MAC or signature does not verify */
  COSE_ERR_CRYPTO,            /* the crypto library failed for another reason */
  COSE_ERR_KID_MISMATCH,      /* the kid hint disagrees with the COSE kid */
  COSE_ERR_UNKNOWN_KID,       /* no key with this kid */
  COSE_ERR_REPLAY,            /* sequence number already seen or below the window */
  COSE_ERR_COUNTER_EXHAUSTED, /* the sender's sequence number space is used up */
  COSE_ERR_CBOR_DEPTH,        /* CBOR nested deeper than COSE_CBOR_MAX_DEPTH */
  COSE_ERR_SEQ_STORE,         /* the sequence-number store failed or holds a bad record */
  COSE_ERR_NOT_SEALED,        /* profile: empty, not a CBOR tag, or a non-COSE content type */
  COSE_ERR_COUNT_
} cose_err;

const char *cose_strerror(cose_err e);

typedef struct {
  const uint8_t *p;
  size_t n;
} cose_bytes;

/* IANA COSE algorithm ids of the device profile. */
enum {
  COSE_ALG_ES256 = -7,
  COSE_ALG_ESP256 = -9, /* RFC 9864: ES256 with its curve fixed to P-256 (keys are P-256 only) */
  COSE_ALG_A128GCM = 1,
  COSE_ALG_A192GCM = 2,
  COSE_ALG_A256GCM = 3,
  COSE_ALG_HMAC256_64 = 4,
  COSE_ALG_HMAC256 = 5,
  COSE_ALG_CCM_16_64_128 = 10,
  COSE_ALG_CCM_16_64_256 = 11,
  COSE_ALG_CCM_64_64_128 = 12,
  COSE_ALG_CCM_64_64_256 = 13,
  COSE_ALG_CCM_16_128_128 = 30,
  COSE_ALG_CCM_16_128_256 = 31,
  COSE_ALG_CCM_64_128_128 = 32,
  COSE_ALG_CCM_64_128_256 = 33,
};

/* COSE message tags (RFC 9052 section 2). */
enum { COSE_TAG_ENCRYPT0 = 16, COSE_TAG_MAC0 = 17, COSE_TAG_SIGN1 = 18 };

/* A decoded COSE_Key; all byte fields point into the encoded key. */
/* Integers are int32_t: every IANA COSE algorithm, key type and curve fits, and a 32-bit core
 * compares them in one instruction; the decoder reads values outside int32 as unsupported. */
typedef struct {
  int32_t kty; /* 2 = EC2, 4 = Symmetric */
  int32_t alg;
  bool has_alg;
  int32_t crv; /* 1 = P-256 */
  cose_bytes kid, k, x, y, d;
  cose_bytes base_iv; /* label 5: the Base IV for Partial IV (counter) mode */
  bool has_base_iv;
} cose_key;

cose_err cose_key_decode(const uint8_t *cbor, size_t len, cose_key *out);

/* Serialized headers as they go on the wire: the protected map (possibly empty: h'') and the
 * unprotected map (at least a0). Both are validated before use. */
typedef struct {
  const uint8_t *prot;
  size_t prot_len;
  const uint8_t *unprot;
  size_t unprot_len;
} cose_headers;

/* What the header buckets said (pointers into the message or the cose_headers). */
typedef struct {
  int32_t alg; /* a text alg or one outside int32: INT32_MIN, which no build supports */
  bool has_alg;
  bool has_kid, has_iv, has_piv;
  cose_bytes kid, iv, piv;
  cose_bytes sid; /* profile counter mode: unprotected label "sid" (text), the sender id */
  bool has_sid;
  bool alg_protected;   /* alg came from the protected bucket (the profile requires it) */
  bool nonce_protected; /* IV or Partial IV in the protected bucket (the profile forbids it) */
} cose_hdr_info;

cose_err cose_headers_parse(const cose_headers *h, cose_hdr_info *out);

/* Builds minimal headers: {1: alg} protected; {4: kid, 5: iv | 6: piv} unprotected (each part
 * only if given, n > 0 or p != NULL). prot_buf needs 16 bytes; unprot_buf 8 + kid + iv/piv. */
cose_err cose_headers_build(int32_t alg, cose_bytes kid, cose_bytes iv, cose_bytes piv,
                            uint8_t *prot_buf, size_t prot_cap, uint8_t *unprot_buf,
                            size_t unprot_cap, cose_headers *out);

/* Caller-provided scratch space (e.g. a static array) for structures that must be contiguous. */
typedef struct {
  uint8_t *p;
  size_t cap;
} cose_ws;

/* Flags. */
#define COSE_F_TAGGED 0x1u      /* seal: emit the CBOR tag of the message type */
#define COSE_F_REQUIRE_TAG 0x2u /* open: refuse untagged messages */
/* Encrypt0: with a Partial IV and a "sid" header, build the MQTT profile's counter-mode nonce
 * (the key's Base IV is then the profile's common IV). Without it, RFC 9052 section 3.1 applies
 * and "sid" is just an unknown header, as any plain COSE implementation treats it. */
#define COSE_F_PROFILE_NONCE 0x4u

/* Enc_structure/Sig_structure inputs. aad may be NULL when aad_len is 0. */
cose_err cose_encrypt0_seal(const cose_key *key, int32_t alg, const cose_headers *h,
                            const uint8_t *pt, size_t pt_len, const uint8_t *aad,
                            size_t aad_len, unsigned flags, uint8_t *out, size_t cap,
                            size_t *out_len, cose_ws ws);
cose_err cose_encrypt0_open(const cose_key *key, const uint8_t *msg, size_t msg_len,
                            const uint8_t *aad, size_t aad_len, unsigned flags, uint8_t *pt,
                            size_t pt_cap, size_t *pt_len, cose_ws ws, cose_hdr_info *info);

#if COSE_CFG_SIGN
cose_err cose_sign1_sign(const cose_key *key, int32_t alg, const cose_headers *h,
                         const uint8_t *payload, size_t payload_len, const uint8_t *aad,
                         size_t aad_len, unsigned flags, uint8_t *out, size_t cap,
                         size_t *out_len);
#endif
cose_err cose_sign1_verify(const cose_key *key, const uint8_t *msg, size_t msg_len,
                           const uint8_t *aad, size_t aad_len, unsigned flags,
                           cose_bytes *payload, cose_hdr_info *info);

cose_err cose_mac0_create(const cose_key *key, int32_t alg, const cose_headers *h,
                          const uint8_t *payload, size_t payload_len, const uint8_t *aad,
                          size_t aad_len, unsigned flags, uint8_t *out, size_t cap,
                          size_t *out_len);
cose_err cose_mac0_verify(const cose_key *key, const uint8_t *msg, size_t msg_len,
                          const uint8_t *aad, size_t aad_len, unsigned flags,
                          cose_bytes *payload, cose_hdr_info *info);

/* Peeks at a message's kid (either bucket) without any crypto, to pick the key. */
cose_err cose_peek_kid(const uint8_t *msg, size_t msg_len, uint64_t expected_tag,
                       cose_bytes *kid);

/* Tag length in bytes of an AEAD/MAC alg, 0 if not one of ours. */
size_t cose_alg_tag_len(int32_t alg);
/* Nonce length in bytes of an AEAD alg, 0 if not one of ours. */
size_t cose_alg_nonce_len(int32_t alg);


/* ---- cose-iot MQTT profile 1.2 (docs/mqtt-cose-profile.md) ---- */

#define COSE_PROFILE_ID "cose-iot-mqtt/1"
#define COSE_PROFILE_KID_PROPERTY "cose-kid" /* MQTT v5 user property: base64url(kid) */
#define COSE_PROFILE_CT_ENCRYPT0 "application/cose; cose-type=\"cose-encrypt0\""
#define COSE_PROFILE_CT_SIGN1 "application/cose; cose-type=\"cose-sign1\""
#define COSE_PROFILE_MAX_SEQ ((UINT64_C(1) << 40) - 1)
#define COSE_PROFILE_KID_LEN 8

/* external_aad = ["cose-iot-mqtt/1", topic, epoch] */
cose_err cose_profile_aad(const char *topic, uint64_t epoch, uint8_t *out, size_t cap,
                          size_t *out_len);
/* HKDF-SHA-256(salt, master, info = [profile, filter, alg, epoch, type, L]). */
cose_err cose_profile_derive(const uint8_t *master, size_t master_len, const uint8_t *salt,
                             size_t salt_len, const char *filter, int32_t alg, uint64_t epoch,
                             const char *type, uint8_t *out, size_t len);
/* Counter mode nonce (after OSCORE): common_iv XOR (len(sid) | sid padded to n-6 | piv padded
 * to 5); n = nonce length, sid at most n - 6 bytes, piv 1..5 bytes. */
cose_err cose_profile_nonce(const uint8_t *common_iv, size_t n, cose_bytes sid, cose_bytes piv,
                            uint8_t *nonce);
/* Minimal big-endian Partial IV of a sequence number (1..5 bytes); 0 if out of range. */
size_t cose_profile_piv(uint64_t seq, uint8_t out[5]);
/* The sequence number of a Partial IV; rejects non-minimal or over-long encodings. */
cose_err cose_profile_seq(cose_bytes piv, uint64_t *seq);

/* A 64-number sliding replay window per sender (RFC 8613 section 7.4): with highest H seen,
 * H - 63 .. H are inside, H - 64 and below are refused (profile R7.6). */
typedef struct {
  uint64_t highest;
  uint64_t seen; /* bit i: highest - i was seen */
  bool any;
} cose_replay_window;
/* Checks and, if fresh, records seq. Call only after the message authenticated. */
cose_err cose_replay_accept(cose_replay_window *w, uint64_t seq);

/* How many (kid, IV) pairs of random-IV messages a receiver remembers (profile R7.7). No heap:
 * the memory is an array inside cose_replay_state; set it with -DCOSE_PROFILE_IV_MEMORY=N. */
#ifndef COSE_PROFILE_IV_MEMORY
#define COSE_PROFILE_IV_MEMORY 64
#endif
#define COSE_PROFILE_MAX_NONCE 13
/* One remembered pair; the IV is zero-padded, so a pair compares as one block of bytes. */
typedef struct {
  uint8_t kid[COSE_PROFILE_KID_LEN];
  uint8_t iv[COSE_PROFILE_MAX_NONCE];
  uint8_t iv_len;
} cose_iv_pair;
/* The most recent (kid, IV) pairs, a ring: when full, the pair accepted first is forgotten
 * first; a refused repeat does not refresh its pair. */
typedef struct {
  cose_iv_pair pair[COSE_PROFILE_IV_MEMORY];
  size_t next, count;
} cose_iv_memory;
/* Records (kid, iv) unless remembered: COSE_OK if new, COSE_ERR_REPLAY if remembered. */
cose_err cose_iv_memory_accept(cose_iv_memory *m, cose_bytes kid, cose_bytes iv);

/* A receiver's replay state for one key: the counter-mode window (one sender: a device hears
 * one command sender; a second sid would share it, which refuses, never wrongly accepts) and
 * the (kid, IV) memory of random-IV messages. Zero-initialise it. */
typedef struct {
  cose_replay_window window;
  cose_iv_memory ivs;
} cose_replay_state;

/* A topic key of a keyring, derived from the master secret. */
typedef struct {
  int32_t alg;
  uint64_t epoch;
  uint8_t key[32];
  size_t key_len;
  uint8_t kid[COSE_PROFILE_KID_LEN];
  uint8_t common_iv[16];
  size_t iv_len;
} cose_topic_key;
cose_err cose_topic_key_derive(const uint8_t *master, size_t master_len, const uint8_t *salt,
                               size_t salt_len, const char *filter, int32_t alg, uint64_t epoch,
                               cose_topic_key *out);

/* ---- Sequence numbers across reboots (RFC 8613 Appendix B.1.1) ---- */

/* A store of u64 records shaped like ESP-IDF's NVS: get_u64 is nvs_get_u64 (NOT_FOUND for
 * ESP_ERR_NVS_NOT_FOUND), set_u64 is nvs_set_u64 then nvs_commit and returns OK only once the
 * value survives a power cut. Any other outcome (I/O error, a corrupt or truncated record) is
 * FAIL. cose_seq_file.h has one on files for hosts. */
typedef enum { COSE_KV_OK, COSE_KV_NOT_FOUND, COSE_KV_FAIL } cose_kv_status;
typedef struct {
  cose_kv_status (*get_u64)(void *ctx, const char *key, uint64_t *value);
  cose_kv_status (*set_u64)(void *ctx, const char *key, uint64_t value);
  void *ctx;
} cose_kv;

#define COSE_SEQ_KEY_MAX 15 /* NVS keys are at most 15 characters */

/* A sender's sequence numbers with OSCORE's reservation: the persisted record R says every
 * number below R may already have been used. Before issuing a number >= R it persists
 * next + K, so only one write per K messages; after a reset it resumes at R (at most K - 1
 * numbers are skipped, none reused). A failed write issues nothing: sealing stops with
 * COSE_ERR_SEQ_STORE and is retried on the next seal. */
typedef struct {
  cose_kv kv;
  char key[COSE_SEQ_KEY_MAX + 1];
  uint64_t next;     /* the next number to issue */
  uint64_t reserved; /* the persisted bound R */
  uint32_t k;
  bool ready;
} cose_seq_store;

/* Reads the record under key (resume at it). A missing record is a fresh sender starting at
 * 0 unless expect_record says the device was provisioned: then it is COSE_ERR_SEQ_STORE, as is
 * a record the store cannot read or one above COSE_PROFILE_MAX_SEQ + 1 (never written so). */
cose_err cose_seq_open(cose_seq_store *s, cose_kv kv, const char *key, uint32_t k,
                       bool expect_record);
/* The number to use now (not spent yet); persists a new reservation first when needed. */
cose_err cose_seq_peek(cose_seq_store *s, uint64_t *seq);
/* Spends the number the last peek returned (once its message is sealed). */
void cose_seq_spend(cose_seq_store *s);

/* A sender in counter mode: its id and next sequence number. With a store, the store owns the
 * number (next_seq mirrors it) and cose_profile_seal reserves through it; without one, the
 * caller must persist next_seq before each use. */
typedef struct {
  uint8_t sid[8];
  size_t sid_len;
  uint64_t next_seq;
  cose_seq_store *store;
} cose_sender;

/* Seals one payload for a topic as a tagged COSE_Encrypt0: counter mode if sender is given,
 * else a random IV. If signer is given (EC2 P-256 private COSE_Key with its kid), the payload
 * is first signed into a tagged COSE_Sign1 (in ws) and that is encrypted; without
 * COSE_CFG_SIGN a signer is COSE_ERR_UNSUPPORTED_ALG. */
cose_err cose_profile_seal(const cose_topic_key *k, const char *topic, cose_sender *sender,
                           const cose_key *signer, const uint8_t *pt, size_t pt_len,
                           uint8_t *out, size_t cap, size_t *out_len, cose_ws ws);
/* MQTT v5 Content Type on receipt (profile R4.4): NULL (absent) or exactly expected is
 * COSE_OK; any other text starting with "application/cose" (ASCII case-insensitive) is
 * COSE_ERR_HEADER (MALFORMED), anything else COSE_ERR_NOT_SEALED. */
cose_err cose_profile_content_type(const char *content_type, const char *expected);

/* Opens one received payload (always tagged, protected exactly {1: alg}, profile section 9):
 * topic is the topic name as received (a topic alias resolved); kid_hint is the v5 "cose-kid"
 * property, or NULL when absent or in MQTT 3.1.1; verifier (public COSE_Key) required iff the
 * content is a signed Sign1; replay (required) is updated only by a message that opens.
 * An empty payload or one not starting with a CBOR tag is COSE_ERR_NOT_SEALED.
 * *plain points into pt (or into the inner Sign1 in pt). */
cose_err cose_profile_open(const cose_topic_key *k, const char *topic, const char *kid_hint,
                           cose_replay_state *replay, const cose_key *verifier,
                           const uint8_t *msg, size_t msg_len, uint8_t *pt, size_t pt_cap,
                           cose_bytes *plain, cose_ws ws);

/* base64url without padding, for the kid hint. Returns the length, 0 if cap is too small. */
size_t cose_b64url(const uint8_t *in, size_t n, char *out, size_t cap);

#endif
