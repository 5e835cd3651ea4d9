#include "deployers/BuiltinDeployers.h"

#include "deployers/apache/ApacheDeployer.h"
#include "deployers/ftp/FtpDeployer.h"
#include "deployers/jetty/JettyDeployer.h"
#include "deployers/kubernetes/KubernetesDeployer.h"
#include "deployers/nginx/NginxDeployer.h"
#include "deployers/sftp/SftpDeployer.h"
#include "deployers/tomcat/TomcatDeployer.h"
#include "deployers/weblogic/WebLogicDeployer.h"
#include "deployers/wildfly/WildFlyDeployer.h"

namespace certdeck::deployers {

void registerBuiltinDeployers(deploy::DeployerRegistry& registry, std::shared_ptr<DeploymentJournal> journal,
                              std::shared_ptr<const deploy::BotPolicy> policy)
{
    registry.add(ServerType::Nginx, [journal, policy] { return std::make_unique<NginxDeployer>(journal, policy); });
    registry.add(ServerType::ApacheHttp,
                 [journal, policy] { return std::make_unique<ApacheDeployer>(journal, policy); });
    registry.add(ServerType::Tomcat, [journal, policy] { return std::make_unique<TomcatDeployer>(journal, policy); });
    registry.add(ServerType::Jetty, [journal, policy] { return std::make_unique<JettyDeployer>(journal, policy); });
    registry.add(ServerType::JBoss, [journal, policy] { return std::make_unique<WildFlyDeployer>(journal, policy); });
    registry.add(ServerType::WebLogic,
                 [journal, policy] { return std::make_unique<WebLogicDeployer>(journal, policy); });
    registry.add(ServerType::Ftp, [journal, policy] { return std::make_unique<FtpDeployer>(journal, policy); });
    registry.add(ServerType::Sftp, [journal, policy] { return std::make_unique<SftpDeployer>(journal, policy); });
    registry.add(ServerType::Kubernetes,
                 [journal, policy] { return std::make_unique<KubernetesDeployer>(journal, policy); });
}

} // namespace certdeck::deployers
