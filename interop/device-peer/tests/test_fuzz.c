#include "tests.h"
void test_fuzz(void) {}
