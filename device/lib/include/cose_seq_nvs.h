/*
 * The sequence-number store's cose_kv on ESP-IDF's NVS (ESP-IDF builds only; the component
 * compiles port/seq_nvs.c there): get is nvs_get_u64, set is nvs_set_u64 then nvs_commit, OK
 * only once committed. The handle must stay open (and the pointer valid) while the store is.
 *
 *   nvs_handle_t h;  nvs_open("cose", NVS_READWRITE, &h);
 *   cose_seq_open(&store, cose_seq_nvs_kv(&h), "seq", 64, true);
 */
#ifndef COSE_SEQ_NVS_H
#define COSE_SEQ_NVS_H

#include "cose_dev.h"
#include "nvs.h"

cose_kv cose_seq_nvs_kv(nvs_handle_t *handle);

#endif
