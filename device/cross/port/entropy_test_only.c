/*
 * TEST-ONLY entropy for the QEMU test images: a fixed-seed xorshift, so every run is
 * reproducible. It is NOT random and must never be linked into firmware: on an ESP32, ESP-IDF's
 * mbedTLS port provides mbedtls_hardware_poll() from the hardware RNG (esp_fill_random()).
 * The QEMU virt machine has no RNG the bare-metal image could read without a virtio driver.
 */
#include <stddef.h>
#include <stdint.h>

int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len, size_t *olen);

int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len, size_t *olen) {
  static uint32_t state = 0x2545F491u;
  (void)data;
  for (size_t i = 0; i < len; i++) {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    output[i] = (unsigned char)state;
  }
  *olen = len;
  return 0;
}
