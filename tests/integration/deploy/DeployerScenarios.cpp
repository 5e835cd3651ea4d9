#include "DeployerScenarios.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTest>

#include <sys/stat.h>

namespace certdeck::test {

namespace {

QString reportText(const deploy::DeployReport& report)
{
    return QStringLiteral("failure: %1\nsteps:\n  %2").arg(report.failure, report.steps.join(QStringLiteral("\n  ")));
}

unsigned modeOf(const QString& path)
{
    struct stat info = {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? (info.st_mode & 07777) : 0;
}

} // namespace

DeployerScenarios::DeployerScenarios(WebServerFixture::Server server, bool separateChainFile)
    : m_bench(server)
    , m_separateChainFile(separateChainFile)
{
}

void DeployerScenarios::init()
{
    QString reason;
    if (!WebServerFixture::isAvailable(m_bench.serverKind(), &reason)) {
        QSKIP(qPrintable(reason));
    }
    const Status ready = m_bench.setUp(m_separateChainFile);
    QVERIFY2(ready.ok(), qPrintable(ready.message()));
}

void DeployerScenarios::cleanup()
{
    m_bench.tearDown();
}

void DeployerScenarios::verifyRolledBack(const deploy::DeployReport& report, const QString& failedStep)
{
    QVERIFY2(!report.deployed, qPrintable(reportText(report)));
    QVERIFY2(report.rolledBack, qPrintable(reportText(report)));
    QVERIFY2(report.failure.startsWith(failedStep + QStringLiteral(" failed:")), qPrintable(reportText(report)));
    QString difference;
    QVERIFY2(m_bench.filesUnchanged(&difference), qPrintable(difference));
    QCOMPARE(m_bench.servedFingerprint(), m_bench.oldCertificate().fingerprint);
    QCOMPARE(report.servedFingerprint, m_bench.oldCertificate().fingerprint);
}

void DeployerScenarios::deploysNewCertificateAndServesIt()
{
    auto deployer = makeDeployer();
    QList<int> percents;
    auto result = deployer->deploy(m_bench.requestFor(m_bench.newCertificate()),
                                   [&percents](int percent, const QString&) { percents << percent; });
    QVERIFY2(result.ok(), qPrintable(result.message()));
    QVERIFY2(result->deployed, qPrintable(reportText(*result)));
    QVERIFY(result->failure.isEmpty());
    QCOMPARE(result->servedFingerprint, m_bench.newCertificate().fingerprint);
    // A handshake of our own, not the deployer's word for it.
    QCOMPARE(m_bench.waitUntilServed(m_bench.newCertificate().fingerprint), m_bench.newCertificate().fingerprint);
    QVERIFY(!percents.isEmpty() && percents.last() == 100);

    QCOMPARE(modeOf(m_bench.keyFile()), 0600u);
    QCOMPARE(modeOf(m_bench.certificateFile()), 0644u);
    QFile key(m_bench.keyFile());
    QVERIFY(key.open(QIODevice::ReadOnly));
    QCOMPARE(key.readAll(), m_bench.newCertificate().keyPem);
    QVERIFY(!result->backupId.isEmpty());
    const QString backups = m_bench.stateDirectory() + QStringLiteral("/backups");
    QCOMPARE(modeOf(backups), 0700u);
    QCOMPARE(modeOf(backups + QLatin1Char('/') + result->backupId), 0700u);
    // No temp files left next to the targets.
    const QStringList leftovers =
        QDir(QFileInfo(m_bench.keyFile()).absolutePath()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
    QCOMPARE(leftovers, QStringList{QStringLiteral("site.key")});
}

void DeployerScenarios::rollbackAfterSuccessRestoresPreviousCertificate()
{
    auto deployer = makeDeployer();
    const deploy::DeployRequest request = m_bench.requestFor(m_bench.newCertificate());
    auto deployed = deployer->deploy(request, {});
    QVERIFY2(deployed.ok() && deployed->deployed,
             qPrintable(deployed.ok() ? reportText(*deployed) : deployed.message()));
    QCOMPARE(m_bench.waitUntilServed(m_bench.newCertificate().fingerprint), m_bench.newCertificate().fingerprint);

    auto rolledBack = deployer->rollback(deployed->backupId, request, {});
    QVERIFY2(rolledBack.ok(), qPrintable(rolledBack.message()));
    QVERIFY2(rolledBack->rolledBack, qPrintable(reportText(*rolledBack)));
    QCOMPARE(rolledBack->servedFingerprint, m_bench.oldCertificate().fingerprint);
    QCOMPARE(m_bench.waitUntilServed(m_bench.oldCertificate().fingerprint), m_bench.oldCertificate().fingerprint);
    QString difference;
    QVERIFY2(m_bench.filesUnchanged(&difference), qPrintable(difference));
}

void DeployerScenarios::refusesKeyThatDoesNotMatchBeforeWriting()
{
    deploy::DeployRequest request = m_bench.requestFor(m_bench.newCertificate());
    request.keyPem = m_bench.oldCertificate().keyPem; // another certificate's key
    auto result = makeDeployer()->deploy(request, {});
    QVERIFY(!result.ok());
    QVERIFY2(result.message().contains(QStringLiteral("private key does not belong")), qPrintable(result.message()));
    QString difference;
    QVERIFY2(m_bench.filesUnchanged(&difference), qPrintable(difference));
    QVERIFY2(!QFileInfo::exists(m_bench.stateDirectory() + QStringLiteral("/backups")), "a backup was made");
    QCOMPARE(m_bench.servedFingerprint(), m_bench.oldCertificate().fingerprint);
}

void DeployerScenarios::configTestFailureRestoresOldFiles()
{
    QFile config(m_bench.server().configFile());
    QVERIFY(config.open(QIODevice::Append));
    config.write("\nthis_directive_does_not_exist on;\n");
    config.close();

    auto result = makeDeployer()->deploy(m_bench.requestFor(m_bench.newCertificate()), {});
    QVERIFY2(result.ok(), qPrintable(result.message()));
    verifyRolledBack(*result, QStringLiteral("config test"));
    QVERIFY2(result->failure.contains(QStringLiteral("this_directive_does_not_exist")), qPrintable(result->failure));
}

void DeployerScenarios::reloadFailureRestoresOldFiles()
{
    // Without its pid file the server's own tool cannot find the running server to reload.
    QVERIFY(QFile::rename(m_bench.server().pidFile(), m_bench.server().pidFile() + QStringLiteral(".hidden")));

    auto result = makeDeployer()->deploy(m_bench.requestFor(m_bench.newCertificate()), {});
    // `nginx -t` leaves an empty pid file behind; put the real one back.
    QFile::remove(m_bench.server().pidFile());
    QVERIFY(QFile::rename(m_bench.server().pidFile() + QStringLiteral(".hidden"), m_bench.server().pidFile()));
    QVERIFY2(result.ok(), qPrintable(result.message()));
    verifyRolledBack(*result, QStringLiteral("reload"));
}

void DeployerScenarios::unwritableKeyPathRestoresCertificate()
{
    // The key's directory becomes a regular file: the certificate is written, then the key cannot be.
    const QString keys = m_bench.keysDirectory();
    QVERIFY(QFile::rename(keys, keys + QStringLiteral(".saved")));
    QFile blocker(keys);
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();

    auto result = makeDeployer()->deploy(m_bench.requestFor(m_bench.newCertificate()), {});

    QVERIFY(QFile::remove(keys));
    QVERIFY(QFile::rename(keys + QStringLiteral(".saved"), keys));
    QVERIFY2(result.ok(), qPrintable(result.message()));
    QVERIFY2(result->steps.join(QLatin1Char('\n')).contains(QStringLiteral("wrote ") + m_bench.certificateFile()),
             qPrintable(reportText(*result)));
    QVERIFY2(result->failure.contains(m_bench.keyFile()), qPrintable(result->failure));
    verifyRolledBack(*result, QStringLiteral("writing files"));
}

void DeployerScenarios::refusesRelativePathNamingTheField()
{
    deploy::DeployRequest request = m_bench.requestFor(m_bench.newCertificate());
    request.fields[QStringLiteral("certificateFile")] = QStringLiteral("certs/site.pem");
    auto result = makeDeployer()->deploy(request, {});
    QVERIFY(!result.ok());
    QVERIFY2(result.message().contains(QStringLiteral("Certificate file")) &&
                 result.message().contains(QStringLiteral("absolute path")),
             qPrintable(result.message()));
    QString difference;
    QVERIFY2(m_bench.filesUnchanged(&difference), qPrintable(difference));
}

} // namespace certdeck::test
