/* cose_seq_nvs.h: sequence-number records in ESP-IDF's NVS. */
#include "cose_seq_nvs.h"

static cose_kv_status nvs_get(void *ctx, const char *key, uint64_t *value) {
  esp_err_t e = nvs_get_u64(*(nvs_handle_t *)ctx, key, value);
  if (e == ESP_ERR_NVS_NOT_FOUND) return COSE_KV_NOT_FOUND;
  return e == ESP_OK ? COSE_KV_OK : COSE_KV_FAIL;
}

static cose_kv_status nvs_set(void *ctx, const char *key, uint64_t value) {
  nvs_handle_t h = *(nvs_handle_t *)ctx;
  return nvs_set_u64(h, key, value) == ESP_OK && nvs_commit(h) == ESP_OK ? COSE_KV_OK
                                                                          : COSE_KV_FAIL;
}

cose_kv cose_seq_nvs_kv(nvs_handle_t *handle) {
  cose_kv kv = {nvs_get, nvs_set, handle};
  return kv;
}
