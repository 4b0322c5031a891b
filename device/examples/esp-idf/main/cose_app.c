#include "cose_app.h"

#include <stdio.h>
#include <string.h>

#include "cose_seq_nvs.h"

#define NVS_MASTER "master"
#define NVS_SEQ "seq"         /* the sequence-number reservation (cose_seq_store) */
#define NVS_CMD_HIGH "cmd_hi" /* highest accepted command sequence number, plus one */

esp_err_t cose_app_init(cose_app *a, const cose_app_config *c, esp_mqtt_client_handle_t mqtt,
                        nvs_handle_t nvs) {
  memset(a, 0, sizeof *a);
  a->mqtt = mqtt;
  a->nvs = nvs;
  int t = snprintf(a->telemetry_topic, sizeof a->telemetry_topic, "devices/%s/telemetry",
                   c->device_id);
  int m = snprintf(a->command_topic, sizeof a->command_topic, "devices/%s/commands",
                   c->device_id);
  if (t < 0 || m < 0 || (size_t)t >= sizeof a->telemetry_topic ||
      (size_t)m >= sizeof a->command_topic)
    return ESP_ERR_INVALID_ARG;

  uint8_t master[32];
  size_t len = sizeof master;
  esp_err_t e = nvs_get_blob(nvs, NVS_MASTER, master, &len);
  if (e != ESP_OK) return e;
  if (len != sizeof master) return ESP_ERR_INVALID_SIZE;
  cose_err ce = cose_topic_key_derive(master, sizeof master, NULL, 0, COSE_APP_TELEMETRY_FILTER,
                                      COSE_ALG_CCM_16_64_128, c->epoch, &a->telemetry_key);
  if (ce == COSE_OK)
    ce = cose_topic_key_derive(master, sizeof master, NULL, 0, COSE_APP_COMMAND_FILTER,
                               COSE_ALG_CCM_16_64_128, c->epoch, &a->command_key);
  memset(master, 0, sizeof master);
  if (ce != COSE_OK) return ESP_FAIL;

  /* Provisioning writes the first record, so a missing one means NVS was erased. */
  if (cose_seq_open(&a->seq, cose_seq_nvs_kv(&a->nvs), NVS_SEQ, c->seq_reserve, true) != COSE_OK)
    return ESP_ERR_INVALID_STATE;
  a->me.sid[0] = c->sid;
  a->me.sid_len = 1;
  a->me.store = &a->seq;

  /* Commands at or below the stored mark were accepted before the reboot: refuse them all. */
  uint64_t high = 0;
  e = nvs_get_u64(nvs, NVS_CMD_HIGH, &high);
  if (e == ESP_OK && high > 0) {
    a->command_replay.window.highest = high - 1;
    a->command_replay.window.seen = ~UINT64_C(0);
    a->command_replay.window.any = true;
  } else if (e != ESP_ERR_NVS_NOT_FOUND && e != ESP_OK) {
    return ESP_ERR_INVALID_STATE;
  }
  return ESP_OK;
}

int cose_app_publish(cose_app *a, const uint8_t *payload, size_t n) {
  size_t len = 0;
  cose_ws ws = {a->pub_ws, sizeof a->pub_ws};
  if (cose_profile_seal(&a->telemetry_key, a->telemetry_topic, &a->me, NULL, payload, n,
                        a->pub_out, sizeof a->pub_out, &len, ws) != COSE_OK)
    return -1;
  return esp_mqtt_client_publish(a->mqtt, a->telemetry_topic, (const char *)a->pub_out,
                                 (int)len, 1, 0);
}

esp_err_t cose_app_open_command(cose_app *a, const char *topic, int topic_len, const char *data,
                                int data_len, cose_bytes *command) {
  if (topic_len < 0 || data_len < 0 || (size_t)topic_len != strlen(a->command_topic) ||
      memcmp(topic, a->command_topic, (size_t)topic_len) != 0)
    return ESP_ERR_INVALID_ARG;
  /* Open against a copy of the replay state: it advances only once the new mark is in NVS. */
  a->command_next = a->command_replay;
  const cose_replay_window *w = &a->command_next.window, *was = &a->command_replay.window;
  cose_ws ws = {a->cmd_ws, sizeof a->cmd_ws};
  if (cose_profile_open(&a->command_key, a->command_topic, NULL, &a->command_next, NULL,
                        (const uint8_t *)data, (size_t)data_len, a->cmd_pt, sizeof a->cmd_pt,
                        command, ws) != COSE_OK)
    return ESP_FAIL;
  if (w->highest != was->highest || !was->any) {
    if (nvs_set_u64(a->nvs, NVS_CMD_HIGH, w->highest + 1) != ESP_OK || nvs_commit(a->nvs) != ESP_OK)
      return ESP_ERR_INVALID_STATE;
  }
  a->command_replay = a->command_next;
  return ESP_OK;
}
