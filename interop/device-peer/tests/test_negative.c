#include "tests.h"
void test_negative(void) {}
