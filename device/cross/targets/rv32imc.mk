# ESP32-C3/C6 ISA, bare metal; picolibc's rv32im multilib (Debian ships no rv32imc one; the
# library code itself is compiled with the C extension). The test image is laid out for QEMU's
# virt machine: RAM at 0x80000000, where -bios none jumps to the ELF entry.
CC   := riscv64-unknown-elf-gcc
AR   := riscv64-unknown-elf-ar
SIZE := riscv64-unknown-elf-size
ARCH := -march=rv32imc -mabi=ilp32
LIBC := --specs=picolibc.specs
RUN_LDFLAGS := --oslib=semihost --crt0=semihost \
  -Wl,--defsym=__flash=0x80000000,--defsym=__flash_size=0x400000 \
  -Wl,--defsym=__ram=0x80400000,--defsym=__ram_size=0x400000
# The sized image is firmware-shaped: no semihosting, picolibc's minimal crt0.
IMAGE_LDFLAGS := --crt0=minimal --oslib=dummyhost \
  -Wl,--defsym=__flash=0x80000000,--defsym=__flash_size=0x400000 \
  -Wl,--defsym=__ram=0x80400000,--defsym=__ram_size=0x400000
CALLGRAPH := -fcallgraph-info=su
