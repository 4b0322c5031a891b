/* The file store on a real file system, with real process deaths: a child process seals and
 * reports each sent Partial IV through a pipe, and dies (_exit) right after a chosen step of
 * a chosen record write; the next boot is a new process reading what is on disk. For every
 * step of the first three writes, no Partial IV is sent twice across the boots. The device is
 * not provisioned (no record until its first write), so a crash before the first rename
 * leaves nothing and the next boot rightly starts at 0: nothing was sent yet. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cose_seq_file.h"
#include "seq_util.h"
#include "tests.h"

typedef struct {
  int write, step, seen;
} crash_plan;

static void maybe_die(void *ctx, int step) {
  crash_plan *p = ctx;
  if (step == 1) p->seen++;
  if (p->seen == p->write && step == p->step) _exit(0); /* the power goes off here */
}

/* One boot in a child process; returns how many numbers it sent, adding them to log. */
static int boot(const char *dir, const cose_topic_key *tk, crash_plan plan, bool expect, seq_log *log,
                int *open_err) {
  int fds[2];
  if (pipe(fds) != 0) return -1;
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    cose_seq_file f = {.dir = dir, .after_step = maybe_die, .step_ctx = &plan};
    cose_seq_store st;
    cose_err e = cose_seq_open(&st, cose_seq_file_kv(&f), "seq-01", 4, expect);
    if (e != COSE_OK) _exit(10 + (int)e);
    cose_sender s = {.sid = {0x01}, .sid_len = 1, .store = &st};
    for (int i = 0; i < 10; i++) {
      uint64_t seq;
      bool kid_ok;
      if (seq_seal(tk, &s, &seq, &kid_ok) != COSE_OK || !kid_ok) _exit(2);
      if (write(fds[1], &seq, sizeof seq) != (ssize_t)sizeof seq) _exit(3); /* "sent" */
    }
    _exit(0);
  }
  close(fds[1]);
  int n = 0;
  uint64_t seq;
  while (read(fds[0], &seq, sizeof seq) == (ssize_t)sizeof seq) {
    seq_log_add(log, seq);
    n++;
  }
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  *open_err = WIFEXITED(status) && WEXITSTATUS(status) >= 10 ? WEXITSTATUS(status) - 10 : 0;
  return WIFEXITED(status) && WEXITSTATUS(status) < 10 && WEXITSTATUS(status) != 0 ? -1 : n;
}

static void write_raw(const char *dir, const char *name, const void *p, size_t n) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd >= 0) {
    if (write(fd, p, n) != (ssize_t)n) t_fail++;
    close(fd);
  }
}

static void clear(const char *dir) {
  char path[512];
  snprintf(path, sizeof path, "%s/seq-01.seq", dir);
  unlink(path);
  snprintf(path, sizeof path, "%s/seq-01.tmp", dir);
  unlink(path);
}

void test_seq_file(void) {
  char dir[] = "/tmp/cose-seq-XXXXXX";
  if (!mkdtemp(dir)) {
    CHECK(0, "%s", "mkdtemp");
    return;
  }
  cose_topic_key tk;
  seq_topic_key(&tk);
  for (int write = 1; write <= 3; write++)
    for (int step = 1; step <= 6; step++) {
      clear(dir);
      seq_log log = {0};
      int err = 0, first = boot(dir, &tk, (crash_plan){write, step, 0}, false, &log, &err);
      /* Numbers 4(w-1).. need write w: the child must have died there, not run to the end. */
      CHECK(first == 4 * (write - 1) && err == 0, "write %d step %d: the crashed boot sent %d (%d)", write, step, first, err);
      int later = 0;
      for (int b = 0; b < 2; b++) later += boot(dir, &tk, (crash_plan){0, 0, 0}, false, &log, &err);
      CHECK(err == 0, "write %d step %d: reboot: %s", write, step, cose_strerror((cose_err)err));
      CHECK(later == 20, "write %d step %d: %d sent after the crash, want 20", write, step, later);
      CHECK(log.reused == 0, "write %d step %d: %d Partial IVs sent twice", write, step, log.reused);
    }

  /* The record format: what is read back, and damage refused as such. */
  clear(dir);
  cose_seq_file f = {.dir = dir};
  cose_kv kv = cose_seq_file_kv(&f);
  uint64_t v = 0;
  CHECK(kv.get_u64(kv.ctx, "seq-01", &v) == COSE_KV_NOT_FOUND, "%s", "no record");
  CHECK(kv.set_u64(kv.ctx, "seq-01", 0x123456789aULL) == COSE_KV_OK, "%s", "set");
  CHECK(kv.get_u64(kv.ctx, "seq-01", &v) == COSE_KV_OK && v == 0x123456789aULL, "%s", "get");
  write_raw(dir, "seq-01.tmp", "junk", 4); /* a temp file left by a crash is never read */
  CHECK(kv.get_u64(kv.ctx, "seq-01", &v) == COSE_KV_OK && v == 0x123456789aULL, "%s", "stray temp ignored");
  CHECK(kv.set_u64(kv.ctx, "seq-01", 77) == COSE_KV_OK && kv.get_u64(kv.ctx, "seq-01", &v) == COSE_KV_OK && v == 77, "%s", "overwrite a stray temp");
  char path[512];
  snprintf(path, sizeof path, "%s/seq-01.seq", dir);
  uint8_t rec[17];
  int fd = open(path, O_RDONLY);
  ssize_t got = fd >= 0 ? read(fd, rec, sizeof rec) : -1;
  if (fd >= 0) close(fd);
  CHECK(got == 16, "record is %zd bytes", got);
  write_raw(dir, "seq-01.seq", rec, 10);
  CHECK(kv.get_u64(kv.ctx, "seq-01", &v) == COSE_KV_FAIL, "%s", "truncated record");
  rec[16] = 0;
  write_raw(dir, "seq-01.seq", rec, 17);
  CHECK(kv.get_u64(kv.ctx, "seq-01", &v) == COSE_KV_FAIL, "%s", "record with a byte more");
  rec[11] ^= 1;
  write_raw(dir, "seq-01.seq", rec, 16);
  CHECK(kv.get_u64(kv.ctx, "seq-01", &v) == COSE_KV_FAIL, "%s", "record with a flipped bit");
  cose_seq_store st;
  CHECK_ERR(cose_seq_open(&st, kv, "seq-01", 4, false), COSE_ERR_SEQ_STORE, "%s", "damaged file stops the sender");
  clear(dir);
  CHECK_ERR(cose_seq_open(&st, kv, "seq-01", 4, true), COSE_ERR_SEQ_STORE, "%s", "file expected but missing");
  /* A store that cannot write stops sealing with a typed error and sends nothing. */
  cose_seq_file bad = {.dir = "/nonexistent/cose-seq"};
  CHECK_ERR(cose_seq_open(&st, cose_seq_file_kv(&bad), "seq-01", 4, false), COSE_OK, "%s", "open on an unwritable dir");
  cose_sender s = {.sid = {0x01}, .sid_len = 1, .store = &st};
  uint64_t seq;
  bool kid_ok;
  CHECK_ERR(seq_seal(&tk, &s, &seq, &kid_ok), COSE_ERR_SEQ_STORE, "%s", "write failure stops sealing");
  rmdir(dir);
}
