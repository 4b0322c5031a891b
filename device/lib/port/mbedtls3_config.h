/*
 * mbedTLS 3.6 configuration for cose_dev (make CRYPTO=mbedtls3): only what the device profile
 * uses, reached through PSA Crypto (AES-GCM/CCM, HMAC-SHA-256, SHA-256, ECDSA P-256 with
 * RFC 6979, the RNG). Without MBEDTLS_PSA_CRYPTO_CONFIG the PSA_WANT_* set follows from the
 * modules below. On ESP-IDF, its own mbedTLS config applies instead (and its PSA drivers for
 * the AES/SHA/ECC accelerators); this file is for host and bare-metal builds.
 */
#ifndef COSE_MBEDTLS3_CONFIG_H
#define COSE_MBEDTLS3_CONFIG_H

#define MBEDTLS_PSA_CRYPTO_C
/* Key slots in static memory: importing a key allocates nothing (4 live keys are plenty:
 * the library holds at most one per call). */
#define MBEDTLS_PSA_STATIC_KEY_SLOTS
#define MBEDTLS_PSA_KEY_SLOT_COUNT 4
#define MBEDTLS_PSA_STATIC_KEY_SLOT_BUFFER_SIZE 128

#define MBEDTLS_AES_C
#define MBEDTLS_CIPHER_C
#define MBEDTLS_GCM_C
#define MBEDTLS_CCM_C
#define MBEDTLS_MD_C
#define MBEDTLS_SHA256_C
/* No MBEDTLS_HKDF_C: HKDF is the library's own, on PSA's HMAC (crypto_common.c). */

#define MBEDTLS_BIGNUM_C
#define MBEDTLS_ECP_C
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_NIST_OPTIM /* fast P-256 reduction, as ESP-IDF's default config has it */
#define MBEDTLS_ECDSA_C
#define MBEDTLS_ECDSA_DETERMINISTIC
#define MBEDTLS_HMAC_DRBG_C
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C

#define MBEDTLS_ENTROPY_C
#define MBEDTLS_CTR_DRBG_C
/* Bare-metal targets have no /dev/urandom: they define MBEDTLS_NO_PLATFORM_ENTROPY and
 * MBEDTLS_ENTROPY_HARDWARE_ALT (mbedtls_hardware_poll from the chip's TRNG) before this. */

#endif
