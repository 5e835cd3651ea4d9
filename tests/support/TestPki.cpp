#include "tests/support/TestPki.h"
