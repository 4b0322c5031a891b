/*
 * The example's portable part: sealed telemetry out, sealed commands in, the sequence number
 * in NVS (the component's port/seq_nvs.c). It calls only esp-mqtt (esp_mqtt_client_publish)
 * and NVS (nvs_get_u64, nvs_get_blob, nvs_set_u64, nvs_commit), so CI builds and tests it on
 * the host against stubs of those calls (host/); app_main.c is the ESP-IDF glue (Wi-Fi, MQTT
 * events, the telemetry loop).
 */
#ifndef COSE_APP_H
#define COSE_APP_H

#include "cose_dev.h"
#include "esp_err.h"
#include "mqtt_client.h"
#include "nvs.h"

#define COSE_APP_TELEMETRY_FILTER "devices/+/telemetry"
#define COSE_APP_COMMAND_FILTER "devices/+/commands"

typedef struct {
  const char *device_id; /* topic level after devices/ */
  uint8_t sid;           /* this device's sender id in counter mode */
  uint32_t seq_reserve;  /* K: sequence numbers reserved per NVS write */
  uint64_t epoch;        /* key epoch both sides derive with */
} cose_app_config;

/* One device. Publishing (main task) and opening commands (MQTT task) use separate buffers,
 * so the two may run concurrently; each side alone is not reentrant. */
typedef struct {
  esp_mqtt_client_handle_t mqtt;
  nvs_handle_t nvs;
  char telemetry_topic[64], command_topic[64];
  cose_topic_key telemetry_key, command_key;
  cose_seq_store seq;
  cose_sender me;
  cose_replay_state command_replay; /* the window and (kid, IV) memory for commands */
  cose_replay_state command_next;   /* opened against, kept until its mark is in NVS */
  uint8_t pub_out[COSE_DEFAULT_BUFFER], pub_ws[2 * COSE_DEFAULT_BUFFER];
  uint8_t cmd_pt[COSE_DEFAULT_BUFFER], cmd_ws[2 * COSE_DEFAULT_BUFFER];
} cose_app;

/* Reads the provisioned master secret (NVS blob "master", 32 bytes) and the sequence record,
 * derives both topic keys. ESP_ERR_NVS_NOT_FOUND if the device was never provisioned;
 * ESP_ERR_INVALID_STATE if the sequence record is missing or damaged (the device then must not
 * seal: a lost record could mean reused nonces). */
esp_err_t cose_app_init(cose_app *a, const cose_app_config *c, esp_mqtt_client_handle_t mqtt,
                        nvs_handle_t nvs);

/* Seals payload for the telemetry topic and publishes it at QoS 1. Returns esp-mqtt's message
 * id, or -1 if sealing failed (then nothing was sent and no sequence number was spent). */
int cose_app_publish(cose_app *a, const uint8_t *payload, size_t n);

/* Opens one received message. On success *command points into the app's buffer (valid until
 * the next call). A replay, a forgery or a message for another topic is an error, never a
 * command; an accepted command's sequence number is stored first so it stays refused after a
 * reboot. */
esp_err_t cose_app_open_command(cose_app *a, const char *topic, int topic_len, const char *data,
                                int data_len, cose_bytes *command);

#endif
