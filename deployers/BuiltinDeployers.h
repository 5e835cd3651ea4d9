#pragma once

#include "engine/deploy/DeployerRegistry.h"

namespace certdeck::deployers {

// Registers every deployer this build has. One line per server family.
void registerBuiltinDeployers(deploy::DeployerRegistry& registry);

} // namespace certdeck::deployers
