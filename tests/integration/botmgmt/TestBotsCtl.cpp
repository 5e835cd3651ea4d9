// `certdeckctl bots ...` as a script sees it (a separate process, the real keychain under with-keyring.sh, a REAL
// sshd on loopback): exit codes, messages, secrets only from files and stdin, and host keys trusted only explicitly.
#include "tests/support/SshdFixture.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace certdeck;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
    QString all() const { return out + err; }
};

} // namespace

class TestBotsCtl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void addsTrustsAndRemovesAnSshBot();
    void scansTheLocalHost();

private:
    Run ctl(const QStringList& arguments, const QByteArray& stdinData = {}, int timeoutMs = 180000);
    QJsonObject listed(const QString& name);

    QTemporaryDir m_dir;
    QString m_database;
    std::unique_ptr<test::SshdFixture> m_sshd;
};

Run TestBotsCtl::ctl(const QStringList& arguments, const QByteArray& stdinData, int timeoutMs)
{
    QProcess process;
    process.start(qEnvironmentVariable("CERTDECKCTL_BINARY"),
                  QStringList{QStringLiteral("--database"), m_database} + arguments);
    if (!process.waitForStarted(10000)) {
        return {};
    }
    process.write(stdinData);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(5000);
        return {-1, {}, QStringLiteral("certdeckctl did not finish")};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

QJsonObject TestBotsCtl::listed(const QString& name)
{
    const Run run = ctl({QStringLiteral("bots"), QStringLiteral("list"), QStringLiteral("--json")});
    if (run.exitCode != 0) {
        QTest::qFail(qPrintable(run.all()), __FILE__, __LINE__);
        return {};
    }
    const QJsonArray bots = QJsonDocument::fromJson(run.out.toUtf8()).array();
    for (const QJsonValue& bot : bots) {
        if (bot.toObject().value(QStringLiteral("name")).toString() == name) {
            return bot.toObject();
        }
    }
    return {};
}

void TestBotsCtl::initTestCase()
{
    QVERIFY(!qEnvironmentVariableIsEmpty("CERTDECKCTL_BINARY"));
    QString reason;
    if (!test::SshdFixture::isAvailable(&reason)) {
        QSKIP(qPrintable(reason));
    }
    QVERIFY(m_dir.isValid());
    m_database = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("inventory.db"));
    const Run init = ctl({QStringLiteral("init")});
    QVERIFY2(init.exitCode == 0, qPrintable(init.all()));
    m_sshd = std::make_unique<test::SshdFixture>(m_dir.path());
    const Status started = m_sshd->start();
    QVERIFY2(started.ok(), qPrintable(started.message() + QStringLiteral("\n") + m_sshd->log()));
}

void TestBotsCtl::cleanupTestCase()
{
    if (m_sshd) {
        m_sshd->stop();
    }
}

void TestBotsCtl::addsTrustsAndRemovesAnSshBot()
{
    const QString keyFile = m_dir.filePath(QStringLiteral("user key"));
    {
        QFile file(keyFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        file.write(m_sshd->userKeyWithPassphrase());
    }
    const QStringList add{QStringLiteral("bots"),
                          QStringLiteral("add"),
                          QStringLiteral("web1"),
                          QStringLiteral("--host"),
                          QStringLiteral("127.0.0.1"),
                          QStringLiteral("--port"),
                          QString::number(m_sshd->port()),
                          QStringLiteral("--user"),
                          m_sshd->userName(),
                          QStringLiteral("--key-file"),
                          keyFile,
                          QStringLiteral("--passphrase-stdin")};

    // Usage errors: exit 2, naming what is missing; nothing stored.
    const Run noUser = ctl(add.mid(0, 7) + add.mid(9, 2));
    QCOMPARE(noUser.exitCode, 2);
    QVERIFY2(noUser.err.contains(QStringLiteral("--user")), qPrintable(noUser.err));
    const Run wrongPassphrase = ctl(add, "not the passphrase\n");
    QCOMPARE(wrongPassphrase.exitCode, 2);
    QVERIFY2(wrongPassphrase.err.contains(QStringLiteral("Private key")), qPrintable(wrongPassphrase.err));
    QVERIFY(listed(QStringLiteral("web1")).isEmpty());

    const Run added = ctl(add, m_sshd->userKeyPassphrase() + "\n");
    QVERIFY2(added.exitCode == 0, qPrintable(added.all()));
    QJsonObject bot = listed(QStringLiteral("web1"));
    QCOMPARE(bot.value(QStringLiteral("transport")).toString(), QStringLiteral("ssh"));
    QCOMPARE(bot.value(QStringLiteral("port")).toInt(), m_sshd->port());
    QVERIFY(bot.value(QStringLiteral("hostKeyFingerprint")).toString().isEmpty());

    // Nothing connects before the host key is trusted.
    const Run early = ctl({QStringLiteral("bots"), QStringLiteral("install"), QStringLiteral("web1")});
    QCOMPARE(early.exitCode, 6);
    QVERIFY2(early.err.contains(QStringLiteral("not confirmed")), qPrintable(early.err));

    const Run hostKey = ctl({QStringLiteral("bots"), QStringLiteral("host-key"), QStringLiteral("web1")});
    QVERIFY2(hostKey.exitCode == 0, qPrintable(hostKey.all()));
    QVERIFY2(hostKey.out.contains(m_sshd->hostKeyFingerprint()), qPrintable(hostKey.out));

    const QString other = QStringLiteral("SHA256:") + QString(43, QLatin1Char('B'));
    const Run wrong = ctl({QStringLiteral("bots"), QStringLiteral("trust"), QStringLiteral("web1"),
                           QStringLiteral("--fingerprint"), other});
    QCOMPARE(wrong.exitCode, 6);
    QVERIFY2(wrong.err.contains(other) && wrong.err.contains(m_sshd->hostKeyFingerprint()), qPrintable(wrong.err));
    QVERIFY(listed(QStringLiteral("web1")).value(QStringLiteral("hostKeyFingerprint")).toString().isEmpty());

    const Run trusted = ctl({QStringLiteral("bots"), QStringLiteral("trust"), QStringLiteral("web1"),
                             QStringLiteral("--fingerprint"), m_sshd->hostKeyFingerprint()});
    QVERIFY2(trusted.exitCode == 0, qPrintable(trusted.all()));
    QCOMPARE(listed(QStringLiteral("web1")).value(QStringLiteral("hostKeyFingerprint")).toString(),
             m_sshd->hostKeyFingerprint());

    const Run removed = ctl({QStringLiteral("bots"), QStringLiteral("remove"), QStringLiteral("web1")});
    QVERIFY2(removed.exitCode == 0, qPrintable(removed.all()));
    QVERIFY(listed(QStringLiteral("web1")).isEmpty());
    const Run gone = ctl({QStringLiteral("bots"), QStringLiteral("remove"), QStringLiteral("web1")});
    QCOMPARE(gone.exitCode, 3);
    const Run unknown = ctl({QStringLiteral("bots"), QStringLiteral("frobnicate")});
    QCOMPARE(unknown.exitCode, 2);
}

void TestBotsCtl::scansTheLocalHost()
{
    const Run scan =
        ctl({QStringLiteral("bots"), QStringLiteral("scan"), QStringLiteral("local"), QStringLiteral("--json")});
    QVERIFY2(scan.exitCode == 0, qPrintable(scan.all()));
    const QJsonObject json = QJsonDocument::fromJson(scan.out.toUtf8()).object();
    QVERIFY2(!json.value(QStringLiteral("hostname")).toString().isEmpty(), qPrintable(scan.out));
    QVERIFY(!listed(QStringLiteral("local")).value(QStringLiteral("scannedAt")).toString().isEmpty());
}

QTEST_GUILESS_MAIN(TestBotsCtl)
#include "TestBotsCtl.moc"
