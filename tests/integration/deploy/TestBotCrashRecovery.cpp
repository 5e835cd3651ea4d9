// A certdeck-bot killed (SIGKILL, by a fail point) in the middle of a deployment leaves nothing half-deployed: the
// next start restores the backup byte-for-byte, tests and reloads the server, proves by handshake that the old
// certificate is served again and says so in hello; then the same deployment succeeds. Against REAL nginx and
// apache2 and the real bot binary.
#include "BotProcess.h"
#include "DeployTestBench.h"
#include "StagedDeploy.h"

#include "deployers/common/MaterialFiles.h"
#include "engine/crypto/Certificate.h"
#include "engine/crypto/CertificateBuilder.h"
#include "engine/crypto/CertificateRequest.h"
#include "tests/support/TestPki.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace certdeck;
using test::reportText;
using test::WebServerFixture;

namespace {

QStringList journalFiles(const QString& stateDir)
{
    return QDir(stateDir + QStringLiteral("/journal")).entryList({QStringLiteral("*.json")}, QDir::Files);
}

bool writePrivate(const QString& path, const QByteArray& content)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size()) {
        return false;
    }
    file.close();
    return ::chmod(QFile::encodeName(path).constData(), 0600) == 0;
}

} // namespace

class TestBotCrashRecovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void killedMidDeploymentIsRecoveredAtNextStart_data();
    void killedMidDeploymentIsRecoveredAtNextStart();
    void failedConfigTestRollbackIsProvenByHandshake();
    void recoveryThatCannotCompleteKeepsItsRecord();
    void hostileJournalRecordsAreRefused();
    void pruneKeepsFiveAndWhatTheJournalNeeds();

private:
    QJsonObject stageAndIssue(test::BotProcess& bot, test::DeployTestBench& bench, QString* fingerprint)
    {
        return test::stageAndIssue(bot, bench, m_pki, fingerprint);
    }

    test::TestPki m_pki;
};

void TestBotCrashRecovery::initTestCase()
{
    QVERIFY2(!test::botBinary().isEmpty(), "CERTDECK_BOT_BINARY is not set (run the test through ctest)");
}

void TestBotCrashRecovery::killedMidDeploymentIsRecoveredAtNextStart_data()
{
    QTest::addColumn<int>("server");
    QTest::addColumn<QString>("failPoint");
    const int nginx = int(WebServerFixture::Server::Nginx);
    QTest::newRow("nginx, backed up") << nginx << QStringLiteral("bot.deploy.backed-up");
    QTest::newRow("nginx, files written") << nginx << QStringLiteral("bot.deploy.files-written");
    QTest::newRow("nginx, reloaded") << nginx << QStringLiteral("bot.deploy.reloaded");
    QTest::newRow("nginx, rollback restored") << nginx << QStringLiteral("bot.rollback.restored");
    QTest::newRow("apache, reloaded") << int(WebServerFixture::Server::Apache) << QStringLiteral("bot.deploy.reloaded");
}

void TestBotCrashRecovery::killedMidDeploymentIsRecoveredAtNextStart()
{
    QFETCH(int, server);
    QFETCH(QString, failPoint);
    const auto kind = WebServerFixture::Server(server);
    QString reason;
    if (!WebServerFixture::isAvailable(kind, &reason)) {
        QSKIP(qPrintable(reason));
    }
    test::DeployTestBench bench(kind);
    const Status ready = bench.setUp(kind == WebServerFixture::Server::Apache);
    QVERIFY2(ready.ok(), qPrintable(ready.message()));
    const QString stateDir = bench.stateDirectory();
    const QString oldFingerprint = bench.oldCertificate().fingerprint;

    QString newFingerprint;
    QJsonObject params;
    {
        test::BotProcess bot;
        const Status started = bot.start(stateDir, failPoint);
        QVERIFY2(started.ok(), qPrintable(started.message()));
        params = stageAndIssue(bot, bench, &newFingerprint);
        QVERIFY(!params.isEmpty());

        // For the rollback fail point the deployment must fail after touching the files: the reload cannot find
        // the server without its pid file.
        const bool failReload = failPoint == QLatin1String("bot.rollback.restored");
        const QString pidFile = bench.server().pidFile();
        if (failReload) {
            QVERIFY(QFile::rename(pidFile, pidFile + QStringLiteral(".hidden")));
        }
        const auto deployed = bot.call(QStringLiteral("deploy"), params);
        if (failReload) {
            QFile::remove(pidFile);
            QVERIFY(QFile::rename(pidFile + QStringLiteral(".hidden"), pidFile));
        }
        QVERIFY2(!deployed, deployed ? qPrintable(reportText(*deployed)) : "");
        QVERIFY2(deployed.error().kind == QLatin1String("exited"), qPrintable(deployed.message()));
        QVERIFY2(bot.waitForExit(30000), "the bot did not die at its fail point");
        QVERIFY2(bot.crashed(), "the bot exited normally instead of being killed");
        QVERIFY2(bot.stderrText().contains(QStringLiteral("fail point %1 reached").arg(failPoint)),
                 qPrintable(bot.stderrText()));
    }
    QCOMPARE(journalFiles(stateDir).size(), 1);

    test::BotProcess bot;
    const Status restarted = bot.start(stateDir);
    QVERIFY2(restarted.ok(), qPrintable(restarted.message()));
    const QJsonArray recovery = bot.hello().value(QStringLiteral("recovery")).toArray();
    QCOMPARE(recovery.size(), 1);
    const QJsonObject recovered = recovery.first().toObject();
    QVERIFY2(recovered.value(QStringLiteral("outcome")).toString() == QLatin1String("recovered"),
             qPrintable(QJsonDocument(recovered).toJson() + bot.stderrText()));
    QCOMPARE(recovered.value(QStringLiteral("serverType")).toString(),
             params.value(QStringLiteral("serverType")).toString());
    QVERIFY(!recovered.value(QStringLiteral("backupId")).toString().isEmpty());
    QVERIFY2(recovered.value(QStringLiteral("message")).toString().contains(oldFingerprint),
             qPrintable(recovered.value(QStringLiteral("message")).toString()));
    QCOMPARE(recovered.value(QStringLiteral("fingerprint")).toString(), newFingerprint);

    // What a user cares about: the files are exactly the old ones (bytes, modes, owner), the old certificate is
    // served (our own handshake), nothing is left in progress.
    QString difference;
    QVERIFY2(bench.filesUnchanged(&difference), qPrintable(difference));
    QCOMPARE(bench.servedFingerprint(), oldFingerprint);
    QVERIFY2(journalFiles(stateDir).isEmpty(), qPrintable(journalFiles(stateDir).join(QLatin1Char(' '))));

    // The console resumes by deploying again: it succeeds.
    const auto deployed = bot.call(QStringLiteral("deploy"), params);
    QVERIFY2(deployed, qPrintable(deployed.message()));
    QVERIFY2(deployed->value(QStringLiteral("deployed")).toBool(), qPrintable(reportText(*deployed)));
    QCOMPARE(deployed->value(QStringLiteral("servedFingerprint")).toString(), newFingerprint);
    QCOMPARE(bench.waitUntilServed(newFingerprint), newFingerprint);
    QVERIFY(journalFiles(stateDir).isEmpty());
    bot.stop();
}

void TestBotCrashRecovery::failedConfigTestRollbackIsProvenByHandshake()
{
    QString reason;
    if (!WebServerFixture::isAvailable(WebServerFixture::Server::Nginx, &reason)) {
        QSKIP(qPrintable(reason));
    }
    test::DeployTestBench bench(WebServerFixture::Server::Nginx);
    const Status ready = bench.setUp();
    QVERIFY2(ready.ok(), qPrintable(ready.message()));
    test::BotProcess bot;
    const Status started = bot.start(bench.stateDirectory());
    QVERIFY2(started.ok(), qPrintable(started.message()));
    QString newFingerprint;
    const QJsonObject params = stageAndIssue(bot, bench, &newFingerprint);
    QVERIFY(!params.isEmpty());
    QFile config(bench.server().configFile());
    QVERIFY(config.open(QIODevice::Append));
    config.write("\nthis_directive_does_not_exist on;\n");
    config.close();

    const auto result = bot.call(QStringLiteral("deploy"), params);
    QVERIFY2(result, qPrintable(result.message()));
    const QJsonObject& report = *result;
    QVERIFY2(!report.value(QStringLiteral("deployed")).toBool(), qPrintable(reportText(report)));
    QVERIFY2(report.value(QStringLiteral("rolledBack")).toBool(), qPrintable(reportText(report)));
    QVERIFY2(report.value(QStringLiteral("failure")).toString().startsWith(QStringLiteral("config test failed")),
             qPrintable(reportText(report)));
    QCOMPARE(report.value(QStringLiteral("servedFingerprint")).toString(), bench.oldCertificate().fingerprint);
    QVERIFY2(reportText(report).contains(
                 QStringLiteral("verified previous certificate %1").arg(bench.oldCertificate().fingerprint)),
             qPrintable(reportText(report)));
    QString difference;
    QVERIFY2(bench.filesUnchanged(&difference), qPrintable(difference));
    QCOMPARE(bench.servedFingerprint(), bench.oldCertificate().fingerprint);
    QVERIFY(journalFiles(bench.stateDirectory()).isEmpty());
    bot.stop();
}

void TestBotCrashRecovery::recoveryThatCannotCompleteKeepsItsRecord()
{
    QString reason;
    if (!WebServerFixture::isAvailable(WebServerFixture::Server::Nginx, &reason)) {
        QSKIP(qPrintable(reason));
    }
    test::DeployTestBench broken(WebServerFixture::Server::Nginx);
    test::DeployTestBench other(WebServerFixture::Server::Nginx);
    Status ready = broken.setUp();
    QVERIFY2(ready.ok(), qPrintable(ready.message()));
    ready = other.setUp();
    QVERIFY2(ready.ok(), qPrintable(ready.message()));
    const QString stateDir = broken.stateDirectory();
    QString newFingerprint;
    QJsonObject params;
    {
        test::BotProcess bot;
        const Status started = bot.start(stateDir, QStringLiteral("bot.deploy.files-written"));
        QVERIFY2(started.ok(), qPrintable(started.message()));
        params = stageAndIssue(bot, broken, &newFingerprint);
        QVERIFY(!params.isEmpty());
        QVERIFY(!bot.call(QStringLiteral("deploy"), params));
        QVERIFY(bot.waitForExit(30000) && bot.crashed());
    }
    // While the bot is down, the server's configuration breaks: the recovery cannot finish.
    const QString configFile = broken.server().configFile();
    QFile config(configFile);
    QVERIFY(config.open(QIODevice::ReadOnly));
    const QByteArray goodConfig = config.readAll();
    config.close();
    QVERIFY(config.open(QIODevice::Append));
    config.write("\nthis_directive_does_not_exist on;\n");
    config.close();

    test::BotProcess bot;
    const Status started = bot.start(stateDir);
    QVERIFY2(started.ok(), qPrintable(started.message()));
    const QJsonArray recovery = bot.hello().value(QStringLiteral("recovery")).toArray();
    QCOMPARE(recovery.size(), 1);
    const QJsonObject outcome = recovery.first().toObject();
    QCOMPARE(outcome.value(QStringLiteral("outcome")).toString(), QStringLiteral("failed"));
    QVERIFY2(outcome.value(QStringLiteral("message")).toString().contains(QStringLiteral("config test failed")),
             qPrintable(outcome.value(QStringLiteral("message")).toString()));
    QCOMPARE(journalFiles(stateDir).size(), 1); // kept for the next attempt
    QString difference;
    QVERIFY2(broken.filesUnchanged(&difference), qPrintable(difference)); // the old files are back all the same

    // Another target is not blocked.
    QString otherFingerprint;
    const QJsonObject otherParams = stageAndIssue(bot, other, &otherFingerprint);
    auto deployed = bot.call(QStringLiteral("deploy"), otherParams);
    QVERIFY2(deployed && deployed->value(QStringLiteral("deployed")).toBool(),
             qPrintable(deployed ? reportText(*deployed) : deployed.message()));
    QCOMPARE(other.waitUntilServed(otherFingerprint), otherFingerprint);

    // The same target is refused while its recovery cannot finish, with the reason; nothing changes.
    deployed = bot.call(QStringLiteral("deploy"), params);
    QVERIFY2(deployed, qPrintable(deployed.message()));
    QVERIFY(!deployed->value(QStringLiteral("deployed")).toBool());
    QVERIFY2(deployed->value(QStringLiteral("failure")).toString().contains(QStringLiteral("config test failed")),
             qPrintable(reportText(*deployed)));
    QVERIFY2(broken.filesUnchanged(&difference), qPrintable(difference));

    // Once the configuration is fixed, deploying again first finishes the recovery, then deploys.
    QVERIFY(config.open(QIODevice::WriteOnly | QIODevice::Truncate));
    config.write(goodConfig);
    config.close();
    deployed = bot.call(QStringLiteral("deploy"), params);
    QVERIFY2(deployed && deployed->value(QStringLiteral("deployed")).toBool(),
             qPrintable(deployed ? reportText(*deployed) : deployed.message()));
    QVERIFY2(reportText(*deployed).contains(QStringLiteral("recovered an interrupted operation first")),
             qPrintable(reportText(*deployed)));
    QCOMPARE(broken.waitUntilServed(newFingerprint), newFingerprint);
    QVERIFY(journalFiles(stateDir).isEmpty());
    bot.stop();
}

void TestBotCrashRecovery::hostileJournalRecordsAreRefused()
{
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    const QString stateDir = temp.filePath(QStringLiteral("state"));
    const QString journal = stateDir + QStringLiteral("/journal");
    QVERIFY(QDir().mkpath(journal));
    QVERIFY(::chmod(QFile::encodeName(stateDir).constData(), 0700) == 0);
    QVERIFY(::chmod(QFile::encodeName(journal).constData(), 0700) == 0);

    // A backup outside the state directory whose manifest would write a file of the attacker's choosing.
    const QString victim = temp.filePath(QStringLiteral("victim.pem"));
    const QString outside = temp.filePath(QStringLiteral("elsewhere"));
    const QString backupId = QStringLiteral("20260101T000000Z-0badf00d");
    QVERIFY(QDir().mkpath(outside + QStringLiteral("/backups/") + backupId));
    const QJsonObject manifest{
        {QStringLiteral("version"), 1},
        {QStringLiteral("files"), QJsonArray{QJsonObject{{QStringLiteral("path"), victim},
                                                         {QStringLiteral("role"), QStringLiteral("certificate")},
                                                         {QStringLiteral("existed"), true},
                                                         {QStringLiteral("mode"), 0644},
                                                         {QStringLiteral("copy"), QStringLiteral("0")}}}}};
    QVERIFY(writePrivate(outside + QStringLiteral("/backups/") + backupId + QStringLiteral("/manifest.json"),
                         QJsonDocument(manifest).toJson()));
    QVERIFY(writePrivate(outside + QStringLiteral("/backups/") + backupId + QStringLiteral("/0"), "pwned"));
    // Two well-formed records whose backup is that planted one: one names a program the bot's policy does not allow,
    // the other the allowed nginx (so that only the backup index stands between the record and the victim).
    const QString otherId = QStringLiteral("20260101T000000Z-0badf00e");
    QVERIFY(QDir().mkpath(outside + QStringLiteral("/backups/") + otherId));
    QVERIFY(writePrivate(outside + QStringLiteral("/backups/") + otherId + QStringLiteral("/manifest.json"),
                         QJsonDocument(manifest).toJson()));
    QVERIFY(writePrivate(outside + QStringLiteral("/backups/") + otherId + QStringLiteral("/0"), "pwned"));
    const auto record = [&](const QString& id, const QString& program) {
        return QJsonObject{{QStringLiteral("version"), 1},
                           {QStringLiteral("id"), id},
                           {QStringLiteral("kind"), QStringLiteral("deploy")},
                           {QStringLiteral("restoreBackupId"), id},
                           {QStringLiteral("backupStore"), outside},
                           {QStringLiteral("serverType"), QStringLiteral("nginx")},
                           {QStringLiteral("fields"),
                            QJsonObject{{QStringLiteral("certificateFile"), victim},
                                        {QStringLiteral("keyFile"), QString(victim + QStringLiteral(".key"))},
                                        {QStringLiteral("configFile"), temp.filePath(QStringLiteral("x.conf"))},
                                        {QStringLiteral("nginxBinary"), program}}},
                           {QStringLiteral("verify"), QJsonObject{{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                                                                  {QStringLiteral("port"), 1}}},
                           {QStringLiteral("paths"), QJsonArray{victim}},
                           {QStringLiteral("startedAt"), QStringLiteral("2026-01-01T00:00:00.000Z")}};
    };
    QVERIFY(writePrivate(journal + QLatin1Char('/') + backupId + QStringLiteral(".json"),
                         QJsonDocument(record(backupId, QStringLiteral("/bin/true"))).toJson()));
    QVERIFY(writePrivate(journal + QLatin1Char('/') + otherId + QStringLiteral(".json"),
                         QJsonDocument(record(otherId, QStringLiteral("/usr/sbin/nginx"))).toJson()));
    QVERIFY(writePrivate(journal + QStringLiteral("/20260101T000001Z-00000001.json"), "{ this is not json"));

    test::BotProcess bot;
    const Status started = bot.start(stateDir);
    QVERIFY2(started.ok(), qPrintable(started.message()));
    const QJsonArray recovery = bot.hello().value(QStringLiteral("recovery")).toArray();
    QCOMPARE(recovery.size(), 3);
    QMap<QString, QJsonObject> outcomes;
    for (const QJsonValue& value : recovery) {
        outcomes[value.toObject().value(QStringLiteral("backupId")).toString()] = value.toObject();
    }
    bot.stop();
    QVERIFY2(!QFile::exists(victim), "a hostile journal record was followed");
    const auto says = [&](const QString& id, const QString& outcome, const QString& text) {
        const QJsonObject found = outcomes.value(id);
        return found.value(QStringLiteral("outcome")).toString() == outcome &&
               found.value(QStringLiteral("message")).toString().contains(text);
    };
    QVERIFY2(says(backupId, QStringLiteral("failed"), QStringLiteral("rule program.nginx")),
             qPrintable(QJsonDocument(recovery).toJson()));
    QVERIFY2(says(otherId, QStringLiteral("failed"), QStringLiteral("was not made by this bot")),
             qPrintable(QJsonDocument(recovery).toJson()));
    QVERIFY2(says(QStringLiteral("20260101T000001Z-00000001"), QStringLiteral("refused"),
                  QStringLiteral("not a JSON object")),
             qPrintable(QJsonDocument(recovery).toJson()));
    // Records that are not followed stay for the operator to inspect.
    QCOMPARE(journalFiles(stateDir).size(), 3);
}

void TestBotCrashRecovery::pruneKeepsFiveAndWhatTheJournalNeeds()
{
    QTemporaryDir temp;
    const QString target = temp.filePath(QStringLiteral("site.pem"));
    const QString other = temp.filePath(QStringLiteral("other.pem"));
    QVERIFY(writePrivate(target, "old"));
    deployers::MaterialFiles store(temp.filePath(QStringLiteral("state")));
    QStringList ids;
    for (int i = 0; i < 8; ++i) {
        auto id = store.backup({{target, deployers::MaterialFile::Role::Certificate, {}}});
        QVERIFY2(id, qPrintable(id.message()));
        ids << id.value();
    }
    auto otherId = store.backup({{other, deployers::MaterialFile::Role::Certificate, {}}});
    QVERIFY(otherId);
    // prune() orders by creation time: backups made within one millisecond must still get increasing times.
    QString previous;
    for (const QString& id : std::as_const(ids)) {
        const QString createdAt =
            QJsonDocument::fromJson(test::readFileBytes(store.backupDirectory(id) + QStringLiteral("/manifest.json")))
                .object()
                .value(QStringLiteral("createdAt"))
                .toString();
        QVERIFY2(!createdAt.isEmpty() && createdAt > previous,
                 qPrintable(createdAt + QStringLiteral(" after ") + previous));
        previous = createdAt;
    }
    store.prune(5, {ids.first()});
    for (int i = 0; i < ids.size(); ++i) {
        const bool kept = QFileInfo::exists(store.backupDirectory(ids.at(i)));
        QVERIFY2(kept == (i == 0 || i >= 3), qPrintable(QStringLiteral("backup %1 kept: %2").arg(i).arg(kept)));
    }
    QVERIFY(QFileInfo::exists(store.backupDirectory(otherId.value())));
}

QTEST_GUILESS_MAIN(TestBotCrashRecovery)
#include "TestBotCrashRecovery.moc"
