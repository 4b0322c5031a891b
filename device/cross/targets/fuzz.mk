# Host build for the libFuzzer target: clang with ASan+UBSan, coverage on everything we build
# (the library and tinycbor decode the input; mbedTLS gets ASan so a bad length we pass it
# shows). Same mbedTLS config and test entropy as the MCU images.
CC   := clang
AR   := ar
SIZE := size
ARCH := -g -fno-omit-frame-pointer -fsanitize=address,undefined,fuzzer-no-link \
        -fno-sanitize-recover=all
OPT  := -O1
# mbedTLS only needs ASan (a bad length the library passes it shows); coverage there would
# steer the fuzzer into crypto internals, and -O2 keeps ES256 verification fast.
MBED_FLAGS := -g -O2 -fsanitize=address
LIBC :=
RUN_LDFLAGS := -fsanitize=address,undefined -Wl,--gc-sections
LDLIBS := -lm
