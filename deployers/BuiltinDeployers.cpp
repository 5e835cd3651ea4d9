#include "deployers/BuiltinDeployers.h"

#include "deployers/apache/ApacheDeployer.h"
#include "deployers/nginx/NginxDeployer.h"

namespace certdeck::deployers {

void registerBuiltinDeployers(deploy::DeployerRegistry& registry, std::shared_ptr<DeploymentJournal> journal)
{
    registry.add(ServerType::Nginx, [journal] { return std::make_unique<NginxDeployer>(journal); });
    registry.add(ServerType::ApacheHttp, [journal] { return std::make_unique<ApacheDeployer>(journal); });
}

} // namespace certdeck::deployers
