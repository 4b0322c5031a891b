/*
 * mbedTLS 3.6 configuration for the cross builds (RV32IMC, Cortex-M4): only what the device
 * profile needs (AES-GCM/CCM, SHA-256, HMAC, ECDSA P-256 with RFC 6979 signing, PSA
 * Crypto), so the footprint table measures the profile and not a general-purpose TLS stack.
 * Selected with -DMBEDTLS_CONFIG_FILE='"mbedtls_mcu.h"'; the PSA_WANT_* set is derived from
 * these legacy options (no MBEDTLS_PSA_CRYPTO_CONFIG), as in ESP-IDF's default build.
 */
#ifndef COSE_CROSS_MBEDTLS_MCU_H
#define COSE_CROSS_MBEDTLS_MCU_H

/* Bare metal: no OS entropy, no file system, no clock. Entropy comes from the port hook
 * mbedtls_hardware_poll() (esp_fill_random() on an ESP32; see port/ for the test source). */
#define MBEDTLS_NO_PLATFORM_ENTROPY
#define MBEDTLS_ENTROPY_HARDWARE_ALT
#define MBEDTLS_ENTROPY_C
#define MBEDTLS_CTR_DRBG_C

/* mbedtls_calloc/free go through a settable pointer, so a test can count them. */
#define MBEDTLS_PLATFORM_C
#define MBEDTLS_PLATFORM_MEMORY

/* Symmetric part of the profile. Tables in flash: RAM is the scarcer resource on an MCU. */
#define MBEDTLS_AES_C
#define MBEDTLS_AES_ROM_TABLES
#define MBEDTLS_AES_FEWER_TABLES
#define MBEDTLS_GCM_C
#define MBEDTLS_CCM_C
#define MBEDTLS_MD_C
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA224_C /* sha256.c builds both; PSA's SHA-256 needs the module */
#define MBEDTLS_SHA256_SMALLER
/* No MBEDTLS_HKDF_C: the library's HKDF runs on PSA's HMAC (port/crypto_common.c). */

/* ES256: P-256 only, deterministic signing so signatures need no per-signature entropy. */
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_ECP_C
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_NIST_OPTIM
#define MBEDTLS_ECDSA_C
#define MBEDTLS_ECDSA_DETERMINISTIC
#define MBEDTLS_HMAC_DRBG_C
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C
#define MBEDTLS_ECP_WINDOW_SIZE 2       /* fewer precomputed points: less heap per operation */
#define MBEDTLS_ECP_FIXED_POINT_OPTIM 0 /* no cached comb table (RAM) */
#define MBEDTLS_MPI_MAX_SIZE 32         /* P-256 is the largest number used */

/* PSA Crypto: the API ESP-IDF's hardware drivers plug into. Volatile keys only, held in
 * static slots so importing a key does not allocate. */
#define MBEDTLS_PSA_CRYPTO_C
/* The caller's buffers are not shared with another, less trusted core: PSA need not copy
 * every input and output to the heap first (which 3.6 otherwise does, call by call). */
#define MBEDTLS_PSA_ASSUME_EXCLUSIVE_BUFFERS
#define MBEDTLS_PSA_STATIC_KEY_SLOTS
#define MBEDTLS_PSA_KEY_SLOT_COUNT 4
#define MBEDTLS_PSA_STATIC_KEY_SLOT_BUFFER_SIZE 128 /* P-256 public (65), HMAC keys up to 128 */

#endif
