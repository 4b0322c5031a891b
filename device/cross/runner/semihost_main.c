/*
 * main() of the cross test images: the library's own test runner (device/tests/test_main.c,
 * compiled with main renamed to cose_tests_main) behind a shim for bare metal. Under QEMU the
 * arguments arrive through semihosting (crt0-semihost: "program-name", the kernel path, then
 * the -append words); NAME=VALUE words become the environment the tests read (COSE_VECTORS),
 * the others are passed on (a suite name). The same file runs on the host for the comparison.
 */
#include <string.h>

int cose_tests_main(int argc, char **argv);
extern char **environ;

int main(int argc, char **argv) {
  static char *env[8], *args[8];
  int nenv = 0, nargs = 0;
  args[nargs++] = "unit_tests";
  for (int i = 1; i < argc; i++) {
    if (strchr(argv[i], '=')) {
      if (nenv < 7) env[nenv++] = argv[i];
    } else if (nargs < 7 && !strstr(argv[i], ".elf")) {
      args[nargs++] = argv[i];
    }
  }
  env[nenv] = NULL;
  args[nargs] = NULL;
  environ = env;
  return cose_tests_main(nargs, args);
}
