// certdeckctl hook set/show/test/clear keep the hook in the operator's own file (XDG config, 0600), and a hook that
// someone wrote into the inventory's settings never runs, also not through "hook test" or a scheduler pass.
#include "engine/store/Database.h"
#include "engine/store/SettingsRepository.h"
#include "tests/support/TestPki.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace certdeck;

class TestHookCtl : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_url;

    struct Run
    {
        int code = -1;
        QString output;
    };

    Run ctl(const QStringList& arguments)
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("data")));
        process.setProcessEnvironment(env);
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(qEnvironmentVariable("CERTDECKCTL_BINARY"),
                      QStringList{QStringLiteral("--database"), m_url} + arguments);
        process.closeWriteChannel();
        if (!process.waitForFinished(60000)) {
            process.kill();
            process.waitForFinished();
        }
        return {process.exitCode(), QString::fromUtf8(process.readAll())};
    }

    QString script(const QString& name, const QByteArray& body)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly)) {
            qFatal("cannot write %s", qPrintable(path));
        }
        file.write("#!/bin/sh\n" + body);
        file.close();
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        return path;
    }

    QString hookFile() const { return m_dir.filePath(QStringLiteral("config/CertDeck/certdeck/event-hook.json")); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_url = QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("inventory.db"));
        const Run init = ctl({QStringLiteral("init")});
        QVERIFY2(init.code == 0, qPrintable(init.output));
    }

    void inventoryHookIsIgnoredAndTheLocalOneRuns()
    {
        const QString canary = m_dir.filePath(QStringLiteral("inventory-hook-ran"));
        {
            auto db = store::Database::open(m_url);
            QVERIFY2(db, qPrintable(db.message()));
            store::SettingsRepository settings(**db);
            QVERIFY(settings.setValue(QStringLiteral("eventHook.program"),
                                      script(QStringLiteral("attacker.sh"), "touch \"$1\"\n")));
            QVERIFY(settings.setValue(QStringLiteral("eventHook.arguments"), QStringLiteral("[\"%1\"]").arg(canary)));
        }
        Run test = ctl({QStringLiteral("hook"), QStringLiteral("test")});
        QCOMPARE(test.code, 1);
        QVERIFY2(test.output.contains(QStringLiteral("No event hook is set")), qPrintable(test.output));
        QVERIFY2(test.output.contains(QStringLiteral("ignored")), qPrintable(test.output));
        QVERIFY2(!QFile::exists(canary), "certdeckctl ran the hook stored in the inventory");

        const QString out = m_dir.filePath(QStringLiteral("local.json"));
        const Run set = ctl({QStringLiteral("hook"), QStringLiteral("set"), QStringLiteral("--timeout"),
                             QStringLiteral("5"), script(QStringLiteral("local.sh"), "cat > \"$1\"\n"), out});
        QVERIFY2(set.code == 0, qPrintable(set.output));
        struct stat st = {};
        QVERIFY(::stat(QFile::encodeName(hookFile()).constData(), &st) == 0);
        QCOMPARE(st.st_mode & 07777, 0600u);
        QCOMPARE(st.st_uid, ::geteuid());

        const Run show = ctl({QStringLiteral("hook"), QStringLiteral("show")});
        QVERIFY2(show.code == 0 && show.output.contains(QStringLiteral("local.sh")) &&
                     show.output.contains(QStringLiteral("it is ignored")),
                 qPrintable(show.output));

        test = ctl({QStringLiteral("hook"), QStringLiteral("test")});
        QVERIFY2(test.code == 0, qPrintable(test.output));
        QVERIFY(QFile::exists(out));
        QVERIFY2(!QFile::exists(canary), "certdeckctl ran the hook stored in the inventory");

        // A scheduler pass raises a notification (a certificate expiring in 5 days, renewal off): the local hook
        // gets it, the inventory's hook still does not run.
        test::TestPki pki;
        test::LeafOptions leaf;
        leaf.names = {QStringLiteral("expiring.hookctl.test")};
        leaf.notAfter = QDateTime::currentDateTimeUtc().addDays(5);
        const QString pem = test::writeTestFile(m_dir.path(), QStringLiteral("expiring.pem"),
                                                pki.issueLeaf(leaf).cert.toPem());
        const Run imported = ctl({QStringLiteral("cert"), QStringLiteral("import"), pem});
        QVERIFY2(imported.code == 0, qPrintable(imported.output));
        QVERIFY(QFile::remove(out));
        const Run pass = ctl({QStringLiteral("scheduler"), QStringLiteral("run")});
        QVERIFY2(pass.code == 0, qPrintable(pass.output));
        QFile event(out);
        QVERIFY2(event.open(QIODevice::ReadOnly), "the local hook did not run for the scheduler's notification");
        QCOMPARE(QJsonDocument::fromJson(event.readAll()).object().value(QStringLiteral("kind")).toString(),
                 QStringLiteral("renewal.unattended"));
        QVERIFY2(!QFile::exists(canary), "the scheduler ran the hook stored in the inventory");

        // Writable by others: refused, nothing runs.
        QVERIFY(QFile::remove(out));
        QVERIFY(::chmod(QFile::encodeName(hookFile()).constData(), 0666) == 0);
        test = ctl({QStringLiteral("hook"), QStringLiteral("test")});
        QCOMPARE(test.code, 1);
        QVERIFY2(test.output.contains(QStringLiteral("other users may write")), qPrintable(test.output));
        QVERIFY(!QFile::exists(out));

        const Run clear = ctl({QStringLiteral("hook"), QStringLiteral("clear")});
        QVERIFY2(clear.code == 0, qPrintable(clear.output));
        QVERIFY(!QFile::exists(hookFile()));
    }
};

QTEST_GUILESS_MAIN(TestHookCtl)
#include "TestHookCtl.moc"
