/* Host stand-in for ESP-IDF's nvs.h: the calls cose_app.c makes, same signatures (host/stubs.c). */
#ifndef HOST_NVS_H
#define HOST_NVS_H
#include <stddef.h>
#include <stdint.h>

#include "esp_err.h"
typedef uint32_t nvs_handle_t;
esp_err_t nvs_get_u64(nvs_handle_t handle, const char *key, uint64_t *out_value);
esp_err_t nvs_set_u64(nvs_handle_t handle, const char *key, uint64_t value);
esp_err_t nvs_get_blob(nvs_handle_t handle, const char *key, void *out_value, size_t *length);
esp_err_t nvs_commit(nvs_handle_t handle);
#endif
