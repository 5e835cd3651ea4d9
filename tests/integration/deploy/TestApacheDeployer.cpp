#include "DeployerScenarios.h"

#include "deployers/apache/ApacheDeployer.h"

#include <QTest>

namespace certdeck::test {

// Deploys to a real apache2 with SSLCertificateChainFile: see DeployerScenarios for the cases.
class TestApacheDeployer : public DeployerScenarios
{
    Q_OBJECT

public:
    TestApacheDeployer()
        : DeployerScenarios(WebServerFixture::Server::Apache, true)
    {
    }

protected:
    std::unique_ptr<deploy::Deployer> makeDeployer() const override
    {
        return std::make_unique<deployers::ApacheDeployer>();
    }
};

} // namespace certdeck::test

QTEST_GUILESS_MAIN(certdeck::test::TestApacheDeployer)
#include "TestApacheDeployer.moc"
