#pragma once

#include "engine/deploy/DeployerRegistry.h"

#include <memory>

namespace certdeck::deployers {

class DeploymentJournal;

// Registers every deployer this build has. One line per server family. The bot passes its journal (deployments
// in progress are recorded there and recovered after a crash); the console passes none.
void registerBuiltinDeployers(deploy::DeployerRegistry& registry, std::shared_ptr<DeploymentJournal> journal = {});

} // namespace certdeck::deployers
