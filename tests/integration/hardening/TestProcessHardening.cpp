// Core dumps are off in every CertDeck executable from the start of main: RLIMIT_CORE is 0 (soft and hard) and the
// process is not dumpable, which the kernel shows by handing /proc/<pid> to root. Run as root, the programs are
// started as "nobody" so that the owner of /proc/<pid> tells dumpable from not.
#include "tests/support/TestSupport.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sys/stat.h>
#include <unistd.h>

using namespace certdeck;

class TestProcessHardening : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;

    static QByteArray coreLimit(qint64 pid)
    {
        QFile limits(QStringLiteral("/proc/%1/limits").arg(pid));
        if (!limits.open(QIODevice::ReadOnly)) {
            return {};
        }
        for (const QByteArray& line : limits.readAll().split('\n')) {
            if (line.startsWith("Max core file size")) {
                return line.simplified();
            }
        }
        return {};
    }

    static uid_t procOwner(qint64 pid)
    {
        struct stat st = {};
        return ::stat(QFile::encodeName(QStringLiteral("/proc/%1/status").arg(pid)).constData(), &st) == 0
                   ? st.st_uid
                   : static_cast<uid_t>(-1);
    }

    // Starts `program args` (as nobody when root), waits until it runs with the hardening applied, then stops it.
    void checkHardened(const QString& program, const QStringList& arguments)
    {
        QVERIFY2(QFile::exists(program), qPrintable(program));
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_home.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_home.path());
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        process.setProcessEnvironment(env);
        const bool root = ::geteuid() == 0;
        if (root) {
            process.setProgram(QStringLiteral("setpriv"));
            process.setArguments(QStringList{QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"),
                                             QStringLiteral("--clear-groups"), program} +
                                 arguments);
        } else {
            process.setProgram(program);
            process.setArguments(arguments);
        }
        process.setProcessChannelMode(QProcess::ForwardedChannels);
        process.start();
        QVERIFY2(process.waitForStarted(5000), qPrintable(process.errorString()));
        const qint64 pid = process.processId();
        QByteArray limit;
        uid_t owner = static_cast<uid_t>(-1);
        const QDeadlineTimer deadline(5000);
        while (!deadline.hasExpired() && process.state() == QProcess::Running) {
            limit = coreLimit(pid);
            owner = procOwner(pid);
            if (limit == "Max core file size 0 0 bytes" && owner == 0) {
                break;
            }
            QThread::msleep(20);
        }
        const bool stillRunning = process.state() == QProcess::Running;
        process.kill();
        process.waitForFinished(5000);
        QVERIFY2(stillRunning, qPrintable(program + QStringLiteral(" ended before it could be checked")));
        QCOMPARE(limit, QByteArray("Max core file size 0 0 bytes"));
        QVERIFY2(
            owner == 0,
            qPrintable(
                QStringLiteral("/proc/%1 belongs to uid %2: %3 is still dumpable").arg(pid).arg(owner).arg(program)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        if (::geteuid() == 0) {
            QVERIFY(::chmod(QFile::encodeName(m_home.path()).constData(), 0777) == 0);
        }
    }

    void botHasNoCoreDumps() { checkHardened(test::botBinary(), {QStringLiteral("serve")}); }

    void certdeckctlHasNoCoreDumps()
    {
        // Waits for the password on stdin: long enough to look at it.
        checkHardened(qEnvironmentVariable("CERTDECKCTL_BINARY"),
                      {QStringLiteral("db"), QStringLiteral("password"), QStringLiteral("set"), QStringLiteral("--url"),
                       QStringLiteral("postgresql://certdeck@db.example.com:5432/certdeck")});
    }

    void consoleHasNoCoreDumps() { checkHardened(qEnvironmentVariable("CERTDECK_CONSOLE_BINARY"), {}); }
};

QTEST_GUILESS_MAIN(TestProcessHardening)
#include "TestProcessHardening.moc"
