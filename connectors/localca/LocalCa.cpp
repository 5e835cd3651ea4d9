#include "connectors/localca/LocalCa.h"
