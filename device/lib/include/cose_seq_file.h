/*
 * A cose_kv on files for hosts (gateways, the TCK drives, tests): one record per key in dir,
 * 16 bytes ("CSQ1", the value big-endian, CRC-32 of both), written as a temp file, fsync'd,
 * renamed over the record and the directory fsync'd, so a power cut leaves the old record or
 * the new one. A missing record is NOT_FOUND; a short, long or CRC-failing one is FAIL.
 * POSIX only: firmware uses NVS (see README).
 */
#ifndef COSE_SEQ_FILE_H
#define COSE_SEQ_FILE_H

#include "cose_dev.h"

typedef struct {
  const char *dir;
  /* For power-cut tests: called after each step of a write (1 temp opened, 2 written,
   * 3 fsync'd, 4 closed, 5 renamed, 6 directory fsync'd). NULL otherwise. */
  void (*after_step)(void *ctx, int step);
  void *step_ctx;
} cose_seq_file;

cose_kv cose_seq_file_kv(cose_seq_file *f);

#endif
