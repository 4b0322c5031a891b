#include "test_keys.h"

#include <psa/crypto.h>
#include <string.h>

/* CBOR byte string of n < 256 bytes. */
static size_t put_bstr(uint8_t *o, const uint8_t *p, size_t n) {
  size_t h = 0;
  if (n < 24) {
    o[h++] = (uint8_t)(0x40 | n);
  } else {
    o[h++] = 0x58;
    o[h++] = (uint8_t)n;
  }
  memcpy(o + h, p, n);
  return h + n;
}

/* COSE_Key {1: kty, 2: kid, [-1: crv,] label_i: v_i...}; labels are one-byte CBOR ints. */
static size_t key_cbor(uint8_t *o, int kty, const char *kid, int crv, size_t pairs,
                       const uint8_t *labels, const uint8_t *const *v, const size_t *vn) {
  size_t n = 0;
  o[n++] = (uint8_t)(0xa0 | (2 + pairs + (crv ? 1 : 0)));
  o[n++] = 0x01;
  o[n++] = (uint8_t)kty;
  o[n++] = 0x02;
  n += put_bstr(o + n, (const uint8_t *)kid, strlen(kid));
  if (crv) {
    o[n++] = 0x20;
    o[n++] = (uint8_t)crv;
  }
  for (size_t i = 0; i < pairs; i++) {
    o[n++] = labels[i];
    n += put_bstr(o + n, v[i], vn[i]);
  }
  return n;
}

cose_err test_keys_make(test_keys *t) {
  uint8_t d[32], pub[65], k16[16], k32[32];
  size_t pub_len = 0;
  for (int i = 0; i < 32; i++) d[i] = (uint8_t)(0x11 + i);
  psa_key_attributes_t at = PSA_KEY_ATTRIBUTES_INIT;
  psa_set_key_type(&at, PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1));
  psa_set_key_bits(&at, 256);
  psa_key_id_t id = 0;
  psa_status_t st = psa_import_key(&at, d, sizeof d, &id);
  if (st == PSA_SUCCESS) st = psa_export_public_key(id, pub, sizeof pub, &pub_len);
  psa_destroy_key(id);
  if (st != PSA_SUCCESS || pub_len != 65) return COSE_ERR_CRYPTO;

  memset(k16, 0x42, sizeof k16);
  memset(k32, 0x24, sizeof k32);
  memset(t->master, 0x5a, sizeof t->master);
  const uint8_t ec_labels[3] = {0x21, 0x22, 0x23}; /* -2 x, -3 y, -4 d */
  const uint8_t *ec[3] = {pub + 1, pub + 33, d};
  const size_t ecn[3] = {32, 32, 32};
  const uint8_t k_label[1] = {0x20}; /* -1 k */
  const uint8_t *kv16[1] = {k16}, *kv32[1] = {k32};
  const size_t n16[1] = {16}, n32[1] = {32};
  t->priv_n = key_cbor(t->priv_cbor, 2, "dev-sign", 1, 3, ec_labels, ec, ecn);
  t->pub_n = key_cbor(t->pub_cbor, 2, "dev-sign", 1, 2, ec_labels, ec, ecn);
  t->sym_n = key_cbor(t->sym_cbor, 4, "sym", 0, 1, k_label, kv16, n16);
  t->mac_n = key_cbor(t->mac_cbor, 4, "mac", 0, 1, k_label, kv32, n32);

  cose_err e = cose_key_decode(t->priv_cbor, t->priv_n, &t->signer);
  if (e == COSE_OK) e = cose_key_decode(t->pub_cbor, t->pub_n, &t->verifier);
  if (e == COSE_OK) e = cose_key_decode(t->sym_cbor, t->sym_n, &t->sym);
  if (e == COSE_OK) e = cose_key_decode(t->mac_cbor, t->mac_n, &t->mac);
  return e;
}
