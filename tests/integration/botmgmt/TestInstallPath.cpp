// The bot's install path is a program the console runs on the host (under sudo when the bot is set to). Hostile
// values are refused wherever they enter (the add call of the console and of certdeckctl) and again right before
// use, when someone edited the inventory row: against a REAL sshd, a script at the hostile path would leave a
// canary file if CertDeck ran it. Run under tests/support/with-keyring.sh (the bot's SSH key is in the keychain).
#include "engine/bots/BotInstaller.h"
#include "engine/bots/BotServiceSteps.h"
#include "engine/bots/InstallPath.h"
#include "engine/bots/SshSession.h"
#include "engine/domain/Bot.h"
#include "engine/jobs/BotConnections.h"
#include "engine/secrets/SecretStore.h"
#include "engine/store/BotRepository.h"
#include "engine/store/Database.h"
#include "tests/support/SshdFixture.h"
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace certdeck;

class TestInstallPath : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<test::SshdFixture> m_sshd;
    std::shared_ptr<store::Database> m_db;
    QString m_canary;
    QString m_evil; // a script that leaves the canary and claims to be certdeck-bot

    QStringList hostileValues() const
    {
        return {QStringLiteral("/bin/sh"),
                QStringLiteral("/tmp/x; rm -rf /"),
                QStringLiteral("$(id)"),
                QStringLiteral("../../bin/bash"),
                QStringLiteral("/tmp/certdeck-bot\n/bin/sh"),
                QStringLiteral("~/bin/../../../bin/certdeck-bot"),
                QStringLiteral("/opt//certdeck-bot"),
                QStringLiteral("/opt/$(touch %1)/certdeck-bot").arg(m_canary),
                QStringLiteral("/opt/-x/certdeck-bot"),
                QStringLiteral("bin/certdeck-bot"),
                m_evil};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_canary = m_dir.filePath(QStringLiteral("canary"));
        m_evil = m_dir.filePath(QStringLiteral("evil.sh"));
        QFile script(m_evil);
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write(QStringLiteral("#!/bin/sh\ntouch '%1'\necho 'certdeck-bot 0.1.0 (bot protocol 1)'\nsleep 2\n")
                         .arg(m_canary)
                         .toUtf8());
        script.close();
        QVERIFY(script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ExeOther |
                                      QFile::ReadOther));
        auto db = store::Database::open(QStringLiteral("sqlite::memory:"));
        QVERIFY2(db, qPrintable(db.message()));
        m_db = *db;
    }

    void goodPathsAreAccepted()
    {
        for (const QString& path :
             {QStringLiteral("~/.local/bin/certdeck-bot"), QStringLiteral("/opt/certdeck/certdeck-bot"),
              QStringLiteral("/srv/opt dir/v1.2+x/certdeck-bot")}) {
            const Status checked = bots::install_path::check(path);
            QVERIFY2(checked, qPrintable(checked.message()));
        }
    }

    // Through the add call of the console's dialog and of certdeckctl (BotService -> steps::add): refused, named.
    void addRefusesHostilePaths()
    {
        const secrets::SecretStore secrets(QStringLiteral("CertDeckInstallPathTest"));
        const bots::steps::Env env{*m_db, secrets, nullptr, test::botBinary()};
        for (const QString& hostile : hostileValues()) {
            bots::SshBotRequest request;
            request.name = QStringLiteral("web");
            request.endpoint = {QStringLiteral("127.0.0.1"), 22, QStringLiteral("deploy")};
            request.auth = SshAuthMethod::Password;
            request.password = "pw";
            request.installPath = hostile;
            const Result<Bot> added = bots::steps::add(env, request);
            QVERIFY2(!added, qPrintable(hostile));
            QVERIFY2(added.message().startsWith(QStringLiteral("Install path:")), qPrintable(added.message()));
            const QString shown = QString(hostile).replace(QLatin1Char('\n'), QStringLiteral("\\n"));
            QVERIFY2(added.message().contains(shown), qPrintable(added.message()));
        }
        const Result<QList<Bot>> stored = store::BotRepository(*m_db).all();
        QVERIFY(stored);
        for (const Bot& bot : *stored) {
            QVERIFY2(bot.name != QLatin1String("web"), "a bot with a hostile install path was stored");
        }
        QVERIFY(!QFile::exists(m_canary));
    }

    // An installer handed a hostile path (an edited row) runs nothing on the host and writes nothing there.
    void installerRefusesHostilePathsOnARealHost()
    {
        QString reason;
        if (!test::SshdFixture::isAvailable(&reason)) {
            QSKIP(qPrintable(reason));
        }
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("sshd"))));
        m_sshd = std::make_unique<test::SshdFixture>(m_dir.filePath(QStringLiteral("sshd")));
        const Status started = m_sshd->start();
        QVERIFY2(started, qPrintable(started.message()));
        bots::SshSession session;
        const Status connected =
            session.connect(m_sshd->endpoint(), m_sshd->hostKeyFingerprint(), m_sshd->keyCredentials());
        QVERIFY2(connected, qPrintable(connected.message()));
        for (const QString& hostile : hostileValues()) {
            const auto installed = bots::BotInstaller::install(session, test::botBinary(), hostile);
            QVERIFY2(!installed, qPrintable(hostile));
            QVERIFY2(installed.message().startsWith(QStringLiteral("Install path:")), qPrintable(installed.message()));
            QCOMPARE(installed.error().kind, QStringLiteral("invalidInstallPath"));
        }
        QVERIFY2(!QFile::exists(m_canary), "a hostile install path was run on the host");
        QVERIFY(!QFile::exists(QStringLiteral("/tmp/x; rm -rf ")));
    }

    // The row is edited in the inventory after the bot was added: connecting refuses before anything runs.
    void connectRefusesAPathEditedInTheInventory()
    {
        if (!m_sshd) {
            QSKIP("no sshd");
        }
        const secrets::SecretStore secrets(QStringLiteral("CertDeckInstallPathTest"));
        Bot bot;
        bot.name = QStringLiteral("edited");
        bot.transport = BotTransportKind::Ssh;
        bot.host = QStringLiteral("127.0.0.1");
        bot.port = m_sshd->port();
        bot.user = m_sshd->endpoint().user;
        bot.auth = SshAuthMethod::Key;
        bot.role = BotRole::Bot;
        bot.installPath = QStringLiteral("~/.local/bin/certdeck-bot");
        bot.hostKeyFingerprint = m_sshd->hostKeyFingerprint();
        QVERIFY(store::BotRepository(*m_db).insert(bot));
        const Status stored =
            secrets.writeBlocking(botSecretKey(bot.id, QStringLiteral("key")), m_sshd->keyCredentials().privateKey);
        QVERIFY2(stored, qPrintable(stored.message()));

        jobs::BotConnections connections(test::botBinary(), {});
        connections.setSecretStore(&secrets);
        for (const QString& hostile : hostileValues()) {
            QSqlQuery query(m_db->connection());
            QVERIFY(query.prepare(QStringLiteral("UPDATE bots SET install_path = ? WHERE id = ?")));
            query.addBindValue(hostile);
            query.addBindValue(bot.id);
            QVERIFY(query.exec());
            auto found = store::BotRepository(*m_db).find(bot.id);
            QVERIFY(found && found->has_value());
            const Bot edited = **found;
            QCOMPARE(edited.installPath, hostile);
            std::optional<Result<bots::BotClient*>> outcome;
            connections.withClient(edited, [&](Result<bots::BotClient*> client) { outcome = std::move(client); });
            QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 20000);
            QVERIFY2(!*outcome, qPrintable(hostile));
            QVERIFY2(outcome->message().contains(QStringLiteral("Install path:")), qPrintable(outcome->message()));
            connections.forget(bot.id);
        }
        QTest::qWait(500);
        QVERIFY2(!QFile::exists(m_canary), "a program named by an edited inventory row was run");
        (void)secrets.removeBlocking(botSecretKey(bot.id, QStringLiteral("key")));
    }

    void cleanupTestCase() { m_sshd.reset(); }
};

QTEST_GUILESS_MAIN(TestInstallPath)
#include "TestInstallPath.moc"
