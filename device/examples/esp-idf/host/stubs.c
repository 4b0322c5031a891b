#include "stubs.h"

#include <string.h>

#include "mqtt_client.h"
#include "nvs.h"

enum { SLOTS = 8, BLOB = 64, QUEUE = 16 };
typedef struct {
  char key[16];
  bool used, is_blob;
  uint64_t u64;
  uint8_t blob[BLOB];
  size_t blob_len;
} slot;
static slot pending[SLOTS], committed[SLOTS];
static bool fail_writes;

static slot *find(slot *t, const char *key, bool create) {
  for (int i = 0; i < SLOTS; i++)
    if (t[i].used && strcmp(t[i].key, key) == 0) return &t[i];
  if (!create || strlen(key) > 15) return NULL;
  for (int i = 0; i < SLOTS; i++)
    if (!t[i].used) {
      memset(&t[i], 0, sizeof t[i]);
      t[i].used = true;
      strcpy(t[i].key, key);
      return &t[i];
    }
  return NULL;
}

esp_err_t nvs_get_u64(nvs_handle_t h, const char *key, uint64_t *out) {
  (void)h;
  slot *s = find(pending, key, false);
  if (!s) return ESP_ERR_NVS_NOT_FOUND;
  if (s->is_blob) return ESP_FAIL;
  *out = s->u64;
  return ESP_OK;
}
esp_err_t nvs_set_u64(nvs_handle_t h, const char *key, uint64_t value) {
  (void)h;
  if (fail_writes) return ESP_FAIL;
  slot *s = find(pending, key, true);
  if (!s) return ESP_FAIL;
  s->is_blob = false;
  s->u64 = value;
  return ESP_OK;
}
esp_err_t nvs_get_blob(nvs_handle_t h, const char *key, void *out, size_t *len) {
  (void)h;
  slot *s = find(pending, key, false);
  if (!s) return ESP_ERR_NVS_NOT_FOUND;
  if (!s->is_blob || *len < s->blob_len) return ESP_FAIL;
  memcpy(out, s->blob, s->blob_len);
  *len = s->blob_len;
  return ESP_OK;
}
esp_err_t nvs_commit(nvs_handle_t h) {
  (void)h;
  if (fail_writes) return ESP_FAIL;
  memcpy(committed, pending, sizeof committed);
  return ESP_OK;
}

void stub_nvs_put_blob(const char *key, const uint8_t *p, size_t n) {
  slot *s = find(pending, key, true);
  if (!s || n > BLOB) return;
  s->is_blob = true;
  memcpy(s->blob, p, n);
  s->blob_len = n;
  memcpy(committed, pending, sizeof committed);
}
void stub_nvs_reboot(void) { memcpy(pending, committed, sizeof pending); }
void stub_nvs_fail_writes(bool fail) { fail_writes = fail; }
bool stub_nvs_committed_u64(const char *key, uint64_t *v) {
  slot *s = find(committed, key, false);
  if (!s || s->is_blob) return false;
  *v = s->u64;
  return true;
}

static stub_publish queue[QUEUE];
static size_t queued;
static int next_id = 1;
int esp_mqtt_client_publish(esp_mqtt_client_handle_t client, const char *topic, const char *data,
                            int len, int qos, int retain) {
  (void)client, (void)retain;
  if (queued == QUEUE || len < 0 || (size_t)len > sizeof queue[0].data ||
      strlen(topic) >= sizeof queue[0].topic)
    return -1;
  stub_publish *p = &queue[queued++];
  strcpy(p->topic, topic);
  memcpy(p->data, data, (size_t)len);
  p->len = (size_t)len;
  p->qos = qos;
  return next_id++;
}
size_t stub_mqtt_take(stub_publish *out, size_t cap) {
  size_t n = queued < cap ? queued : cap;
  memcpy(out, queue, n * sizeof *out);
  memmove(queue, queue + n, (queued - n) * sizeof *queue);
  queued -= n;
  return n;
}
