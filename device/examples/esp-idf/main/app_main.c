/*
 * ESP-IDF glue of the example (built only with ESP-IDF): NVS, network, the esp-mqtt client
 * and its events, and the telemetry loop. The COSE part is cose_app.c.
 */
#include <stdio.h>

#include "cose_app.h"
#include "esp_event.h"
#include "esp_log.h"
#include "esp_netif.h"
#include "esp_timer.h"
#include "freertos/FreeRTOS.h"
#include "freertos/task.h"
#include "nvs_flash.h"
#include "protocol_examples_common.h"

static const char *TAG = "cose_telemetry";
static cose_app app; /* ~5 KiB of buffers: static, not on a task stack */

static void on_mqtt(void *arg, esp_event_base_t base, int32_t id, void *data) {
  (void)arg, (void)base;
  esp_mqtt_event_handle_t ev = data;
  if (id == MQTT_EVENT_CONNECTED) {
    esp_mqtt_client_subscribe(ev->client, app.command_topic, 1);
  } else if (id == MQTT_EVENT_DATA) {
    /* A message larger than esp-mqtt's buffer arrives in pieces; a sealed one must be whole. */
    if (ev->current_data_offset != 0 || ev->data_len != ev->total_data_len) {
      ESP_LOGW(TAG, "command of %d bytes exceeds the MQTT buffer: dropped", ev->total_data_len);
      return;
    }
    cose_bytes cmd;
    esp_err_t e = cose_app_open_command(&app, ev->topic, ev->topic_len, ev->data, ev->data_len,
                                        &cmd);
    if (e == ESP_OK) ESP_LOGI(TAG, "command: %.*s", (int)cmd.n, (const char *)cmd.p);
    else ESP_LOGW(TAG, "message on %.*s refused: %s", ev->topic_len, ev->topic, esp_err_to_name(e));
  }
}

void app_main(void) {
  /* Never erase NVS to recover from a full or old partition: that would lose the sequence
   * record, and the device would then (rightly) refuse to seal until provisioned again. */
  ESP_ERROR_CHECK(nvs_flash_init());
  ESP_ERROR_CHECK(esp_netif_init());
  ESP_ERROR_CHECK(esp_event_loop_create_default());
  ESP_ERROR_CHECK(example_connect());

  nvs_handle_t nvs;
  ESP_ERROR_CHECK(nvs_open("cose", NVS_READWRITE, &nvs));
  esp_mqtt_client_config_t cfg = {.broker.address.uri = CONFIG_APP_BROKER_URI};
  esp_mqtt_client_handle_t client = esp_mqtt_client_init(&cfg);
  cose_app_config c = {.device_id = CONFIG_APP_DEVICE_ID,
                       .sid = CONFIG_APP_SENDER_ID,
                       .seq_reserve = CONFIG_APP_SEQ_RESERVE,
                       .epoch = 1};
  ESP_ERROR_CHECK(cose_app_init(&app, &c, client, nvs));
  ESP_ERROR_CHECK(esp_mqtt_client_register_event(client, ESP_EVENT_ANY_ID, on_mqtt, NULL));
  ESP_ERROR_CHECK(esp_mqtt_client_start(client));

  for (;;) {
    char json[48];
    int n = snprintf(json, sizeof json, "{\"uptime_s\":%lld}",
                     (long long)(esp_timer_get_time() / 1000000));
    if (cose_app_publish(&app, (const uint8_t *)json, (size_t)n) < 0)
      ESP_LOGE(TAG, "telemetry not sent (sealing failed: sequence store?)");
    vTaskDelay(pdMS_TO_TICKS(CONFIG_APP_TELEMETRY_PERIOD_S * 1000));
  }
}
