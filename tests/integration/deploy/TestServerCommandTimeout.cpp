// A server's command that hangs is stopped at its deadline together with everything it started: nothing of its
// process group keeps running on the host (real processes, found in /proc).
#include "deployers/common/LocalHost.h"
#include "deployers/common/ServerCommand.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>

#include <signal.h>

using namespace certdeck;

namespace {

// PIDs of the processes whose command line contains `needle`.
QStringList processesContaining(const QByteArray& needle)
{
    QStringList found;
    for (const QString& entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(entry));
        if (cmdline.open(QIODevice::ReadOnly) && cmdline.readAll().contains(needle)) {
            found << entry;
        }
    }
    return found;
}

// A sleep duration no other process uses, so its processes can be found.
QByteArray uniqueDuration(int serial)
{
    return QByteArray::number(3000 + serial) + '.' + QByteArray::number(QCoreApplication::applicationPid());
}

} // namespace

class TestServerCommandTimeout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void timedOutCommandLeavesNoProcessOfItsGroup();
    void commandIgnoringSigtermIsKilled();
    void serverCommandReportsTheTimeout();
    void commandInTimeIsNotDisturbed();
};

void TestServerCommandTimeout::timedOutCommandLeavesNoProcessOfItsGroup()
{
    const QByteArray duration = uniqueDuration(1);
    const QByteArray needle = "sleep" + QByteArray(1, '\0') + duration;
    deployers::LocalHost host;
    QElapsedTimer elapsed;
    elapsed.start();
    // A shell that starts a background job and waits for another: the shell alone would die, its jobs would not.
    const auto result =
        host.run({QStringLiteral("/bin/sh"), QStringLiteral("-c"), QStringLiteral("sleep \"$1\" & sleep \"$1\""),
                  QStringLiteral("sh"), QString::fromLatin1(duration)},
                 700);
    QVERIFY(!result);
    QCOMPARE(result.error().kind, QStringLiteral("timeout"));
    QVERIFY2(result.message().contains(QStringLiteral("timed out after 700 ms")), qPrintable(result.message()));
    QVERIFY2(elapsed.elapsed() < 5000, "stopping the command took too long");
    QTRY_COMPARE_WITH_TIMEOUT(processesContaining(needle), QStringList(), 2000);
}

void TestServerCommandTimeout::commandIgnoringSigtermIsKilled()
{
    const QByteArray duration = uniqueDuration(2);
    const QByteArray needle = "sleep" + QByteArray(1, '\0') + duration;
    deployers::LocalHost host;
    QElapsedTimer elapsed;
    elapsed.start();
    // The shell and its background job ignore SIGTERM (inherited by the job): only SIGKILL ends them.
    const auto result = host.run({QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                                  QStringLiteral("trap '' TERM; sleep \"$1\" & sleep \"$1\"; sleep \"$1\""),
                                  QStringLiteral("sh"), QString::fromLatin1(duration)},
                                 500);
    QVERIFY(!result);
    QCOMPARE(result.error().kind, QStringLiteral("timeout"));
    QVERIFY2(elapsed.elapsed() < 8000, "the SIGKILL came too late");
    QTRY_COMPARE_WITH_TIMEOUT(processesContaining(needle), QStringList(), 2000);
}

void TestServerCommandTimeout::serverCommandReportsTheTimeout()
{
    const QByteArray duration = uniqueDuration(3);
    deployers::LocalHost host;
    const deployers::ServerCommand command(QStringLiteral("/bin/sh"),
                                           {QStringLiteral("-c"), QStringLiteral("sleep \"$1\" & sleep \"$1\""),
                                            QStringLiteral("sh"), QString::fromLatin1(duration)});
    const deployers::ServerCommand::Outcome outcome = command.run(host, 600);
    QVERIFY(!outcome.ok);
    QVERIFY2(outcome.output.contains(QStringLiteral("timed out after 600 ms")), qPrintable(outcome.output));
    QTRY_COMPARE_WITH_TIMEOUT(processesContaining("sleep" + QByteArray(1, '\0') + duration), QStringList(), 2000);
}

void TestServerCommandTimeout::commandInTimeIsNotDisturbed()
{
    deployers::LocalHost host;
    const auto result =
        host.run({QStringLiteral("/bin/sh"), QStringLiteral("-c"), QStringLiteral("echo done; exit 3")}, 10000);
    QVERIFY2(result, qPrintable(result.message()));
    QCOMPARE(result->exitCode, 3);
    QCOMPARE(result->standardOutput.trimmed(), QByteArray("done"));
}

QTEST_GUILESS_MAIN(TestServerCommandTimeout)
#include "TestServerCommandTimeout.moc"
