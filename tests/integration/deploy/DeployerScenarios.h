#pragma once

#include "DeployTestBench.h"

#include "engine/deploy/Deployer.h"

#include <QObject>

#include <memory>

namespace certdeck::test {

// The deployment scenarios every file-based web server deployer must pass against its real server.
// TestNginxDeployer and TestApacheDeployer inherit the slots and say which server and deployer to use.
class DeployerScenarios : public QObject
{
    Q_OBJECT

protected:
    DeployerScenarios(WebServerFixture::Server server, bool separateChainFile);
    virtual std::unique_ptr<deploy::Deployer> makeDeployer() const = 0;

    DeployTestBench m_bench;

private Q_SLOTS:
    void init();
    void cleanup();

    void deploysNewCertificateAndServesIt();
    void rollbackAfterSuccessRestoresPreviousCertificate();
    void refusesKeyThatDoesNotMatchBeforeWriting();
    void configTestFailureRestoresOldFiles();
    void reloadFailureRestoresOldFiles();
    void unwritableKeyPathRestoresCertificate();
    void refusesRelativePathNamingTheField();

private:
    void verifyRolledBack(const deploy::DeployReport& report, const QString& failedStep);

    bool m_separateChainFile;
};

} // namespace certdeck::test
