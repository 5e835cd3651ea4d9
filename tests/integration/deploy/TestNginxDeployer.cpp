#include "DeployerScenarios.h"

#include "deployers/nginx/NginxDeployer.h"

#include <QTest>

namespace certdeck::test {

// Deploys to a real nginx (fullchain in the certificate file): see DeployerScenarios for the cases.
class TestNginxDeployer : public DeployerScenarios
{
    Q_OBJECT

public:
    TestNginxDeployer()
        : DeployerScenarios(WebServerFixture::Server::Nginx, false)
    {
    }

protected:
    std::unique_ptr<deploy::Deployer> makeDeployer() const override
    {
        return std::make_unique<deployers::NginxDeployer>();
    }
};

} // namespace certdeck::test

QTEST_GUILESS_MAIN(certdeck::test::TestNginxDeployer)
#include "TestNginxDeployer.moc"
