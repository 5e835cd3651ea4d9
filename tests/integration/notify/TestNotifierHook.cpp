// The Notifier with a real event hook script: the event reaches it as JSON on stdin only, shell metacharacters
// in the event and in the arguments stay inert, a hook that hangs is killed with everything it started, failures
// are audited once, at most N hooks run at once. The hook is the operator's local file: one stored in the inventory
// (which a whole team, or whoever took over a console, can write) never runs, and a hook file another user can
// write is refused.
#include "engine/notify/EventHook.h"
#include "engine/notify/Notifier.h"
#include "engine/store/AuditRepository.h"
#include "engine/store/Database.h"
#include "engine/store/NotificationRepository.h"
#include "engine/store/SettingsRepository.h"

#include <QDir>
#include <QElapsedTimer>

#include <QFile>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace certdeck;

class TestNotifierHook : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::shared_ptr<store::Database> m_db;
    QString m_hookPath; // this test function's local hook file

    void setHook(const notify::HookConfig& config)
    {
        const Status saved = notify::saveHookConfig(m_hookPath, config);
        QVERIFY2(saved, qPrintable(saved.message()));
    }

    // A notifier that reads this test's hook file.
    std::unique_ptr<notify::Notifier> makeNotifier(const QString& actor = QStringLiteral("test"))
    {
        auto notifier = std::make_unique<notify::Notifier>(m_db, actor);
        notifier->setHookConfigPath(m_hookPath);
        return notifier;
    }

    static int mode(const QString& path)
    {
        struct stat st = {};
        return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? static_cast<int>(st.st_mode & 07777) : -1;
    }

    // Live (not zombie) processes whose process group is `group`.
    static QList<qint64> processesInGroup(qint64 group)
    {
        QList<qint64> found;
        const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString& entry : entries) {
            bool numeric = false;
            const qint64 pid = entry.toLongLong(&numeric);
            if (!numeric) {
                continue;
            }
            const QByteArray stat = readAll(QStringLiteral("/proc/%1/stat").arg(pid));
            const qsizetype close = stat.lastIndexOf(')');
            if (close < 0) {
                continue;
            }
            const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
            // state ppid pgrp ...
            if (fields.size() > 2 && fields.at(0) != "Z" && fields.at(2).toLongLong() == group) {
                found << pid;
            }
        }
        return found;
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
        m_hookPath = m_dir.filePath(QStringLiteral("config-%1/event-hook.json").arg(QTest::currentTestFunction()));
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
        setHook(config);

        auto owned = makeNotifier();
        notify::Notifier& notifier = *owned;
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
        setHook(config);

        auto owned = makeNotifier();
        notify::Notifier& notifier = *owned;
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
        QVERIFY(notify::clearHookConfig(m_hookPath));
        QVERIFY(!QFile::exists(m_hookPath));
    }

    void failingHookIsAuditedOnce()
    {
        notify::HookConfig config;
        config.program = script(QStringLiteral("fail.sh"), "cat >/dev/null\nexit 3\n");
        setHook(config);
        auto owned = makeNotifier(QStringLiteral("scheduler"));
        notify::Notifier& notifier = *owned;
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
        setHook(config);
        auto owned = makeNotifier();
        notify::Notifier& notifier = *owned;
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
        setHook(config);
        auto owned = makeNotifier();
        notify::Notifier& notifier = *owned;
        QSignalSpy finished(&notifier, &notify::Notifier::hookFinished);
        QVERIFY(notifier.notify({QStringLiteral("job.failed"), 1, QStringLiteral("t"), QStringLiteral("m"), {}}));
        QVERIFY(finished.wait(20000));
        QVERIFY(finished.first().at(1).toString().contains(QStringLiteral("could not be started")));
        QCOMPARE(hookFailures().size(), 1);
        QCOMPARE(*store::NotificationRepository(*m_db).unseenCount(), 1);
    }
    // Whoever can write the inventory (a shared PostgreSQL, a compromised console) stores a hook there: it must
    // not run on this machine. The operator's local hook runs instead, and the ignored row is reported once.
    void hookStoredInTheInventoryNeverRuns()
    {
        const QString canary = m_dir.filePath(QStringLiteral("inventory-hook-ran"));
        const QString attacker = script(QStringLiteral("attacker.sh"), "touch \"$1\"\n");
        store::SettingsRepository settings(*m_db);
        QVERIFY(settings.setValue(QStringLiteral("eventHook.program"), attacker));
        QVERIFY(settings.setValue(QStringLiteral("eventHook.arguments"), QStringLiteral("[\"%1\"]").arg(canary)));
        QVERIFY(settings.setValue(QStringLiteral("eventHook.timeoutSecs"), QStringLiteral("5")));

        // No local hook: nothing runs at all.
        {
            auto owned = makeNotifier();
            QSignalSpy finished(owned.get(), &notify::Notifier::hookFinished);
            QVERIFY(owned->notify({QStringLiteral("job.failed"), 1, QStringLiteral("t"), QStringLiteral("m"), {}}));
            QVERIFY(!finished.wait(1500));
            QCOMPARE(owned->runningHooks(), 0);
            QVERIFY2(!QFile::exists(canary), "the hook stored in the inventory ran");
            QVERIFY(owned->testHookAndWait().contains(QStringLiteral("No event hook is set")));
            QVERIFY2(!QFile::exists(canary), "the hook stored in the inventory ran for hook test");
        }

        // A local hook: it runs, the inventory's still does not.
        const QString localOut = m_dir.filePath(QStringLiteral("local-hook.json"));
        notify::HookConfig config;
        config.program = script(QStringLiteral("local.sh"), "cat > \"$1\"\n");
        config.arguments = {localOut};
        setHook(config);
        auto owned = makeNotifier(QStringLiteral("scheduler:host"));
        QSignalSpy finished(owned.get(), &notify::Notifier::hookFinished);
        QVERIFY(owned->notify({QStringLiteral("renewal.unattended"), 2, QStringLiteral("t"), QStringLiteral("m"), {}}));
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.first().at(1).toString(), QString());
        QCOMPARE(QJsonDocument::fromJson(readAll(localOut)).object().value(QStringLiteral("certificateId")).toInteger(),
                 2);
        QVERIFY(owned->notify({QStringLiteral("job.failed"), 3, QStringLiteral("t"), QStringLiteral("m"), {}}));
        QVERIFY(finished.wait(10000));
        QVERIFY2(!QFile::exists(canary), "the hook stored in the inventory ran");

        store::AuditQuery query;
        query.action = QStringLiteral("hook.ignored");
        const auto ignored = store::AuditRepository(*m_db).query(query).value();
        QCOMPARE(ignored.size(), 2); // once per notifier (process), not per notification
        QCOMPARE(ignored.last().actor, QStringLiteral("scheduler:host"));
        QVERIFY(QJsonDocument(ignored.last().details).toJson().contains(attacker.toUtf8()));
    }

    // The hook file is the operator's alone: written 0600; refused when someone else may write it or owns it, or
    // when it is a link. A refused file runs nothing and says why.
    void hookFileOthersCanWriteIsRefused()
    {
        const QString canary = m_dir.filePath(QStringLiteral("unsafe-hook-ran"));
        notify::HookConfig config;
        config.program = script(QStringLiteral("unsafe.sh"), "touch \"$1\"\n");
        config.arguments = {canary};
        setHook(config);
        QCOMPARE(mode(m_hookPath), 0600);
        QVERIFY(notify::loadHookConfig(m_hookPath));

        auto expectRefused = [&](const QString& needle) {
            const auto loaded = notify::loadHookConfig(m_hookPath);
            QVERIFY(!loaded);
            QVERIFY2(loaded.message().contains(needle) && loaded.message().contains(m_hookPath),
                     qPrintable(loaded.message()));
            auto owned = makeNotifier();
            QVERIFY(owned->notify({QStringLiteral("job.failed"), 9, QStringLiteral("t"), QStringLiteral("m"), {}}));
            QTest::qWait(300);
            QVERIFY2(!QFile::exists(canary), "a refused hook file ran its program");
            QVERIFY(owned->testHookAndWait().contains(needle));
            QVERIFY2(!QFile::exists(canary), "a refused hook file ran its program");
            QVERIFY(store::NotificationRepository(*m_db).markAllSeen());
        };

        QVERIFY(::chmod(QFile::encodeName(m_hookPath).constData(), 0620) == 0);
        expectRefused(QStringLiteral("other users may write"));
        QVERIFY(::chmod(QFile::encodeName(m_hookPath).constData(), 0602) == 0);
        expectRefused(QStringLiteral("other users may write"));
        QVERIFY(::chmod(QFile::encodeName(m_hookPath).constData(), 0600) == 0);

        const QString folder = QFileInfo(m_hookPath).absolutePath();
        QVERIFY(::chmod(QFile::encodeName(folder).constData(), 0777) == 0);
        expectRefused(QStringLiteral("may be written by other users"));
        QVERIFY(::chmod(QFile::encodeName(folder).constData(), 0700) == 0);

        if (::geteuid() == 0) {
            QVERIFY(::chown(QFile::encodeName(m_hookPath).constData(), 65534, 65534) == 0);
            expectRefused(QStringLiteral("belongs to another user"));
            QVERIFY(::chown(QFile::encodeName(m_hookPath).constData(), 0, 0) == 0);
        }

        const QString real = m_hookPath + QStringLiteral(".real");
        QVERIFY(QFile::rename(m_hookPath, real));
        QVERIFY(QFile::link(real, m_hookPath));
        expectRefused(QStringLiteral("symbolic link"));
    }

    // A hook that starts a child of its own (a grandchild of the notifier) and hangs: after the timeout the whole
    // process group is gone, not only the hook.
    void timeoutKillsEverythingTheHookStarted()
    {
        const QString pids = m_dir.filePath(QStringLiteral("group.pids"));
        notify::HookConfig config;
        config.program = script(QStringLiteral("spawner.sh"),
                                "sleep 300 &\necho \"$$ $!\" > \"$1\"\n(sleep 300; echo late) &\nwait\n");
        config.arguments = {pids};
        config.timeoutSecs = 1;
        setHook(config);
        auto owned = makeNotifier();
        QSignalSpy finished(owned.get(), &notify::Notifier::hookFinished);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(owned->notify({QStringLiteral("job.failed"), 5, QStringLiteral("t"), QStringLiteral("m"), {}}));
        QVERIFY(finished.wait(10000));
        QVERIFY2(clock.elapsed() < 5000, "the timeout did not end the hook");
        QVERIFY2(finished.first().at(1).toString().contains(QStringLiteral("killed")),
                 qPrintable(finished.first().at(1).toString()));
        const QList<QByteArray> ids = readAll(pids).trimmed().split(' ');
        QCOMPARE(ids.size(), 2);
        const qint64 hook = ids.at(0).toLongLong();
        const qint64 grandchild = ids.at(1).toLongLong();
        QVERIFY(hook > 0 && grandchild > 0);
        QTRY_VERIFY_WITH_TIMEOUT(processesInGroup(hook).isEmpty(), 3000);
        const QByteArray stat = readAll(QStringLiteral("/proc/%1/stat").arg(grandchild));
        QVERIFY2(stat.isEmpty() || stat.contains(") Z "), "the hook's child still runs after the timeout");
    }

    // A burst of notifications: at most maxParallelHooks hooks at once, maxQueuedHooks wait, the rest are dropped
    // and counted.
    void parallelHooksAreBoundedAndExcessIsDropped()
    {
        const QString running = m_dir.filePath(QStringLiteral("running"));
        const QString log = m_dir.filePath(QStringLiteral("concurrency.log"));
        QVERIFY(QDir().mkpath(running));
        notify::HookConfig config;
        config.program = script(QStringLiteral("slow.sh"), "cat >/dev/null\ntouch \"$1/$$\"\n"
                                                           "ls \"$1\" | wc -l >> \"$2\"\nsleep 0.4\nrm \"$1/$$\"\n");
        config.arguments = {running, log};
        config.timeoutSecs = 10;
        setHook(config);
        auto owned = makeNotifier();
        owned->setHookLimits({.maxParallelHooks = 2, .maxQueuedHooks = 3});
        QSignalSpy finished(owned.get(), &notify::Notifier::hookFinished);
        for (int i = 1; i <= 8; ++i) {
            QVERIFY(owned->notify({QStringLiteral("job.failed"), i, QStringLiteral("t"), QStringLiteral("m"), {}}));
        }
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 5, 10000);
        QCOMPARE(owned->droppedHooks(), 3);
        QTRY_COMPARE(owned->runningHooks(), 0);
        QVERIFY(!finished.wait(800)); // the dropped ones never run
        int maxSeen = 0;
        int runs = 0;
        for (const QByteArray& line : readAll(log).split('\n')) {
            if (!line.trimmed().isEmpty()) {
                ++runs;
                maxSeen = qMax(maxSeen, line.trimmed().toInt());
            }
        }
        QCOMPARE(runs, 5);
        QVERIFY2(maxSeen >= 1 && maxSeen <= 2, qPrintable(QStringLiteral("%1 hooks ran at once").arg(maxSeen)));
        for (const auto& each : finished) {
            QCOMPARE(each.at(1).toString(), QString());
        }
    }
};

QTEST_GUILESS_MAIN(TestNotifierHook)
#include "TestNotifierHook.moc"
