// The Notifier with a real event hook script: the event reaches it as JSON on stdin only, shell metacharacters
// in the event and in the arguments stay inert, a hook that hangs is killed, failures are audited once.
#include "engine/notify/EventHook.h"
#include "engine/notify/Notifier.h"
#include "engine/store/AuditRepository.h"
#include "engine/store/Database.h"
#include "engine/store/NotificationRepository.h"

#include <QFile>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace certdeck;

class TestNotifierHook : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<store::Database> m_db;

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

    QList<AuditEvent> hookFailures()
    {
        store::AuditQuery query;
        query.action = QStringLiteral("hook.failed");
        return store::AuditRepository(*m_db).query(query).value();
    }

    static QByteArray readAll(const QString& path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        auto db = store::Database::open(QStringLiteral("sqlite:") +
                                        m_dir.filePath(QStringLiteral("%1.db").arg(QTest::currentTestFunction())));
        QVERIFY2(db, qPrintable(db.message()));
        m_db = *db;
    }

    void eventArrivesAsJsonAndMetacharactersAreInert()
    {
        const QString stdinFile = m_dir.filePath(QStringLiteral("stdin.json"));
        const QString argsFile = m_dir.filePath(QStringLiteral("args.txt"));
        const QString marker = m_dir.filePath(QStringLiteral("pwned"));
        const QString hook =
            script(QStringLiteral("hook.sh"), "cat > \"$1\"\nshift\nout=\"$1\"\nshift\n"
                                              "for a in \"$@\"; do printf '%s\\n' \"$a\" >> \"$out\"; done\n");
        const QStringList hostileArgs = {QStringLiteral("$(touch %1)").arg(marker),
                                         QStringLiteral("; touch %1").arg(marker),
                                         QStringLiteral("`touch %1`").arg(marker), QStringLiteral("a b'\"c")};
        notify::HookConfig config;
        config.program = hook;
        config.arguments = QStringList{stdinFile, argsFile} + hostileArgs;
        QVERIFY(notify::saveHookConfig(*m_db, config));

        notify::Notifier notifier(m_db, QStringLiteral("test"));
        QSignalSpy notified(&notifier, &notify::Notifier::notified);
        QSignalSpy finished(&notifier, &notify::Notifier::hookFinished);
        notify::Event event;
        event.kind = QStringLiteral("drift.found");
        event.certificateId = 42;
        event.title = QStringLiteral("Drift \"quoted\" $(touch %1)").arg(marker);
        event.message = QStringLiteral("line one\nline two; `touch %1` && rm -rf /nonexistent").arg(marker);
        event.details = QJsonObject{{QStringLiteral("served"), QStringLiteral("$HOME\\n'x'")}};
        bool added = false;
        auto stored = notifier.notify(event, &added);
        QVERIFY2(stored, qPrintable(stored.message()));
        QVERIFY(added);
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().at(1).toString(), QString());
        QCOMPARE(notified.size(), 1);

        const QJsonObject got = QJsonDocument::fromJson(readAll(stdinFile)).object();
        QCOMPARE(got.value(QStringLiteral("kind")).toString(), event.kind);
        QCOMPARE(got.value(QStringLiteral("certificateId")).toInteger(), event.certificateId);
        QCOMPARE(got.value(QStringLiteral("title")).toString(), event.title);
        QCOMPARE(got.value(QStringLiteral("message")).toString(), event.message);
        QCOMPARE(got.value(QStringLiteral("details")).toObject(), event.details);
        QCOMPARE(got.value(QStringLiteral("notificationId")).toInteger(), stored->id);

        QCOMPARE(QString::fromUtf8(readAll(argsFile)), hostileArgs.join(QLatin1Char('\n')) + QLatin1Char('\n'));
        QVERIFY2(!QFile::exists(marker), "a metacharacter in the event or the arguments was executed");
        QVERIFY(hookFailures().isEmpty());

        // The same unseen event again is deduplicated: no second notification, no second hook run.
        QVERIFY(QFile::remove(stdinFile));
        QVERIFY(notifier.notify(event, &added));
        QVERIFY(!added);
        QVERIFY(!finished.wait(1000));
        QVERIFY(!QFile::exists(stdinFile));
        QCOMPARE(notified.size(), 1);
    }

    // post() stores on the notifier's worker thread; the hook still runs, and runningHooks() counts the posted
    // notification until its hook has finished (certdeckctl waits for that before exiting).
    void postedEventIsStoredAndItsHookRuns()
    {
        const QString stdinFile = m_dir.filePath(QStringLiteral("posted.json"));
        notify::HookConfig config;
        config.program = script(QStringLiteral("posted.sh"), "cat > \"$1\"\n");
        config.arguments = QStringList{stdinFile};
        QVERIFY(notify::saveHookConfig(*m_db, config));

        notify::Notifier notifier(m_db, QStringLiteral("test"));
        QSignalSpy notified(&notifier, &notify::Notifier::notified);
        QSignalSpy finished(&notifier, &notify::Notifier::hookFinished);
        notifier.post({QStringLiteral("renewal.unattended"),
                       77,
                       QStringLiteral("www needs renewal"),
                       QStringLiteral("expires in 5 day(s)"),
                       {}});
        QCOMPARE(notifier.runningHooks(), 1); // pending until stored and its hook has run
        QVERIFY(finished.wait(20000));
        QCOMPARE(notified.size(), 1);
        QTRY_COMPARE(notifier.runningHooks(), 0);
        const QJsonObject got = QJsonDocument::fromJson(readAll(stdinFile)).object();
        QCOMPARE(got.value(QStringLiteral("certificateId")).toInteger(), 77);
        QCOMPARE(got.value(QStringLiteral("kind")).toString(), QStringLiteral("renewal.unattended"));
        QVERIFY(notify::clearHookConfig(*m_db));
    }

    void failingHookIsAuditedOnce()
    {
        notify::HookConfig config;
        config.program = script(QStringLiteral("fail.sh"), "cat >/dev/null\nexit 3\n");
        QVERIFY(notify::saveHookConfig(*m_db, config));
        notify::Notifier notifier(m_db, QStringLiteral("scheduler"));
        QSignalSpy finished(&notifier, &notify::Notifier::hookFinished);
        QVERIFY(notifier.notify({QStringLiteral("job.failed"), 7, QStringLiteral("t"), QStringLiteral("m"), {}}));
        QVERIFY(finished.wait(20000));
        QVERIFY2(finished.first().at(1).toString().contains(QStringLiteral("code 3")),
                 qPrintable(finished.first().at(1).toString()));
        const auto failures = hookFailures();
        QCOMPARE(failures.size(), 1);
        QCOMPARE(failures.first().certificateId, 7);
        QCOMPARE(failures.first().actor, QStringLiteral("scheduler"));
        QCOMPARE(failures.first().outcome, QStringLiteral("failed"));
        // Not retried.
        QVERIFY(!finished.wait(1500));
        QCOMPARE(hookFailures().size(), 1);
    }

    void hangingHookIsKilledAfterTheTimeout()
    {
        const QString pidFile = m_dir.filePath(QStringLiteral("hang.pid"));
        notify::HookConfig config;
        config.program = script(QStringLiteral("hang.sh"), "echo $$ > \"$1\"\nexec sleep 300\n");
        config.arguments = {pidFile};
        config.timeoutSecs = 1;
        QVERIFY(notify::saveHookConfig(*m_db, config));
        notify::Notifier notifier(m_db, QStringLiteral("test"));
        QSignalSpy finished(&notifier, &notify::Notifier::hookFinished);
        QVERIFY(
            notifier.notify({QStringLiteral("renewal.unattended"), 3, QStringLiteral("t"), QStringLiteral("m"), {}}));
        QVERIFY(finished.wait(20000));
        QVERIFY2(finished.first().at(1).toString().contains(QStringLiteral("killed")),
                 qPrintable(finished.first().at(1).toString()));
        const QByteArray pid = readAll(pidFile).trimmed();
        QVERIFY(!pid.isEmpty());
        QVERIFY2(!QFile::exists(QStringLiteral("/proc/%1/cmdline").arg(QString::fromLatin1(pid))) ||
                     readAll(QStringLiteral("/proc/%1/stat").arg(QString::fromLatin1(pid))).contains(" Z "),
                 "the hook process still runs after the timeout");
        QCOMPARE(hookFailures().size(), 1);
    }

    void missingProgramIsAudited()
    {
        notify::HookConfig config;
        config.program = m_dir.filePath(QStringLiteral("does-not-exist"));
        QVERIFY(notify::saveHookConfig(*m_db, config));
        notify::Notifier notifier(m_db, QStringLiteral("test"));
        QSignalSpy finished(&notifier, &notify::Notifier::hookFinished);
        QVERIFY(notifier.notify({QStringLiteral("job.failed"), 1, QStringLiteral("t"), QStringLiteral("m"), {}}));
        QVERIFY(finished.wait(20000));
        QVERIFY(finished.first().at(1).toString().contains(QStringLiteral("could not be started")));
        QCOMPARE(hookFailures().size(), 1);
        QCOMPARE(*store::NotificationRepository(*m_db).unseenCount(), 1);
    }
};

QTEST_GUILESS_MAIN(TestNotifierHook)
#include "TestNotifierHook.moc"
