// The bot obeys its own host's policy, not the requests it receives. Each case is a request that an attacker who can
// write the inventory (a shared database, a compromised console) could make the console send: a program of its
// choosing, paths outside the trees the bot may touch, a planted or edited backup manifest. Against the REAL
// certdeck-bot and a REAL nginx: nothing runs, nothing outside the policy is touched, the message names the rule.
#include "BotProcess.h"
#include "DeployTestBench.h"
#include "StagedDeploy.h"

#include "tests/support/TestPki.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace certdeck;
using test::reportText;
using test::WebServerFixture;

namespace {

bool writeFile(const QString& path, const QByteArray& content, mode_t mode)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size()) {
        return false;
    }
    file.close();
    return ::chmod(QFile::encodeName(path).constData(), mode) == 0;
}

QStringList journalFiles(const QString& stateDir)
{
    return QDir(stateDir + QStringLiteral("/journal")).entryList({QStringLiteral("*.json")}, QDir::Files);
}

} // namespace

class TestBotPolicyEnforcement : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void policyIsReportedInHello();
    void programNamedByTheRequestNeverRuns();
    void configOutsideThePolicyIsRefused();
    void targetFilesOutsideThePolicyAreRefused_data();
    void targetFilesOutsideThePolicyAreRefused();
    void plantedManifestIsNeverFollowed();
    void editedManifestIsNeverFollowed();
    void removeOutsideThePolicyDeletesNothing();
    void dcvPathOutsideThePolicyIsRefused();
    void reloadsForbiddenRefusesBeforeTouchingAnything();
    void untrustworthyPolicyFileRefusesEverything();
    void customBackupDirectoryIsRecoveredAfterACrash();

private:
    // The bench, a policy that allows exactly its certs/keys/custom-backups trees and its server's directory, and a
    // bot started with it.
    void startBot(const QByteArray& extraPolicy = {}, const QString& failPoint = {});
    QString root() const { return QFileInfo(m_bench->stateDirectory()).path(); }
    QString policyText() const;
    // A file outside every tree of the policy (but in the test's temporary directory).
    QString outside(const QString& name) const { return root() + QStringLiteral("/outside/") + name; }
    QJsonObject deployParams();

    test::TestPki m_pki;
    std::unique_ptr<test::DeployTestBench> m_bench;
    std::unique_ptr<test::BotProcess> m_bot;
    QString m_policyFile;
    QString m_newFingerprint;
};

QString TestBotPolicyEnforcement::policyText() const
{
    return QStringLiteral("program.nginx = %1\nwrite = %2/certs %2/keys %2/custom-backups %2/webroot\n"
                          "config = %2/server\n")
        .arg(m_bench->server().binary(), root());
}

void TestBotPolicyEnforcement::init()
{
    QVERIFY2(!test::botBinary().isEmpty(), "CERTDECK_BOT_BINARY is not set (run the test through ctest)");
    QString reason;
    if (!WebServerFixture::isAvailable(WebServerFixture::Server::Nginx, &reason)) {
        QSKIP(qPrintable(reason));
    }
    m_bench = std::make_unique<test::DeployTestBench>(WebServerFixture::Server::Nginx);
    const Status ready = m_bench->setUp();
    QVERIFY2(ready.ok(), qPrintable(ready.message()));
    QVERIFY(QDir().mkpath(root() + QStringLiteral("/outside")));
    QVERIFY(QDir().mkpath(root() + QStringLiteral("/policy")));
    QVERIFY(::chmod(QFile::encodeName(root() + QStringLiteral("/policy")).constData(), 0755) == 0);
    m_policyFile = root() + QStringLiteral("/policy/bot-policy.conf");
}

void TestBotPolicyEnforcement::cleanup()
{
    m_bot.reset();
    m_bench.reset();
}

void TestBotPolicyEnforcement::startBot(const QByteArray& extraPolicy, const QString& failPoint)
{
    QVERIFY(writeFile(m_policyFile, policyText().toUtf8() + extraPolicy, 0644));
    m_bot = std::make_unique<test::BotProcess>();
    m_bot->setPolicyFile(m_policyFile);
    const Status started = m_bot->start(m_bench->stateDirectory(), failPoint);
    QVERIFY2(started.ok(), qPrintable(started.message()));
}

QJsonObject TestBotPolicyEnforcement::deployParams()
{
    return test::stageAndIssue(*m_bot, *m_bench, m_pki, &m_newFingerprint);
}

void TestBotPolicyEnforcement::policyIsReportedInHello()
{
    startBot();
    const QJsonObject policy = m_bot->hello().value(QStringLiteral("policy")).toObject();
    QCOMPARE(policy.value(QStringLiteral("source")).toString(), m_policyFile);
    QVERIFY(policy.value(QStringLiteral("usable")).toBool());
    QCOMPARE(policy.value(QStringLiteral("programs")).toObject().value(QStringLiteral("nginx")).toArray().size(), 1);
    QCOMPARE(policy.value(QStringLiteral("config")).toArray(),
             QJsonArray::fromStringList({root() + QStringLiteral("/server")}));
    // And the policy reaches the console with every scan, to be shown there read-only.
    const auto scanned = m_bot->call(QStringLiteral("scan"), {});
    QVERIFY2(scanned, qPrintable(scanned.message()));
    QCOMPARE(scanned->value(QStringLiteral("policy")).toObject().value(QStringLiteral("source")).toString(),
             m_policyFile);
}

// The attack the review found: nginxBinary=/bin/sh with configFile naming a script runs that script as root.
void TestBotPolicyEnforcement::programNamedByTheRequestNeverRuns()
{
    startBot();
    QJsonObject params = deployParams();
    QVERIFY(!params.isEmpty());
    const QString canary = outside(QStringLiteral("pwned"));
    const QString script = root() + QStringLiteral("/server/evil.sh"); // inside the config tree on purpose
    QVERIFY(writeFile(script, QStringLiteral("#!/bin/sh\ntouch '%1'\n").arg(canary).toUtf8(), 0755));
    const QStringList programs{QStringLiteral("/bin/sh"), QStringLiteral("sh"), QStringLiteral("/usr/bin/env"),
                               m_bench->server().binary() + QStringLiteral("/../../../bin/sh"), script};
    for (const QString& program : programs) {
        QJsonObject fields = params.value(QStringLiteral("fields")).toObject();
        fields[QStringLiteral("nginxBinary")] = program;
        fields[QStringLiteral("configFile")] = script;
        params[QStringLiteral("fields")] = fields;
        const auto deployed = m_bot->call(QStringLiteral("deploy"), params);
        QVERIFY2(!deployed, deployed ? qPrintable(reportText(*deployed)) : "");
        QVERIFY2(deployed.message().contains(QStringLiteral("program.nginx")) &&
                     deployed.message().contains(m_policyFile),
                 qPrintable(deployed.message()));
        QVERIFY2(!QFile::exists(canary), qPrintable(program));
    }
    QString difference;
    QVERIFY2(m_bench->filesUnchanged(&difference), qPrintable(difference));
    QCOMPARE(m_bench->servedFingerprint(), m_bench->oldCertificate().fingerprint);
    QVERIFY(journalFiles(m_bench->stateDirectory()).isEmpty());

    // The allowed program, named by path or by name, still deploys.
    QJsonObject fields = params.value(QStringLiteral("fields")).toObject();
    fields[QStringLiteral("nginxBinary")] = QStringLiteral("nginx");
    fields[QStringLiteral("configFile")] = m_bench->server().configFile();
    params[QStringLiteral("fields")] = fields;
    const auto deployed = m_bot->call(QStringLiteral("deploy"), params);
    QVERIFY2(deployed && deployed->value(QStringLiteral("deployed")).toBool(),
             qPrintable(deployed ? reportText(*deployed) : deployed.message()));
    QCOMPARE(m_bench->waitUntilServed(m_newFingerprint), m_newFingerprint);
}

void TestBotPolicyEnforcement::configOutsideThePolicyIsRefused()
{
    startBot();
    QJsonObject params = deployParams();
    QVERIFY(!params.isEmpty());
    const QString hostileConfig = outside(QStringLiteral("nginx.conf"));
    QVERIFY(QFile::copy(m_bench->server().configFile(), hostileConfig));
    const QList<std::pair<QString, QString>> hostileFields{
        {QStringLiteral("configFile"), hostileConfig},
        {QStringLiteral("prefix"), outside(QString())},
        {QStringLiteral("configFile"), root() + QStringLiteral("/server/../outside/nginx.conf")}};
    for (const auto& [field, value] : hostileFields) {
        QJsonObject fields = params.value(QStringLiteral("fields")).toObject();
        fields[field] = value;
        QJsonObject hostile = params;
        hostile[QStringLiteral("fields")] = fields;
        const auto deployed = m_bot->call(QStringLiteral("deploy"), hostile);
        QVERIFY2(!deployed, deployed ? qPrintable(reportText(*deployed)) : "");
        QVERIFY2(deployed.message().contains(QStringLiteral("rule config")) ||
                     deployed.message().contains(QStringLiteral("must be an absolute path without")),
                 qPrintable(deployed.message()));
    }
    QString difference;
    QVERIFY2(m_bench->filesUnchanged(&difference), qPrintable(difference));
}

void TestBotPolicyEnforcement::targetFilesOutsideThePolicyAreRefused_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("relative"); // to the bench's root; "LINK" is a symbolic link to outside/
    QTest::newRow("certificate elsewhere") << QStringLiteral("certificateFile") << QStringLiteral("outside/site.pem");
    QTest::newRow("key elsewhere") << QStringLiteral("keyFile") << QStringLiteral("outside/site.key");
    QTest::newRow("dot-dot out of an allowed tree")
        << QStringLiteral("keyFile") << QStringLiteral("keys/../outside/site.key");
    QTest::newRow("symbolic link out of an allowed tree")
        << QStringLiteral("certificateFile") << QStringLiteral("certs/LINK/site.pem");
    QTest::newRow("backup directory elsewhere") << QStringLiteral("backupDirectory") << QStringLiteral("outside");
}

void TestBotPolicyEnforcement::targetFilesOutsideThePolicyAreRefused()
{
    QFETCH(QString, field);
    QFETCH(QString, relative);
    QVERIFY(QFile::link(root() + QStringLiteral("/outside"), root() + QStringLiteral("/certs/LINK")));
    startBot();
    QJsonObject params = deployParams();
    QVERIFY(!params.isEmpty());
    QJsonObject fields = params.value(QStringLiteral("fields")).toObject();
    fields[field] = QString(root() + QLatin1Char('/') + relative);
    params[QStringLiteral("fields")] = fields;
    const auto deployed = m_bot->call(QStringLiteral("deploy"), params);
    QVERIFY2(!deployed, deployed ? qPrintable(reportText(*deployed)) : "");
    QVERIFY2(deployed.message().contains(QStringLiteral("rule write")) ||
                 deployed.message().contains(QStringLiteral("must be an absolute path without")),
             qPrintable(deployed.message()));
    QVERIFY2(QDir(root() + QStringLiteral("/outside")).isEmpty(),
             qPrintable(QDir(root() + QStringLiteral("/outside")).entryList().join(QLatin1Char(' '))));
    QString difference;
    QVERIFY2(m_bench->filesUnchanged(&difference), qPrintable(difference));
}

// A request names a backup id and a backup directory that holds a manifest of the attacker's: its paths, modes and
// owners are never used. The directory is even inside the policy's write trees.
void TestBotPolicyEnforcement::plantedManifestIsNeverFollowed()
{
    const QString store = root() + QStringLiteral("/custom-backups");
    const QString backupId = QStringLiteral("20260101T000000Z-0badc0de");
    const QString victim = root() + QStringLiteral("/keys/victim");
    const QJsonObject manifest{
        {QStringLiteral("version"), 1},
        {QStringLiteral("files"), QJsonArray{QJsonObject{{QStringLiteral("path"), victim},
                                                         {QStringLiteral("role"), QStringLiteral("key")},
                                                         {QStringLiteral("existed"), true},
                                                         {QStringLiteral("mode"), 04755},
                                                         {QStringLiteral("uid"), 0},
                                                         {QStringLiteral("gid"), 0},
                                                         {QStringLiteral("copy"), QStringLiteral("0")}}}}};
    QVERIFY(writeFile(store + QStringLiteral("/backups/") + backupId + QStringLiteral("/manifest.json"),
                      QJsonDocument(manifest).toJson(), 0600));
    QVERIFY(writeFile(store + QStringLiteral("/backups/") + backupId + QStringLiteral("/0"), "#!/bin/sh\n", 0600));
    startBot();
    QJsonObject fields = QJsonObject::fromVariantMap(m_bench->requestFor(m_bench->newCertificate()).fields);
    fields[QStringLiteral("backupDirectory")] = store;
    const auto rolledBack =
        m_bot->call(QStringLiteral("rollback"), {{QStringLiteral("serverType"), QStringLiteral("nginx")},
                                                 {QStringLiteral("backupId"), backupId},
                                                 {QStringLiteral("fields"), fields}});
    QVERIFY2(!rolledBack, rolledBack ? qPrintable(reportText(*rolledBack)) : "");
    QVERIFY2(rolledBack.message().contains(QStringLiteral("was not made by this bot")),
             qPrintable(rolledBack.message()));
    QVERIFY(!QFile::exists(victim));
    QString difference;
    QVERIFY2(m_bench->filesUnchanged(&difference), qPrintable(difference));
}

// A real backup of the bot's, whose manifest someone edits afterwards to name another file: refused.
void TestBotPolicyEnforcement::editedManifestIsNeverFollowed()
{
    startBot();
    QJsonObject params = deployParams();
    QVERIFY(!params.isEmpty());
    const auto deployed = m_bot->call(QStringLiteral("deploy"), params);
    QVERIFY2(deployed && deployed->value(QStringLiteral("deployed")).toBool(),
             qPrintable(deployed ? reportText(*deployed) : deployed.message()));
    const QString backupId = deployed->value(QStringLiteral("backupId")).toString();
    const QString manifestPath =
        m_bench->stateDirectory() + QStringLiteral("/backups/") + backupId + QStringLiteral("/manifest.json");
    QFile manifestFile(manifestPath);
    QVERIFY(manifestFile.open(QIODevice::ReadOnly));
    QJsonObject manifest = QJsonDocument::fromJson(manifestFile.readAll()).object();
    manifestFile.close();
    QJsonArray files = manifest.value(QStringLiteral("files")).toArray();
    QJsonObject first = files.at(0).toObject();
    const QString victim = root() + QStringLiteral("/certs/victim.pem");
    first[QStringLiteral("path")] = victim;
    files[0] = first;
    manifest[QStringLiteral("files")] = files;
    QVERIFY(writeFile(manifestPath, QJsonDocument(manifest).toJson(), 0600));

    const auto rolledBack =
        m_bot->call(QStringLiteral("rollback"), {{QStringLiteral("serverType"), QStringLiteral("nginx")},
                                                 {QStringLiteral("backupId"), backupId},
                                                 {QStringLiteral("fields"), params.value(QStringLiteral("fields"))}});
    QVERIFY2(!rolledBack, rolledBack ? qPrintable(reportText(*rolledBack)) : "");
    QVERIFY2(rolledBack.message().contains(QStringLiteral("was changed after the bot wrote it")),
             qPrintable(rolledBack.message()));
    QVERIFY(!QFile::exists(victim));
    QCOMPARE(m_bench->servedFingerprint(), m_newFingerprint); // nothing was rolled back
}

void TestBotPolicyEnforcement::removeOutsideThePolicyDeletesNothing()
{
    const QString precious = outside(QStringLiteral("precious.pem"));
    QVERIFY(writeFile(precious, "keep me", 0644));
    startBot();
    QJsonObject fields = QJsonObject::fromVariantMap(m_bench->requestFor(m_bench->newCertificate()).fields);
    fields[QStringLiteral("certificateFile")] = precious;
    fields.remove(QStringLiteral("backupDirectory"));
    const auto removed =
        m_bot->call(QStringLiteral("remove"),
                    {{QStringLiteral("serverType"), QStringLiteral("nginx")},
                     {QStringLiteral("fields"), fields},
                     {QStringLiteral("verify"), QJsonObject{{QStringLiteral("host"), QStringLiteral("127.0.0.1")},
                                                            {QStringLiteral("port"), 1}}}});
    QVERIFY2(!removed, removed ? qPrintable(reportText(*removed)) : "");
    QVERIFY2(removed.message().contains(QStringLiteral("rule write")), qPrintable(removed.message()));
    QVERIFY(QFile::exists(precious));
    QString difference;
    QVERIFY2(m_bench->filesUnchanged(&difference), qPrintable(difference));
}

void TestBotPolicyEnforcement::dcvPathOutsideThePolicyIsRefused()
{
    startBot();
    const auto put = m_bot->call(QStringLiteral("dcv.put"), {{QStringLiteral("dcvPath"), outside(QString())},
                                                             {QStringLiteral("token"), QStringLiteral("abc_DEF-123")},
                                                             {QStringLiteral("content"), QStringLiteral("abc.xyz")}});
    QVERIFY2(!put, "dcv.put wrote outside the policy");
    QVERIFY2(put.message().contains(QStringLiteral("rule write")), qPrintable(put.message()));
    QVERIFY(QDir(root() + QStringLiteral("/outside")).isEmpty());
    // Inside the policy it works.
    QVERIFY(QDir().mkpath(root() + QStringLiteral("/webroot")));
    const auto allowed = m_bot->call(QStringLiteral("dcv.put"),
                                     {{QStringLiteral("dcvPath"), QString(root() + QStringLiteral("/webroot"))},
                                      {QStringLiteral("token"), QStringLiteral("abc_DEF-123")},
                                      {QStringLiteral("content"), QStringLiteral("abc.xyz")}});
    QVERIFY2(allowed, qPrintable(allowed.message()));
    QVERIFY(QFile::exists(root() + QStringLiteral("/webroot/.well-known/acme-challenge/abc_DEF-123")));
}

void TestBotPolicyEnforcement::reloadsForbiddenRefusesBeforeTouchingAnything()
{
    startBot("reload = no\n");
    const QJsonObject params = deployParams();
    QVERIFY(!params.isEmpty());
    const auto deployed = m_bot->call(QStringLiteral("deploy"), params);
    QVERIFY2(!deployed, deployed ? qPrintable(reportText(*deployed)) : "");
    QVERIFY2(deployed.message().contains(QStringLiteral("reload = no")), qPrintable(deployed.message()));
    QString difference;
    QVERIFY2(m_bench->filesUnchanged(&difference), qPrintable(difference));
    QVERIFY(!QDir(m_bench->stateDirectory() + QStringLiteral("/backups")).exists() ||
            QDir(m_bench->stateDirectory() + QStringLiteral("/backups")).isEmpty());
}

// A policy file that someone else can write is not obeyed, and not replaced by the defaults either.
void TestBotPolicyEnforcement::untrustworthyPolicyFileRefusesEverything()
{
    startBot();
    m_bot.reset();
    QVERIFY(::chmod(QFile::encodeName(m_policyFile).constData(), 0666) == 0);
    m_bot = std::make_unique<test::BotProcess>();
    m_bot->setPolicyFile(m_policyFile);
    const Status started = m_bot->start(m_bench->stateDirectory());
    QVERIFY2(started.ok(), qPrintable(started.message()));
    const QJsonObject policy = m_bot->hello().value(QStringLiteral("policy")).toObject();
    QVERIFY(!policy.value(QStringLiteral("usable")).toBool());
    QVERIFY2(policy.value(QStringLiteral("problem")).toString().contains(QStringLiteral("writable by group or others")),
             qPrintable(policy.value(QStringLiteral("problem")).toString()));
    const QJsonObject params = deployParams();
    QVERIFY(!params.isEmpty());
    const auto deployed = m_bot->call(QStringLiteral("deploy"), params);
    QVERIFY2(!deployed, deployed ? qPrintable(reportText(*deployed)) : "");
    QVERIFY2(deployed.message().contains(QStringLiteral("cannot be used")), qPrintable(deployed.message()));
    QString difference;
    QVERIFY2(m_bench->filesUnchanged(&difference), qPrintable(difference));
}

// Before, a journal record whose backups were in a directory the operator chose was refused after a crash, and the
// half-written files stayed. Now the bot's index vouches for the backup and the recovery restores it.
void TestBotPolicyEnforcement::customBackupDirectoryIsRecoveredAfterACrash()
{
    const QString store = root() + QStringLiteral("/custom-backups");
    QJsonObject params;
    {
        startBot(QByteArray(), QStringLiteral("bot.deploy.files-written"));
        params = deployParams();
        QVERIFY(!params.isEmpty());
        QJsonObject fields = params.value(QStringLiteral("fields")).toObject();
        fields[QStringLiteral("backupDirectory")] = store;
        params[QStringLiteral("fields")] = fields;
        const auto deployed = m_bot->call(QStringLiteral("deploy"), params);
        QVERIFY2(!deployed, deployed ? qPrintable(reportText(*deployed)) : "");
        QVERIFY2(m_bot->waitForExit(30000) && m_bot->crashed(), "the bot did not die at its fail point");
    }
    QCOMPARE(journalFiles(m_bench->stateDirectory()).size(), 1);
    QVERIFY(!QDir(store + QStringLiteral("/backups")).isEmpty());
    QString difference;
    QVERIFY(!m_bench->filesUnchanged(&difference)); // half-deployed: the new files are in place

    startBot();
    const QJsonArray recovery = m_bot->hello().value(QStringLiteral("recovery")).toArray();
    QCOMPARE(recovery.size(), 1);
    const QJsonObject outcome = recovery.first().toObject();
    QVERIFY2(outcome.value(QStringLiteral("outcome")).toString() == QLatin1String("recovered"),
             qPrintable(QJsonDocument(outcome).toJson() + m_bot->stderrText()));
    QVERIFY2(m_bench->filesUnchanged(&difference), qPrintable(difference));
    QCOMPARE(m_bench->servedFingerprint(), m_bench->oldCertificate().fingerprint);
    QVERIFY(journalFiles(m_bench->stateDirectory()).isEmpty());
}

QTEST_GUILESS_MAIN(TestBotPolicyEnforcement)
#include "TestBotPolicyEnforcement.moc"
