#include "deployers/BuiltinDeployers.h"

#include "deployers/apache/ApacheDeployer.h"
#include "deployers/nginx/NginxDeployer.h"

namespace certdeck::deployers {

void registerBuiltinDeployers(deploy::DeployerRegistry& registry)
{
    registry.add(ServerType::Nginx, [] { return std::make_unique<NginxDeployer>(); });
    registry.add(ServerType::ApacheHttp, [] { return std::make_unique<ApacheDeployer>(); });
}

} // namespace certdeck::deployers
