#pragma once

#include "engine/deploy/BotPolicy.h"
#include "engine/deploy/DeployerRegistry.h"

#include <memory>

namespace certdeck::deployers {

class DeploymentJournal;

// Registers every deployer this build has. One line per server family. The bot passes its journal (deployments
// in progress are recorded there and recovered after a crash) and its policy (what it may run and touch on its
// hosts); the console passes neither (it only reads the deployers' fields).
void registerBuiltinDeployers(deploy::DeployerRegistry& registry, std::shared_ptr<DeploymentJournal> journal = {},
                              std::shared_ptr<const deploy::BotPolicy> policy = {});

} // namespace certdeck::deployers
