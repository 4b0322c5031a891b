/*
 * Control of the host stubs: an in-memory NVS whose values live in RAM until nvs_commit and
 * survive a simulated reboot only once committed, with an injectable write failure; and an
 * esp-mqtt client that records what was published.
 */
#ifndef HOST_STUBS_H
#define HOST_STUBS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Provisioning: a committed blob, as a factory tool would write it. */
void stub_nvs_put_blob(const char *key, const uint8_t *p, size_t n);
/* Reboot: uncommitted writes are lost. */
void stub_nvs_reboot(void);
/* From now on nvs_set_u64 / nvs_commit fail (flash worn out, brown-out) or work again. */
void stub_nvs_fail_writes(bool fail);
/* Committed u64 under key; false if none. */
bool stub_nvs_committed_u64(const char *key, uint64_t *v);

typedef struct {
  char topic[64];
  uint8_t data[1024];
  size_t len;
  int qos;
} stub_publish;
/* Publications since the last call, oldest first; returns how many (at most cap). */
size_t stub_mqtt_take(stub_publish *out, size_t cap);
#endif
