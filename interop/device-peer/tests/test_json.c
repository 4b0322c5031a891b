#include "tests.h"
void test_json(void) {}
