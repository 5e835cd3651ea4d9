#include "deployers/BuiltinDeployers.h"

namespace certdeck::deployers {

void registerBuiltinDeployers(deploy::DeployerRegistry& registry)
{
    Q_UNUSED(registry);
}

} // namespace certdeck::deployers
