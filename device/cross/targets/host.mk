# The same sources, config and test runner built for the host (gcc), so `make verdicts` can
# compare its output line by line with the RV32 run under QEMU.
CC   := cc
AR   := ar
SIZE := size
ARCH :=
LIBC :=
RUN_LDFLAGS :=
LDLIBS := -lm
