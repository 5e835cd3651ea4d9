// deploy::BotPolicy: the rules a bot's host sets, read from a file only its administrator can change, and the
// checks every deployer makes with it. Written as an attacker probes them: programs from the request, paths that
// leave a tree by "..", by a symbolic link or by a shared prefix, a policy file someone else could have edited.
#include "engine/deploy/BotPolicy.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using certdeck::ServerType;
using certdeck::deploy::BotPolicy;

namespace {

bool writeFile(const QString& path, const QByteArray& content, mode_t mode)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(content) != content.size()) {
        return false;
    }
    file.close();
    return ::chmod(QFile::encodeName(path).constData(), mode) == 0;
}

BotPolicy parsed(const QByteArray& text)
{
    auto policy = BotPolicy::parse(text, QStringLiteral("test.conf"));
    if (!policy) {
        qFatal("policy does not parse: %s", qPrintable(policy.message()));
    }
    return policy.value();
}

} // namespace

class TestBotPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaultsAreTheDocumentedFile();
    void programsComeFromThePolicyOnly_data();
    void programsComeFromThePolicyOnly();
    void bareNamePicksAnAllowedProgramThatExists();
    void pathsStayInsideTheirTrees_data();
    void pathsStayInsideTheirTrees();
    void symbolicLinkOutOfATreeIsRefused();
    void stateDirectoryIsAlwaysWritable();
    void flagsAreObeyed();
    void malformedPolicyNamesTheLine_data();
    void malformedPolicyNamesTheLine();
    void policyFileOthersCanWriteIsNotObeyed();
    void missingFileNamedByTheEnvironmentRefusesEverything();
};

void TestBotPolicy::defaultsAreTheDocumentedFile()
{
    const BotPolicy defaults = BotPolicy::builtinDefaults();
    QVERIFY(defaults.isUsable());
    QCOMPARE(defaults.programs(ServerType::Nginx), QStringList{QStringLiteral("/usr/sbin/nginx")});
    QVERIFY(defaults.writeTrees().contains(QStringLiteral("/etc/nginx")));
    QVERIFY(!defaults.writeTrees().contains(QStringLiteral("/tmp")));
    QVERIFY(defaults.checkWritable(QStringLiteral("/etc/nginx/tls/site.pem"), QStringLiteral("Certificate file")).ok());
    QVERIFY(!defaults.checkWritable(QStringLiteral("/etc/cron.d/certdeck"), QStringLiteral("Certificate file")).ok());
    QVERIFY(!defaults.checkWritable(QStringLiteral("/root/.ssh/authorized_keys"), QStringLiteral("Key file")).ok());
}

void TestBotPolicy::programsComeFromThePolicyOnly_data()
{
    QTest::addColumn<QString>("requested");
    QTest::addColumn<QString>("resolved"); // empty: refused
    QTest::newRow("the allowed path") << QStringLiteral("/usr/sbin/nginx") << QStringLiteral("/usr/sbin/nginx");
    QTest::newRow("empty") << QString() << QStringLiteral("/usr/sbin/nginx");
    QTest::newRow("its name") << QStringLiteral("nginx") << QStringLiteral("/usr/sbin/nginx");
    QTest::newRow("a shell") << QStringLiteral("/bin/sh") << QString();
    QTest::newRow("a shell by name") << QStringLiteral("sh") << QString();
    QTest::newRow("dot-dot to a shell") << QStringLiteral("/usr/sbin/../../bin/sh") << QString();
    QTest::newRow("allowed path with dot-dot") << QStringLiteral("/usr/sbin/../sbin/nginx") << QString();
    QTest::newRow("another nginx") << QStringLiteral("/tmp/nginx") << QString();
    QTest::newRow("relative with a slash") << QStringLiteral("./nginx") << QString();
    QTest::newRow("shell syntax") << QStringLiteral("nginx; id") << QString();
}

void TestBotPolicy::programsComeFromThePolicyOnly()
{
    QFETCH(QString, requested);
    QFETCH(QString, resolved);
    const BotPolicy policy = parsed("program.nginx = /usr/sbin/nginx\n");
    auto program = policy.resolveProgram(ServerType::Nginx, requested, [](const QString&) { return true; });
    if (resolved.isEmpty()) {
        QVERIFY2(!program, qPrintable(program ? program.value() : QString()));
        QVERIFY2(program.message().contains(QStringLiteral("rule program.nginx allows /usr/sbin/nginx")),
                 qPrintable(program.message()));
    } else {
        QVERIFY2(program, qPrintable(program.message()));
        QCOMPARE(program.value(), resolved);
    }
    // A server type without programs in the policy runs nothing.
    QVERIFY(!policy.resolveProgram(ServerType::ApacheHttp, QStringLiteral("/usr/sbin/apache2"), {}));
}

void TestBotPolicy::bareNamePicksAnAllowedProgramThatExists()
{
    const BotPolicy policy = parsed("program.apache-http = /opt/a/apache2 /usr/sbin/apache2 /usr/sbin/apache2ctl\n");
    const auto exists = [](const QString& path) { return path.startsWith(QLatin1String("/usr/")); };
    QCOMPARE(policy.resolveProgram(ServerType::ApacheHttp, QStringLiteral("apache2"), exists).value(),
             QStringLiteral("/usr/sbin/apache2"));
    QCOMPARE(policy.resolveProgram(ServerType::ApacheHttp, QString(), exists).value(),
             QStringLiteral("/usr/sbin/apache2"));
    QCOMPARE(policy.resolveProgram(ServerType::ApacheHttp, QStringLiteral("apache2ctl"), exists).value(),
             QStringLiteral("/usr/sbin/apache2ctl"));
    QVERIFY(!policy.resolveProgram(ServerType::ApacheHttp, QStringLiteral("httpd"), exists));
}

void TestBotPolicy::pathsStayInsideTheirTrees_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("inside") << QStringLiteral("/srv/tls/site.pem") << true;
    QTest::newRow("deeper") << QStringLiteral("/srv/tls/a/b/site.pem") << true;
    QTest::newRow("the tree itself") << QStringLiteral("/srv/tls") << true;
    QTest::newRow("a sibling sharing the prefix") << QStringLiteral("/srv/tls-evil/site.pem") << false;
    QTest::newRow("dot-dot out") << QStringLiteral("/srv/tls/../../etc/shadow") << false;
    QTest::newRow("dot-dot staying in") << QStringLiteral("/srv/tls/a/../site.pem") << false;
    QTest::newRow("double slash") << QStringLiteral("/srv//tls/site.pem") << false;
    QTest::newRow("relative") << QStringLiteral("srv/tls/site.pem") << false;
    QTest::newRow("NUL") << QStringLiteral("/srv/tls/site.pem") + QChar(0) + QStringLiteral("/etc/shadow") << false;
    QTest::newRow("elsewhere") << QStringLiteral("/etc/cron.d/job") << false;
}

void TestBotPolicy::pathsStayInsideTheirTrees()
{
    QFETCH(QString, path);
    QFETCH(bool, allowed);
    const BotPolicy policy = parsed("write = /srv/tls\nconfig = /srv/conf\n");
    const auto checked = policy.checkWritable(path, QStringLiteral("Certificate file"), false);
    QCOMPARE(checked.ok(), allowed);
    if (!allowed) {
        QVERIFY2(checked.message().startsWith(QStringLiteral("Certificate file: ")), qPrintable(checked.message()));
    }
    QVERIFY(!policy.checkConfig(path, QStringLiteral("Configuration file"), false).ok());
}

void TestBotPolicy::symbolicLinkOutOfATreeIsRefused()
{
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    QVERIFY(QDir().mkpath(temp.filePath(QStringLiteral("tls"))));
    QVERIFY(QDir().mkpath(temp.filePath(QStringLiteral("elsewhere"))));
    QVERIFY(QFile::link(temp.filePath(QStringLiteral("elsewhere")), temp.filePath(QStringLiteral("tls/link"))));
    const BotPolicy policy = parsed(QStringLiteral("write = %1\n").arg(temp.filePath(QStringLiteral("tls"))).toUtf8());
    QVERIFY(policy.checkWritable(temp.filePath(QStringLiteral("tls/site.pem")), QStringLiteral("Key file")).ok());
    QVERIFY(policy.checkWritable(temp.filePath(QStringLiteral("tls/new/dir/site.pem")), QStringLiteral("Key file")).ok());
    const auto escaped = policy.checkWritable(temp.filePath(QStringLiteral("tls/link/site.pem")), QStringLiteral("Key file"));
    QVERIFY2(!escaped.ok(), "a symbolic link led out of the tree");
    QVERIFY2(escaped.message().contains(QStringLiteral("rule write")), qPrintable(escaped.message()));
}

void TestBotPolicy::stateDirectoryIsAlwaysWritable()
{
    BotPolicy policy = parsed("write = /srv/tls\n");
    QVERIFY(!policy.checkWritable(QStringLiteral("/var/lib/certdeck-bot/backups/x"), QStringLiteral("Backup")).ok());
    policy.setStateDirectory(QStringLiteral("/var/lib/certdeck-bot"));
    QVERIFY(policy.checkWritable(QStringLiteral("/var/lib/certdeck-bot/backups/x"), QStringLiteral("Backup"), false).ok());
}

void TestBotPolicy::flagsAreObeyed()
{
    const BotPolicy strict = parsed("reload = no\nagentless = no\n");
    QVERIFY(!strict.checkReload().ok());
    QVERIFY(strict.checkReload().message().contains(QStringLiteral("reload = no")));
    QVERIFY(!strict.checkAgentless().ok());
    const BotPolicy open = parsed("reload = yes\nagentless = yes\n");
    QVERIFY(open.checkReload().ok());
    QVERIFY(open.checkAgentless().ok());
}

void TestBotPolicy::malformedPolicyNamesTheLine_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no equals") << QByteArray("# c\nwrite /srv\n") << QStringLiteral("test.conf:2: expected");
    QTest::newRow("relative tree") << QByteArray("write = srv\n") << QStringLiteral("test.conf:1: the directory");
    QTest::newRow("dot-dot tree") << QByteArray("write = /srv/../etc\n") << QStringLiteral("test.conf:1: the directory");
    QTest::newRow("relative program") << QByteArray("\n\nprogram.nginx = nginx\n")
                                      << QStringLiteral("test.conf:3: the program");
    QTest::newRow("unknown type") << QByteArray("program.emacs = /usr/bin/emacs\n")
                                  << QStringLiteral("test.conf:1: \"emacs\" is not a server type");
    QTest::newRow("unknown key") << QByteArray("allow_everything = yes\n") << QStringLiteral("test.conf:1: unknown setting");
    QTest::newRow("bad flag") << QByteArray("reload = maybe\n") << QStringLiteral("test.conf:1: \"maybe\" is not yes or no");
}

void TestBotPolicy::malformedPolicyNamesTheLine()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    auto policy = BotPolicy::parse(text, QStringLiteral("test.conf"));
    QVERIFY(!policy);
    QVERIFY2(policy.message().startsWith(expected), qPrintable(policy.message()));
}

void TestBotPolicy::policyFileOthersCanWriteIsNotObeyed()
{
    QTemporaryDir temp;
    QVERIFY(temp.isValid());
    QVERIFY(::chmod(QFile::encodeName(temp.path()).constData(), 0755) == 0);
    const QString path = temp.filePath(QStringLiteral("bot-policy.conf"));
    const QByteArray text = "write = /srv/tls\n";
    QVERIFY(writeFile(path, text, 0644));
    QVERIFY2(BotPolicy::loadFile(path).ok(), qPrintable(BotPolicy::loadFile(path).message()));

    QVERIFY(writeFile(path, text, 0664));
    auto groupWritable = BotPolicy::loadFile(path);
    QVERIFY(!groupWritable);
    QVERIFY2(groupWritable.message().contains(QStringLiteral("writable by group or others")),
             qPrintable(groupWritable.message()));

    QVERIFY(writeFile(path, text, 0644));
    QVERIFY(::chmod(QFile::encodeName(temp.path()).constData(), 0777) == 0);
    auto openDirectory = BotPolicy::loadFile(path);
    QVERIFY2(!openDirectory && openDirectory.message().contains(QStringLiteral("can be changed by another user")),
             qPrintable(openDirectory.message()));
    QVERIFY(::chmod(QFile::encodeName(temp.path()).constData(), 0755) == 0);

    const QString link = temp.filePath(QStringLiteral("link.conf"));
    QVERIFY(QFile::link(path, link));
    QVERIFY2(!BotPolicy::loadFile(link), "a symbolic link was followed");

    if (::geteuid() == 0) {
        QVERIFY(::chown(QFile::encodeName(path).constData(), 65534, 65534) == 0);
        auto foreign = BotPolicy::loadFile(path);
        QVERIFY2(!foreign && foreign.message().contains(QStringLiteral("owned by uid 65534")),
                 qPrintable(foreign.message()));
    }

    // Through load(): a file that cannot be trusted gives a policy that refuses everything, not the defaults.
    QVERIFY(writeFile(path, text, 0666));
    qputenv("CERTDECK_BOT_POLICY", QFile::encodeName(path));
    const BotPolicy loaded = BotPolicy::load();
    qunsetenv("CERTDECK_BOT_POLICY");
    QVERIFY(!loaded.isUsable());
    QCOMPARE(loaded.source(), path);
    QVERIFY(!loaded.checkWritable(QStringLiteral("/srv/tls/site.pem"), QStringLiteral("Certificate file")).ok());
    QVERIFY(!loaded.resolveProgram(ServerType::Nginx, QString(), {}));
    QVERIFY(!loaded.checkReload().ok());
}

void TestBotPolicy::missingFileNamedByTheEnvironmentRefusesEverything()
{
    qputenv("CERTDECK_BOT_POLICY", "/nonexistent/certdeck/bot-policy.conf");
    const BotPolicy loaded = BotPolicy::load();
    qunsetenv("CERTDECK_BOT_POLICY");
    QVERIFY(!loaded.isUsable());
    QVERIFY(!loaded.checkWritable(QStringLiteral("/etc/nginx/site.pem"), QStringLiteral("Certificate file")).ok());
}

QTEST_GUILESS_MAIN(TestBotPolicy)
#include "TestBotPolicy.moc"
