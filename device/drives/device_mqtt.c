/*
 * device_mqtt: an ESP32-style device on a real broker (libmosquitto stands in for esp-mqtt /
 * PubSubClient). It publishes sealed telemetry and opens sealed commands per the cose-iot MQTT
 * profile 1. MQTT 5: content type, payload format 0 and the "cose-kid" user property; MQTT
 * 3.1.1: the kid travels only in the COSE header and the COSE tag is required.
 *
 * Output, one line each on stdout: "published TOPIC SEQ", "opened TOPIC HEX", "rejected TOPIC
 * REASON"; the exit status is 0 when --expect commands opened before --wait seconds passed.
 */
#include <mosquitto.h>
#include <mqtt_protocol.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cose_dev.h"
#include "cose_seq_file.h"
#include "hex.h"

#define MAX_BUFFER 65536
static uint8_t g_out[MAX_BUFFER], g_pt[MAX_BUFFER], g_ws[2 * MAX_BUFFER];
static uint8_t g_master[64], g_salt[64], g_signer[256], g_verifier[256];
static char g_hex[2 * MAX_BUFFER + 1];

static struct {
  const char *host, *tel_topic, *cmd_topic, *filter, *cmd_filter, *payload;
  int port, version, count, expect, wait_s;
  size_t buffer, master_len, salt_len;
  int64_t alg;
  uint64_t epoch;
  bool counter, have_signer, have_verifier;
  cose_sender sender;
  cose_seq_file seq_file; /* --seq-dir: the sequence number persists across runs */
  cose_seq_store seq;
  cose_topic_key tel_key, cmd_key;
  cose_key signer, verifier;
  cose_replay_window window;
  int opened, subscribed;
} g = {.host = "127.0.0.1", .port = 1883, .version = 5, .count = 1, .wait_s = 5,
       .tel_topic = "devices/dev01/telemetry", .cmd_topic = "devices/dev01/commands",
       .payload = "{\"t\":21.5}", .buffer = COSE_DEFAULT_BUFFER, .alg = COSE_ALG_A128GCM};

static void on_connect(struct mosquitto *m, void *u, int rc, int flags, const mosquitto_property *p) {
  (void)u, (void)flags, (void)p;
  if (rc) {
    fprintf(stderr, "device_mqtt: connect refused: %s\n", mosquitto_reason_string(rc));
    exit(1);
  }
  mosquitto_subscribe_v5(m, NULL, g.cmd_topic, 1, 0, NULL);
}

static void on_subscribe(struct mosquitto *m, void *u, int mid, int n, const int *q, const mosquitto_property *p) {
  (void)m, (void)u, (void)mid, (void)n, (void)q, (void)p;
  g.subscribed = 1;
}

static void on_message(struct mosquitto *m, void *u, const struct mosquitto_message *msg,
                       const mosquitto_property *props) {
  (void)m, (void)u;
  char *hint = NULL;
  /* MQTT 5: the kid hint is a user property; several user properties may precede it. */
  for (const mosquitto_property *p = props; p; p = mosquitto_property_next(p)) {
    char *name = NULL, *value = NULL;
    if (mosquitto_property_identifier(p) == MQTT_PROP_USER_PROPERTY &&
        mosquitto_property_read_string_pair(p, MQTT_PROP_USER_PROPERTY, &name, &value, false)) {
      if (strcmp(name, COSE_PROFILE_KID_PROPERTY) == 0 && !hint) hint = value;
      else free(value);
      free(name);
    }
  }
  cose_err e;
  cose_bytes plain = {0};
  if ((size_t)msg->payloadlen > g.buffer) {
    e = COSE_ERR_TOO_LARGE; /* as esp-mqtt would hand a fragment: refuse, never truncate */
  } else {
    cose_ws ws = {g_ws, 2 * g.buffer};
    e = cose_profile_open(&g.cmd_key, msg->topic, hint, /* absent: accepted (s4) */
                          &g.window, g.have_verifier ? &g.verifier : NULL, msg->payload,
                          (size_t)msg->payloadlen, g_pt, g.buffer, &plain, ws);
  }
  free(hint);
  if (e == COSE_OK && hex_encode(plain.p, plain.n, g_hex, sizeof g_hex)) {
    printf("opened %s %s\n", msg->topic, g_hex);
    g.opened++;
  } else {
    printf("rejected %s %s\n", msg->topic, cose_strerror(e));
  }
  fflush(stdout);
}

static int publish(struct mosquitto *m) {
  size_t len;
  cose_ws ws = {g_ws, 2 * g.buffer};
  cose_err e = cose_profile_seal(&g.tel_key, g.tel_topic, g.counter ? &g.sender : NULL,
                                 g.have_signer ? &g.signer : NULL, (const uint8_t *)g.payload,
                                 strlen(g.payload), g_out, g.buffer, &len, ws);
  if (e != COSE_OK) {
    fprintf(stderr, "device_mqtt: seal: %s\n", cose_strerror(e));
    return 1;
  }
  mosquitto_property *props = NULL;
  if (g.version == 5) {
    char hint[16];
    cose_b64url(g.tel_key.kid, COSE_PROFILE_KID_LEN, hint, sizeof hint);
    /* esp-mqtt: esp_mqtt5_client_set_user_property + esp_mqtt5_client_set_publish_property. */
    mosquitto_property_add_string(&props, MQTT_PROP_CONTENT_TYPE, COSE_PROFILE_CT_ENCRYPT0);
    mosquitto_property_add_byte(&props, MQTT_PROP_PAYLOAD_FORMAT_INDICATOR, 0);
    mosquitto_property_add_string_pair(&props, MQTT_PROP_USER_PROPERTY, COSE_PROFILE_KID_PROPERTY, hint);
  }
  int rc = mosquitto_publish_v5(m, NULL, g.tel_topic, (int)len, g_out, 1, false, props);
  mosquitto_property_free_all(&props);
  if (rc) {
    fprintf(stderr, "device_mqtt: publish: %s\n", mosquitto_strerror(rc));
    return 1;
  }
  /* The seal spent next_seq - 1 (with a store, the store's number). */
  printf("published %s %llu\n", g.tel_topic, g.counter ? (unsigned long long)(g.sender.next_seq - 1) : 0ULL);
  fflush(stdout);
  return 0;
}

static void usage(void) {
  fprintf(stderr,
          "usage: device_mqtt --master HEX [--salt HEX] [--host H] [--port N] [--mqtt 5|3]\n"
          "  [--telemetry TOPIC] [--commands TOPIC] [--filter F] [--cmd-filter F] [--alg 1|10]\n"
          "  [--epoch N] [--sid HEX (counter mode; else random IVs)] [--seq N | --seq-dir DIR]\n"
          "  [--signer COSE_KEY_HEX] [--verifier COSE_KEY_HEX] [--payload TEXT] [--count N]\n"
          "  [--expect N] [--wait SECONDS] [--buffer BYTES]\n");
  exit(2);
}

static void hexarg(const char *s, uint8_t *out, size_t cap, size_t *len) {
  if (!hex_decode(s, strlen(s), out, cap, len)) usage();
}

int main(int argc, char **argv) {
  size_t n;
  uint8_t sid[16];
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (!v) usage();
    i++;
    if (!strcmp(a, "--host")) g.host = v;
    else if (!strcmp(a, "--port")) g.port = atoi(v);
    else if (!strcmp(a, "--mqtt")) g.version = atoi(v) == 3 ? 3 : 5;
    else if (!strcmp(a, "--telemetry")) g.tel_topic = v;
    else if (!strcmp(a, "--commands")) g.cmd_topic = v;
    else if (!strcmp(a, "--filter")) g.filter = v;
    else if (!strcmp(a, "--cmd-filter")) g.cmd_filter = v;
    else if (!strcmp(a, "--alg")) g.alg = atoll(v);
    else if (!strcmp(a, "--epoch")) g.epoch = strtoull(v, NULL, 10);
    else if (!strcmp(a, "--master")) hexarg(v, g_master, sizeof g_master, &g.master_len);
    else if (!strcmp(a, "--salt")) hexarg(v, g_salt, sizeof g_salt, &g.salt_len);
    else if (!strcmp(a, "--sid")) {
      hexarg(v, sid, sizeof g.sender.sid, &n);
      memcpy(g.sender.sid, sid, n);
      g.sender.sid_len = n;
      g.counter = true;
    } else if (!strcmp(a, "--seq")) g.sender.next_seq = strtoull(v, NULL, 10);
    else if (!strcmp(a, "--seq-dir")) g.seq_file.dir = v;
    else if (!strcmp(a, "--signer")) {
      hexarg(v, g_signer, sizeof g_signer, &n);
      g.have_signer = cose_key_decode(g_signer, n, &g.signer) == COSE_OK;
      if (!g.have_signer) usage();
    } else if (!strcmp(a, "--verifier")) {
      hexarg(v, g_verifier, sizeof g_verifier, &n);
      g.have_verifier = cose_key_decode(g_verifier, n, &g.verifier) == COSE_OK;
      if (!g.have_verifier) usage();
    } else if (!strcmp(a, "--payload")) g.payload = v;
    else if (!strcmp(a, "--count")) g.count = atoi(v);
    else if (!strcmp(a, "--expect")) g.expect = atoi(v);
    else if (!strcmp(a, "--wait")) g.wait_s = atoi(v);
    else if (!strcmp(a, "--buffer")) {
      g.buffer = strtoul(v, NULL, 10);
      if (g.buffer < 64 || g.buffer > MAX_BUFFER) usage();
    } else usage();
  }
  if (!g.master_len) usage();
  if (g.seq_file.dir && g.counter) {
    /* One record per sender id, reserved 16 numbers at a time. */
    char key[COSE_SEQ_KEY_MAX + 1] = "seq-";
    for (size_t i = 0; i < g.sender.sid_len && i < 5; i++) snprintf(key + 4 + 2 * i, 3, "%02x", g.sender.sid[i]);
    cose_err se = cose_seq_open(&g.seq, cose_seq_file_kv(&g.seq_file), key, 16, false);
    if (se != COSE_OK) {
      fprintf(stderr, "device_mqtt: sequence store in %s: %s\n", g.seq_file.dir, cose_strerror(se));
      return 2;
    }
    g.sender.store = &g.seq;
  }
  if (!g.filter) g.filter = g.tel_topic;
  if (!g.cmd_filter) g.cmd_filter = g.cmd_topic;
  cose_err e = cose_topic_key_derive(g_master, g.master_len, g.salt_len ? g_salt : NULL, g.salt_len,
                                     g.filter, g.alg, g.epoch, &g.tel_key);
  if (e == COSE_OK)
    e = cose_topic_key_derive(g_master, g.master_len, g.salt_len ? g_salt : NULL, g.salt_len,
                              g.cmd_filter, g.alg, g.epoch, &g.cmd_key);
  if (e != COSE_OK) {
    fprintf(stderr, "device_mqtt: key derivation: %s\n", cose_strerror(e));
    return 2;
  }
  mosquitto_lib_init();
  struct mosquitto *m = mosquitto_new(NULL, true, NULL);
  mosquitto_int_option(m, MOSQ_OPT_PROTOCOL_VERSION, g.version == 5 ? MQTT_PROTOCOL_V5 : MQTT_PROTOCOL_V311);
  mosquitto_connect_v5_callback_set(m, on_connect);
  mosquitto_subscribe_v5_callback_set(m, on_subscribe);
  mosquitto_message_v5_callback_set(m, on_message);
  if (mosquitto_connect_bind_v5(m, g.host, g.port, 30, NULL, NULL) != MOSQ_ERR_SUCCESS) {
    fprintf(stderr, "device_mqtt: cannot connect to %s:%d\n", g.host, g.port);
    return 1;
  }
  time_t end = time(NULL) + g.wait_s;
  int sent = 0;
  while (time(NULL) < end) {
    if (mosquitto_loop(m, 100, 1) != MOSQ_ERR_SUCCESS) mosquitto_reconnect(m);
    if (g.subscribed && sent < g.count) {
      if (publish(m)) return 1;
      sent++;
    }
    if (sent == g.count && g.opened >= g.expect && g.expect > 0) break;
    if (sent == g.count && g.expect == 0) {
      for (int k = 0; k < 5; k++) mosquitto_loop(m, 100, 1); /* flush the QoS 1 handshakes */
      break;
    }
  }
  mosquitto_disconnect(m);
  mosquitto_destroy(m);
  mosquitto_lib_cleanup();
  return g.opened >= g.expect ? 0 : 3;
}
