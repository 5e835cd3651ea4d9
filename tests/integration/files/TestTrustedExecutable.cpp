// The system scan runs a server's binary (for `-v`) only when no other local user could have replaced it, and runs
// the very file it checked. The "binaries" are shell scripts that leave a canary file when they run: the canary
// proves whether anything ran. Runs as root (CI); the attacker is uid 65534 (nobody).
#include "engine/discovery/HostCommand.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace certdeck;
using namespace certdeck::discovery;

namespace {

constexpr uid_t kNobody = 65534;

bool writeScript(const QString& path, const QString& canary, const QByteArray& version, mode_t mode = 0755)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return false;
    }
    file.write("#!/bin/sh\necho 'nginx version: nginx/" + version + "' >&2\ntouch '" + QFile::encodeName(canary) +
               "'\n");
    file.close();
    return ::chmod(QFile::encodeName(path).constData(), mode) == 0;
}

// Why `directory` and its parents would make any binary in it untrusted (empty: they do not).
QString untrustedAncestors(const QString& directory)
{
    for (QString current = directory; !current.isEmpty(); current = QFileInfo(current).path()) {
        struct stat info = {};
        if (::stat(QFile::encodeName(current).constData(), &info) != 0 || info.st_uid != 0 ||
            (info.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
            return current;
        }
        if (current == QLatin1String("/")) {
            break;
        }
    }
    return {};
}

} // namespace

class TestTrustedExecutable : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void rootOwnedProtectedBinaryRuns();
    void binaryOwnedByAnotherUserIsNotRun();
    void groupWritableBinaryIsNotRun();
    void binaryInDirectoryAnotherUserMayWriteIsNotRun();
    void binaryInTmpIsNotRun();
    void swapAfterTheCheckRunsTheCheckedFile();

private:
    QString binary() const { return m_dir->filePath(QStringLiteral("sbin/nginx")); }
    QString canary() const { return m_canaries.filePath(QStringLiteral("ran")); }
    std::unique_ptr<QTemporaryDir> m_dir;
    QTemporaryDir m_canaries;
};

void TestTrustedExecutable::initTestCase()
{
    if (::geteuid() != 0) {
        QSKIP("needs root: the attacker's binary belongs to uid 65534 (nobody)");
    }
    QVERIFY(m_canaries.isValid());
    // /tmp is writable by everyone, so the test binaries live below the build tree (root's, 0755 in CI).
    const QString base = QCoreApplication::applicationDirPath();
    if (const QString untrusted = untrustedAncestors(base); !untrusted.isEmpty()) {
        QSKIP(qPrintable(QStringLiteral("%1 is not root's or is writable by others, so no binary below it can be "
                                        "trusted; build in a root-owned tree")
                             .arg(untrusted)));
    }
}

void TestTrustedExecutable::init()
{
    m_dir = std::make_unique<QTemporaryDir>(QCoreApplication::applicationDirPath() + QStringLiteral("/exec-XXXXXX"));
    QVERIFY(m_dir->isValid());
    QCOMPARE(::chmod(QFile::encodeName(m_dir->path()).constData(), 0755), 0);
    QVERIFY(QDir().mkpath(m_dir->filePath(QStringLiteral("sbin"))));
    QCOMPARE(::chmod(QFile::encodeName(m_dir->filePath(QStringLiteral("sbin"))).constData(), 0755), 0);
    QFile::remove(canary());
    QVERIFY(writeScript(binary(), canary(), "1.22.1"));
}

void TestTrustedExecutable::cleanup()
{
    m_dir.reset();
    QFile::remove(canary());
}

void TestTrustedExecutable::rootOwnedProtectedBinaryRuns()
{
    // The positive control: the canary appears when the binary does run.
    const HostCommandOutput output = runTrustedExecutable(binary(), {QStringLiteral("-v")}, 10000);
    QVERIFY2(output.started, qPrintable(output.problem));
    QCOMPARE(output.exitCode, 0);
    QVERIFY2(output.standardError.contains("nginx/1.22.1"), output.standardError.constData());
    QVERIFY(QFile::exists(canary()));
}

void TestTrustedExecutable::binaryOwnedByAnotherUserIsNotRun()
{
    QCOMPARE(::chown(QFile::encodeName(binary()).constData(), kNobody, kNobody), 0);
    const HostCommandOutput output = runTrustedExecutable(binary(), {QStringLiteral("-v")}, 10000);
    QVERIFY(!output.started);
    QVERIFY2(output.problem.contains(binary()) && output.problem.contains(QStringLiteral("uid 65534")),
             qPrintable(output.problem));
    QVERIFY2(!QFile::exists(canary()), "a binary owned by another user was run");
}

void TestTrustedExecutable::groupWritableBinaryIsNotRun()
{
    QCOMPARE(::chmod(QFile::encodeName(binary()).constData(), 0775), 0);
    const HostCommandOutput output = runTrustedExecutable(binary(), {QStringLiteral("-v")}, 10000);
    QVERIFY(!output.started);
    QVERIFY2(output.problem.contains(QStringLiteral("writable by its group")), qPrintable(output.problem));
    QVERIFY2(!QFile::exists(canary()), "a group-writable binary was run");
}

void TestTrustedExecutable::binaryInDirectoryAnotherUserMayWriteIsNotRun()
{
    // Root's binary, but nobody owns its directory and could rename another file over it at any time.
    const QString sbin = m_dir->filePath(QStringLiteral("sbin"));
    QCOMPARE(::chown(QFile::encodeName(sbin).constData(), kNobody, kNobody), 0);
    HostCommandOutput output = runTrustedExecutable(binary(), {QStringLiteral("-v")}, 10000);
    QVERIFY(!output.started);
    QVERIFY2(output.problem.contains(sbin) && output.problem.contains(QStringLiteral("uid 65534")),
             qPrintable(output.problem));

    QCOMPARE(::chown(QFile::encodeName(sbin).constData(), 0, 0), 0);
    QCOMPARE(::chmod(QFile::encodeName(sbin).constData(), 0777), 0);
    output = runTrustedExecutable(binary(), {QStringLiteral("-v")}, 10000);
    QVERIFY(!output.started);
    QVERIFY2(output.problem.contains(sbin), qPrintable(output.problem));
    QVERIFY2(!QFile::exists(canary()), "a binary in a directory others may write was run");
}

void TestTrustedExecutable::binaryInTmpIsNotRun()
{
    QTemporaryDir tmp; // below /tmp (1777): anyone may add names there
    QVERIFY(tmp.isValid());
    const QString inTmp = tmp.filePath(QStringLiteral("nginx"));
    QVERIFY(writeScript(inTmp, canary(), "1.0"));
    const HostCommandOutput output = runTrustedExecutable(inTmp, {QStringLiteral("-v")}, 10000);
    QVERIFY(!output.started);
    QVERIFY2(!QFile::exists(canary()), qPrintable(output.problem));
}

void TestTrustedExecutable::swapAfterTheCheckRunsTheCheckedFile()
{
    // The check opens the file; a rename over the path after it (what an attacker racing the scan does) does not
    // change what runs: the child executes the descriptor, not the path.
    int fd = -1;
    const QString reason = untrustedExecutableReason(binary(), &fd);
    QVERIFY2(reason.isEmpty(), qPrintable(reason));
    const QString evilCanary = m_canaries.filePath(QStringLiteral("evil-ran"));
    const QString evil = m_dir->filePath(QStringLiteral("sbin/.evil"));
    QVERIFY(writeScript(evil, evilCanary, "6.6.6"));
    QVERIFY(::rename(QFile::encodeName(evil).constData(), QFile::encodeName(binary()).constData()) == 0);

    const HostCommandOutput output = runExecutableDescriptor(fd, binary(), {QStringLiteral("-v")}, 10000);
    ::close(fd);
    QVERIFY2(output.started, qPrintable(output.problem));
    QVERIFY2(output.standardError.contains("nginx/1.22.1"), output.standardError.constData());
    QVERIFY(QFile::exists(canary()));
    QVERIFY2(!QFile::exists(evilCanary), "the file swapped in after the check was run");
}

QTEST_GUILESS_MAIN(TestTrustedExecutable)
#include "TestTrustedExecutable.moc"
