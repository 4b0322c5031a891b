#include "tests.h"
void test_profile(void) {}
