/*
 * Host test of the example's portable part (main/cose_app.c) against the esp-mqtt / NVS stubs:
 * what the device publishes opens on the backend side (the library, as a gateway would use it),
 * sequence numbers never repeat across reboots or after an NVS write failure, and commands are
 * accepted once, also across a reboot. Prints "N passed, N failed".
 */
#include <stdio.h>
#include <string.h>

#include "cose_app.h"
#include "stubs.h"

static int pass, fail;
#define CHECK(c, what)                              \
  do {                                              \
    if (c) {                                        \
      pass++;                                       \
    } else {                                        \
      fail++;                                       \
      printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, what); \
    }                                               \
  } while (0)

static const uint8_t master[32] = {0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33,
                                   0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33,
                                   0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33,
                                   0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x33, 0x07};
static const cose_app_config config = {"dev7", 7, 4, 1};
static cose_app app; /* static: its buffers are large */
static cose_topic_key backend_telemetry, backend_command;
static cose_replay_state backend_window; /* the backend's replay state for this device */
static uint8_t pt[1024], ws_buf[2048];

/* The backend opens everything published since the last call; returns how many opened. */
static size_t backend_receive(const char *want) {
  static stub_publish got[16];
  size_t n = stub_mqtt_take(got, 16), ok = 0;
  for (size_t i = 0; i < n; i++) {
    cose_bytes plain;
    cose_ws ws = {ws_buf, sizeof ws_buf};
    cose_err e = cose_profile_open(&backend_telemetry, got[i].topic, NULL, &backend_window, NULL,
                                   got[i].data, got[i].len, pt, sizeof pt, &plain, ws);
    if (e != COSE_OK) printf("backend: %s\n", cose_strerror(e));
    ok += e == COSE_OK && got[i].qos == 1 && strcmp(got[i].topic, "devices/dev7/telemetry") == 0 &&
          plain.n == strlen(want) && memcmp(plain.p, want, plain.n) == 0;
  }
  return ok;
}

static int publish(const char *s) { return cose_app_publish(&app, (const uint8_t *)s, strlen(s)); }

static void test_telemetry(void) {
  CHECK(cose_app_init(&app, &config, NULL, 0) == ESP_OK, "init on a provisioned device");
  for (int i = 0; i < 3; i++) CHECK(publish("{\"t\":21.5}") > 0, "publish");
  CHECK(backend_receive("{\"t\":21.5}") == 3, "the backend opens all three, in order, once");
  uint64_t r = 0;
  CHECK(stub_nvs_committed_u64("seq", &r) && r >= 3, "the reservation covers what was sent");

  /* A reset right now: whatever the device sends next must be fresh for the backend. */
  stub_nvs_reboot();
  CHECK(cose_app_init(&app, &config, NULL, 0) == ESP_OK, "init after a reboot");
  CHECK(publish("after reboot") > 0 && backend_receive("after reboot") == 1,
        "after a reboot the backend accepts the next message (no sequence number reused)");
}

static void test_write_failure(void) {
  stub_nvs_fail_writes(true);
  int sent = 0, refused = 0;
  for (int i = 0; i < 2 * (int)config.seq_reserve + 1; i++) {
    if (publish("x") > 0) sent++;
    else refused++;
  }
  CHECK(sent < (int)config.seq_reserve && refused > 0,
        "with NVS failing, sealing stops once the reservation is used up");
  CHECK(backend_receive("x") == (size_t)sent, "only the sealed messages were published");
  stub_nvs_fail_writes(false);
  CHECK(publish("recovered") > 0 && backend_receive("recovered") == 1,
        "once NVS works again sealing resumes with fresh numbers");
}

static size_t command(cose_sender *backend, const char *text, uint8_t *msg, size_t cap) {
  size_t n = 0;
  cose_ws ws = {ws_buf, sizeof ws_buf};
  cose_err e = cose_profile_seal(&backend_command, "devices/dev7/commands", backend, NULL,
                                 (const uint8_t *)text, strlen(text), msg, cap, &n, ws);
  return e == COSE_OK ? n : 0;
}

static void test_commands(void) {
  static const char *topic = "devices/dev7/commands";
  cose_sender backend = {.sid = {0x00}, .sid_len = 1, .next_seq = 1};
  uint8_t msg[256], old[256];
  size_t n = command(&backend, "led on", msg, sizeof msg);
  CHECK(n > 0, "the backend seals a command");
  memcpy(old, msg, n);
  size_t old_n = n;
  cose_bytes cmd;
  CHECK(cose_app_open_command(&app, topic, (int)strlen(topic), (const char *)msg, (int)n, &cmd) ==
                ESP_OK &&
            cmd.n == 6 && memcmp(cmd.p, "led on", 6) == 0,
        "a sealed command opens");
  CHECK(cose_app_open_command(&app, topic, (int)strlen(topic), (const char *)msg, (int)n, &cmd) !=
            ESP_OK,
        "the same command again is refused (replay)");
  n = command(&backend, "led off", msg, sizeof msg);
  msg[n - 1] ^= 1;
  CHECK(cose_app_open_command(&app, topic, (int)strlen(topic), (const char *)msg, (int)n, &cmd) !=
            ESP_OK,
        "a tampered command is refused");
  msg[n - 1] ^= 1;
  const char *other = "devices/dev8/commands";
  CHECK(cose_app_open_command(&app, other, (int)strlen(other), (const char *)msg, (int)n, &cmd) ==
            ESP_ERR_INVALID_ARG,
        "a command on another device's topic is refused");

  stub_nvs_reboot();
  CHECK(cose_app_init(&app, &config, NULL, 0) == ESP_OK, "init after a reboot");
  CHECK(cose_app_open_command(&app, topic, (int)strlen(topic), (const char *)old, (int)old_n,
                              &cmd) != ESP_OK,
        "after a reboot the old command is still refused");
  n = command(&backend, "led blink", msg, sizeof msg);
  CHECK(cose_app_open_command(&app, topic, (int)strlen(topic), (const char *)msg, (int)n, &cmd) ==
                ESP_OK &&
            cmd.n == 9,
        "a new command after the reboot opens");
}

int main(void) {
  cose_app_config unprovisioned = config;
  CHECK(cose_app_init(&app, &unprovisioned, NULL, 0) == ESP_ERR_NVS_NOT_FOUND,
        "a device without a master secret does not start");
  stub_nvs_put_blob("master", master, sizeof master);
  CHECK(cose_app_init(&app, &config, NULL, 0) == ESP_ERR_INVALID_STATE,
        "a device without its sequence record does not start (NVS erased?)");
  CHECK(nvs_set_u64(0, "seq", 0) == ESP_OK && nvs_commit(0) == ESP_OK, "provision the record");

  if (cose_topic_key_derive(master, 32, NULL, 0, COSE_APP_TELEMETRY_FILTER,
                            COSE_ALG_CCM_16_64_128, 1, &backend_telemetry) != COSE_OK ||
      cose_topic_key_derive(master, 32, NULL, 0, COSE_APP_COMMAND_FILTER, COSE_ALG_CCM_16_64_128,
                            1, &backend_command) != COSE_OK) {
    printf("backend keys\n");
    return 1;
  }
  test_telemetry();
  test_write_failure();
  test_commands();
  printf("%d passed, %d failed\n", pass, fail);
  return fail ? 1 : 0;
}
