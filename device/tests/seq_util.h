/* What the sequence-number tests share: sealing through the profile and reading back, from
 * the wire, which Partial IV a message carries. */
#ifndef SEQ_UTIL_H
#define SEQ_UTIL_H
#include "cose_dev.h"

#define SEQ_TOPIC "d/1/telemetry"
#define SEQ_MAX_TRACKED 4096

/* The topic key every sequence test seals with. */
void seq_topic_key(cose_topic_key *tk);
/* Seals one message with sender s; on success *seq is the Partial IV read from its bytes
 * and *kid_ok says its kid is the topic key's. */
cose_err seq_seal(const cose_topic_key *tk, cose_sender *s, uint64_t *seq, bool *kid_ok);

/* Numbers already sent under one kid: a second send of one is a reuse. */
typedef struct {
  uint8_t seen[SEQ_MAX_TRACKED / 8];
  int sent, reused;
} seq_log;
void seq_log_add(seq_log *l, uint64_t seq);
#endif
