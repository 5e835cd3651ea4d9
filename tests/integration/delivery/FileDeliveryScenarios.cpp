#include "FileDeliveryScenarios.h"

#include "engine/crypto/KeyStore.h"

#include <QDir>
#include <QFile>
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
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? unsigned(info.st_mode & 07777) : 0;
}

} // namespace

void FileDeliveryScenarios::init()
{
    m_work = std::make_unique<QTemporaryDir>();
    QVERIFY(m_work->isValid());
    QVERIFY2(startServer(m_work->path()), "the server did not start");
}

void FileDeliveryScenarios::cleanup()
{
    stopServer();
    m_work.reset();
}

deploy::DeployRequest FileDeliveryScenarios::deliveryOf(const IssuedCert& leaf, QVariantMap fields) const
{
    fields.insert(QStringLiteral("remoteDirectory"), remoteDirectory());
    deploy::DeployRequest delivery = request(fields);
    delivery.certificatePem = leaf.cert.toPem();
    delivery.chainPem = m_pki.intermediate().cert.toPem();
    delivery.keyPem = leaf.key.toPem();
    delivery.expectedFingerprint = leaf.cert.fingerprintSha256();
    delivery.verifyHost.clear(); // no server serves these files: the read-back is the proof
    delivery.verifyTimeoutMs = 3000;
    return delivery;
}

QByteArray FileDeliveryScenarios::localFile(const QString& name) const
{
    QFile file(localDirectory() + QLatin1Char('/') + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void FileDeliveryScenarios::deliversPemFilesThatReadBackByteForByte()
{
    const IssuedCert leaf = m_pki.issueLeaf({QStringLiteral("files.example.test")});
    auto deployer = makeDeployer();
    auto report = deployer->deploy(deliveryOf(leaf), {});
    QVERIFY2(report.ok(), qPrintable(report.message()));
    QVERIFY2(report->deployed, qPrintable(reportText(*report)));
    QVERIFY(report->steps.join(QLatin1Char('\n')).contains(QLatin1String("read back")));
    QVERIFY(report->steps.last().contains(QLatin1String("no endpoint to verify")));

    const QByteArray intermediate = m_pki.intermediate().cert.toPem();
    QCOMPARE(localFile(QStringLiteral("cert.pem")), leaf.cert.toPem());
    QCOMPARE(localFile(QStringLiteral("chain.pem")), intermediate);
    QCOMPARE(localFile(QStringLiteral("fullchain.pem")), leaf.cert.toPem() + intermediate);
    QCOMPARE(localFile(QStringLiteral("privkey.pem")), leaf.key.toPem());
    if (appliesPermissions()) {
        QCOMPARE(modeOf(localDirectory() + QStringLiteral("/privkey.pem")), 0600u);
        QCOMPARE(modeOf(localDirectory() + QStringLiteral("/cert.pem")), 0644u);
    }
    // No temporary file of the uploads is left behind.
    QCOMPARE(QDir(localDirectory()).entryList(QDir::Files | QDir::Hidden).size(), 4);
}

void FileDeliveryScenarios::rollbackBringsThePreviousFilesBackByteForByte()
{
    const IssuedCert first = m_pki.issueLeaf({QStringLiteral("files.example.test")});
    const IssuedCert second = m_pki.issueLeaf({QStringLiteral("files.example.test")});
    auto deployer = makeDeployer();
    auto delivered =
        deployer->deploy(deliveryOf(first, {{QStringLiteral("deliverChain"), QStringLiteral("false")}}), {});
    QVERIFY2(delivered && delivered->deployed, qPrintable(delivered ? reportText(*delivered) : delivered.message()));
    const QByteArray firstKey = localFile(QStringLiteral("privkey.pem"));
    const QByteArray firstFullChain = localFile(QStringLiteral("fullchain.pem"));

    auto replaced = deployer->deploy(deliveryOf(second), {});
    QVERIFY2(replaced && replaced->deployed, qPrintable(replaced ? reportText(*replaced) : replaced.message()));
    QCOMPARE(localFile(QStringLiteral("cert.pem")), second.cert.toPem());
    QVERIFY(!localFile(QStringLiteral("chain.pem")).isEmpty());

    auto rolledBack = deployer->rollback(replaced->backupId, deliveryOf(second), {});
    QVERIFY2(rolledBack.ok(), qPrintable(rolledBack.message()));
    QVERIFY2(rolledBack->rolledBack && rolledBack->failure.isEmpty(), qPrintable(reportText(*rolledBack)));
    QVERIFY2(!rolledBack->rollbackVerified, "no handshake happened, so the rollback must not claim one");
    QVERIFY(rolledBack->steps.last().contains(QLatin1String("read back byte-for-byte")));
    QCOMPARE(localFile(QStringLiteral("cert.pem")), first.cert.toPem());
    QCOMPARE(localFile(QStringLiteral("privkey.pem")), firstKey);
    QCOMPARE(localFile(QStringLiteral("fullchain.pem")), firstFullChain);
    // The first delivery had no chain file: after the rollback there is none again.
    QVERIFY(!QFile::exists(localDirectory() + QStringLiteral("/chain.pem")));
}

void FileDeliveryScenarios::hostileNamesAndPermissionsAreRefusedWithNothingWritten()
{
    const IssuedCert leaf = m_pki.issueLeaf({QStringLiteral("files.example.test")});
    auto deployer = makeDeployer();
    const struct
    {
        QVariantMap fields;
        QString named;
    } hostile[] = {
        {{{QStringLiteral("keyName"), QStringLiteral("../../etc/cron.d/x")}}, QStringLiteral("Key file name")},
        {{{QStringLiteral("certificateName"), QStringLiteral("-rf")}}, QStringLiteral("Certificate file name")},
        {{{QStringLiteral("chainName"), QStringLiteral("a b;touch /tmp/pwned")}}, QStringLiteral("Chain file name")},
        {{{QStringLiteral("keyName"), QStringLiteral("cert.pem")}}, QStringLiteral("Key file name")},
        {{{QStringLiteral("keyMode"), QStringLiteral("0644")}}, QStringLiteral("every user of the target")},
        {{{QStringLiteral("fileMode"), QStringLiteral("rw-r--r--")}}, QStringLiteral("Certificate file permissions")},
    };
    for (const auto& attack : hostile) {
        auto refused = deployer->deploy(deliveryOf(leaf, attack.fields), {});
        QVERIFY2(!refused.ok(), qPrintable(QStringLiteral("accepted: %1").arg(QVariant(attack.fields).toString())));
        QVERIFY2(refused.message().contains(attack.named), qPrintable(refused.message()));
        QVERIFY2(refused.message().contains(QLatin1String("nothing was changed"), Qt::CaseInsensitive),
                 qPrintable(refused.message()));
    }
    deploy::DeployRequest toMissing = deliveryOf(leaf);
    toMissing.fields.insert(QStringLiteral("remoteDirectory"), QString(remoteDirectory() + QStringLiteral("/missing")));
    auto refused = deployer->deploy(toMissing, {});
    QVERIFY(!refused.ok());
    QVERIFY2(refused.message().contains(QLatin1String("create it there first")), qPrintable(refused.message()));
    QVERIFY(QDir(localDirectory()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).isEmpty());
}

void FileDeliveryScenarios::keyStoreIsDeliveredAndOpensWithItsPassword()
{
    const IssuedCert leaf = m_pki.issueLeaf({QStringLiteral("files.example.test")});
    auto deployer = makeDeployer();
    const QByteArray password("store-secret-1");
    auto report =
        deployer->deploy(deliveryOf(leaf, {{QStringLiteral("fileFormat"), QStringLiteral("Key store (PKCS12 or JKS)")},
                                           {QStringLiteral("keyStorePassword"), QString::fromUtf8(password)},
                                           {QStringLiteral("keyAlias"), QStringLiteral("files")}}),
                         {});
    QVERIFY2(report.ok(), qPrintable(report.message()));
    QVERIFY2(report->deployed, qPrintable(reportText(*report)));
    const QByteArray store = localFile(QStringLiteral("certificate.p12"));
    auto entry = crypto::readKeyStoreEntry(store, password, QStringLiteral("files"));
    QVERIFY2(entry.ok(), qPrintable(entry.message()));
    QCOMPARE(entry->leaf.fingerprintSha256(), leaf.cert.fingerprintSha256());
    QCOMPARE(entry->chain.size(), 1);
    QVERIFY(!localFile(QStringLiteral("cert.pem")).size()); // only the store was delivered
    if (appliesPermissions()) {
        QCOMPARE(modeOf(localDirectory() + QStringLiteral("/certificate.p12")), 0600u);
    }
}

} // namespace certdeck::test
