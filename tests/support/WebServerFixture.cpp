#include "tests/support/WebServerFixture.h"
