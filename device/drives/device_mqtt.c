/*
 * device_mqtt: an ESP32-style device on a real broker (libmosquitto stands in for esp-mqtt /
 * PubSubClient). It publishes sealed telemetry and opens sealed commands per the cose-iot MQTT
 * profile 1.2. MQTT 5: content type, payload format 0 and the "cose-kid" user property; MQTT
 * 3.1.1: the kid travels only in the COSE header and the COSE tag is required.
 *
 * Output, one line each on stdout: "published TOPIC SEQ", "opened TOPIC HEX", "rejected TOPIC
 * REASON"; the exit status is 0 when --expect commands opened before --wait seconds passed.
 *
 * For testing cose-tck probe: --echo seals each opened command's plaintext back on the telemetry
 * topic (the profile's test annex, section 12); --fault NAME makes the device break one rule on
 * purpose: nonce-reuse, replay and topic-move add one faulty message after the --count good ones,
 * wrong-kid-property and no-content-type spoil the MQTT 5 properties of every message.
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
static uint8_t g_last[MAX_BUFFER];
static char g_hex[2 * MAX_BUFFER + 1];

enum { F_NONCE_REUSE = 1, F_REPLAY = 2, F_TOPIC_MOVE = 4, F_WRONG_KID = 8, F_NO_CT = 16 };
static const char *const FAULTS[] = {"nonce-reuse", "replay", "topic-move", "wrong-kid-property",
                                     "no-content-type"};

static struct {
  const char *host, *tel_topic, *cmd_topic, *filter, *cmd_filter, *payload, *move_to;
  int port, version, count, expect, wait_s, faults, echo;
  size_t buffer, master_len, salt_len, last_len;
  int32_t alg; /* the library's alg type: IANA ids fit int32 */
  uint64_t epoch;
  bool counter, have_signer, have_verifier;
  cose_sender sender;
  cose_seq_file seq_file; /* --seq-dir: the sequence number persists across runs */
  cose_seq_store seq;
  cose_topic_key tel_key, cmd_key;
  cose_key signer, verifier;
  cose_replay_state replay; /* static: the (kid, IV) memory is an array */
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

static int publish(struct mosquitto *m, const char *aad_topic, const char *topic,
                   const uint8_t *pt, size_t pt_len);

static void on_message(struct mosquitto *m, void *u, const struct mosquitto_message *msg,
                       const mosquitto_property *props) {
  (void)m, (void)u;
  char *hint = NULL, *ct = NULL;
  /* MQTT 5: the kid hint is a user property; several user properties may precede it. The
   * Payload Format Indicator is not read: a receiver ignores it (profile R4.5). */
  for (const mosquitto_property *p = props; p; p = mosquitto_property_next(p)) {
    char *name = NULL, *value = NULL;
    if (mosquitto_property_identifier(p) == MQTT_PROP_CONTENT_TYPE && !ct) {
      mosquitto_property_read_string(p, MQTT_PROP_CONTENT_TYPE, &ct, false);
    } else if (mosquitto_property_identifier(p) == MQTT_PROP_USER_PROPERTY &&
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
  } else if ((e = cose_profile_content_type(ct, COSE_PROFILE_CT_ENCRYPT0)) == COSE_OK) {
    cose_ws ws = {g_ws, 2 * g.buffer};
    e = cose_profile_open(&g.cmd_key, msg->topic, hint, /* absent: accepted (s4) */
                          &g.replay, g.have_verifier ? &g.verifier : NULL, msg->payload,
                          (size_t)msg->payloadlen, g_pt, g.buffer, &plain, ws);
  }
  free(hint);
  free(ct);
  if (e == COSE_OK && hex_encode(plain.p, plain.n, g_hex, sizeof g_hex)) {
    printf("opened %s %s\n", msg->topic, g_hex);
    g.opened++;
    /* plain points into g_pt, which sealing does not touch. */
    if (g.echo) publish(m, g.tel_topic, g.tel_topic, plain.p, plain.n);
  } else {
    printf("rejected %s %s\n", msg->topic, cose_strerror(e));
  }
  fflush(stdout);
}

/* Publishes an already sealed payload with the profile's MQTT 5 properties (or the faulty ones). */
static int send(struct mosquitto *m, const char *topic, const uint8_t *buf, size_t len) {
  mosquitto_property *props = NULL;
  if (g.version == 5) {
    char hint[16];
    uint8_t kid[COSE_PROFILE_KID_LEN];
    memcpy(kid, g.tel_key.kid, sizeof kid);
    if (g.faults & F_WRONG_KID) kid[sizeof kid - 1] ^= 0x01; /* another kid's hint */
    cose_b64url(kid, COSE_PROFILE_KID_LEN, hint, sizeof hint);
    /* esp-mqtt: esp_mqtt5_client_set_user_property + esp_mqtt5_client_set_publish_property. */
    if (!(g.faults & F_NO_CT))
      mosquitto_property_add_string(&props, MQTT_PROP_CONTENT_TYPE, COSE_PROFILE_CT_ENCRYPT0);
    mosquitto_property_add_byte(&props, MQTT_PROP_PAYLOAD_FORMAT_INDICATOR, 0);
    mosquitto_property_add_string_pair(&props, MQTT_PROP_USER_PROPERTY, COSE_PROFILE_KID_PROPERTY, hint);
  }
  int rc = mosquitto_publish_v5(m, NULL, topic, (int)len, buf, 1, false, props);
  mosquitto_property_free_all(&props);
  if (rc) {
    fprintf(stderr, "device_mqtt: publish: %s\n", mosquitto_strerror(rc));
    return 1;
  }
  return 0;
}

/* Seals pt for aad_topic and publishes it on topic (the same topic unless moving on purpose). */
static int publish(struct mosquitto *m, const char *aad_topic, const char *topic,
                   const uint8_t *pt, size_t pt_len) {
  size_t len;
  cose_ws ws = {g_ws, 2 * g.buffer};
  cose_err e = cose_profile_seal(&g.tel_key, aad_topic, g.counter ? &g.sender : NULL,
                                 g.have_signer ? &g.signer : NULL, pt, pt_len, g_out, g.buffer,
                                 &len, ws);
  if (e != COSE_OK) {
    fprintf(stderr, "device_mqtt: seal: %s\n", cose_strerror(e));
    return 1;
  }
  if (send(m, topic, g_out, len)) return 1;
  memcpy(g_last, g_out, len);
  g.last_len = len;
  /* The seal spent next_seq - 1 (with a store, the store's number). */
  printf("published %s %llu\n", topic, g.counter ? (unsigned long long)(g.sender.next_seq - 1) : 0ULL);
  fflush(stdout);
  return 0;
}

/* The one faulty message of --fault nonce-reuse, replay or topic-move, after the good ones. */
static int publish_faults(struct mosquitto *m) {
  const uint8_t *pt = (const uint8_t *)g.payload;
  size_t n = strlen(g.payload);
  if (g.faults & F_NONCE_REUSE) {
    /* The previous sequence number again, over a different plaintext (a trailing space). */
    static uint8_t other[MAX_BUFFER];
    if (n + 1 > sizeof other) return 1;
    memcpy(other, pt, n);
    other[n] = ' ';
    g.sender.next_seq--;
    if (publish(m, g.tel_topic, g.tel_topic, other, n + 1)) return 1;
  }
  if ((g.faults & F_REPLAY) && g.last_len) {
    if (send(m, g.tel_topic, g_last, g.last_len)) return 1; /* the same bytes, a new PUBLISH */
    printf("replayed %s\n", g.tel_topic);
  }
  if (g.faults & F_TOPIC_MOVE) return publish(m, g.tel_topic, g.move_to, pt, n);
  return 0;
}

static void usage(void) {
  fprintf(stderr,
          "usage: device_mqtt --master HEX [--salt HEX] [--host H] [--port N] [--mqtt 5|3]\n"
          "  [--telemetry TOPIC] [--commands TOPIC] [--filter F] [--cmd-filter F] [--alg 1|10]\n"
          "  [--epoch N] [--sid HEX (counter mode; else random IVs)] [--seq N | --seq-dir DIR]\n"
          "  [--signer COSE_KEY_HEX] [--verifier COSE_KEY_HEX] [--payload TEXT] [--count N]\n"
          "  [--expect N] [--wait SECONDS] [--buffer BYTES (1024..65536)] [--echo]\n"
          "  [--fault nonce-reuse|replay|topic-move|wrong-kid-property|no-content-type]...\n"
          "  [--move-to TOPIC (with --fault topic-move)]\n"
          "--echo: seal each opened command's plaintext back on the telemetry topic.\n"
          "--fault: break one profile rule on purpose, to test cose-tck probe; nonce-reuse needs\n"
          "  --sid (counter mode).\n");
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
    if (!strcmp(a, "--echo")) {
      g.echo = 1;
      continue;
    }
    if (!v) usage();
    i++;
    if (!strcmp(a, "--host")) g.host = v;
    else if (!strcmp(a, "--port")) g.port = atoi(v);
    else if (!strcmp(a, "--mqtt")) g.version = atoi(v) == 3 ? 3 : 5;
    else if (!strcmp(a, "--telemetry")) g.tel_topic = v;
    else if (!strcmp(a, "--commands")) g.cmd_topic = v;
    else if (!strcmp(a, "--filter")) g.filter = v;
    else if (!strcmp(a, "--cmd-filter")) g.cmd_filter = v;
    else if (!strcmp(a, "--alg")) {
      long long alg = strtoll(v, NULL, 10);
      if (alg < INT32_MIN || alg > INT32_MAX) usage();
      g.alg = (int32_t)alg;
    } else if (!strcmp(a, "--epoch")) g.epoch = strtoull(v, NULL, 10);
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
    else if (!strcmp(a, "--move-to")) g.move_to = v;
    else if (!strcmp(a, "--fault")) {
      size_t f = 0;
      while (f < sizeof FAULTS / sizeof *FAULTS && strcmp(v, FAULTS[f])) f++;
      if (f == sizeof FAULTS / sizeof *FAULTS) usage();
      g.faults |= 1 << f;
    }
    else if (!strcmp(a, "--count")) g.count = atoi(v);
    else if (!strcmp(a, "--expect")) g.expect = atoi(v);
    else if (!strcmp(a, "--wait")) g.wait_s = atoi(v);
    else if (!strcmp(a, "--buffer")) {
      g.buffer = strtoul(v, NULL, 10);
      if (g.buffer < COSE_DEFAULT_BUFFER || g.buffer > MAX_BUFFER) usage(); /* R9.1 */
    } else usage();
  }
  if (!g.master_len) usage();
  if (((g.faults & F_NONCE_REUSE) && (!g.counter || g.seq_file.dir)) ||
      ((g.faults & F_TOPIC_MOVE) && !g.move_to))
    usage();
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
      if (publish(m, g.tel_topic, g.tel_topic, (const uint8_t *)g.payload, strlen(g.payload)))
        return 1;
      if (++sent == g.count && publish_faults(m)) return 1;
    }
    if (sent == g.count && g.opened >= g.expect) {
      /* flush the QoS 1 handshakes (and with --echo the last echo) */
      for (int k = 0; k < 5; k++) mosquitto_loop(m, 100, 1);
      break;
    }
  }
  mosquitto_disconnect(m);
  mosquitto_destroy(m);
  mosquitto_lib_cleanup();
  return g.opened >= g.expect ? 0 : 3;
}
