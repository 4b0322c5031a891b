# Cortex-M4 (nRF52, STM32F4 class), soft float (the library uses no floating point);
# newlib-nano, as Debian ships no picolibc for ARM. Built and sized only: there is no
# qemu-system-arm in Debian's qemu-system-misc.
CC   := arm-none-eabi-gcc
AR   := arm-none-eabi-ar
SIZE := arm-none-eabi-size
ARCH := -mcpu=cortex-m4 -mthumb -mfloat-abi=soft
LIBC := --specs=nano.specs
RUN_LDFLAGS := --specs=nosys.specs
IMAGE_LDFLAGS := $(RUN_LDFLAGS)
CALLGRAPH := -fcallgraph-info=su
