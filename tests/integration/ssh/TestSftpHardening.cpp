// SFTP reads and writes of an agentless deployment (SshSession, SshTargetHost, MaterialFiles over SFTP) against
// the REAL OpenSSH server of SshdFixture, attacked by another user of that host (uid 65534, nobody): a FIFO named
// as a certificate, a symbolic link in place of a file, a huge file, a key file planted to keep its owner, a
// directory others may write. The login is root (CI), the strongest case: root's SFTP would follow anything.
#include "deployers/common/MaterialFiles.h"
#include "deployers/common/SshTargetHost.h"
#include "engine/bots/SshSession.h"
#include "tests/support/SshdFixture.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace certdeck;
using namespace certdeck::bots;
using certdeck::test::SshdFixture;

namespace {

constexpr uid_t kNobody = 65534;

struct stat lstatOf(const QString& path)
{
    struct stat info = {};
    if (::lstat(QFile::encodeName(path).constData(), &info) != 0) {
        info.st_mode = 0;
    }
    return info;
}

bool writeLocal(const QString& path, const QByteArray& content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

QByteArray readLocal(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

QStringList namesIn(const QString& dir)
{
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

} // namespace

class TestSftpHardening : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void fifoNamedAsCertificateIsRefusedWithoutHanging();
    void symlinkIsNotFollowedByRead();
    void hugeFileIsRefused();
    void writeReplacesALinkInsteadOfFollowingIt();
    void ownerIsNotSetByNameInADirectoryOthersMayWrite();
    void ownerIsKeptInAProtectedDirectory();
    void plantedKeyFileIsRefusedOverSftp();

private:
    std::unique_ptr<SshSession> connected();
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QTemporaryDir> m_files;
    std::unique_ptr<SshdFixture> m_sshd;
};

void TestSftpHardening::init()
{
    QString reason;
    if (!SshdFixture::isAvailable(&reason)) {
        QSKIP(qPrintable(reason));
    }
    if (::geteuid() != 0) {
        QSKIP("needs root: the attacker's files belong to uid 65534 (nobody)");
    }
    m_dir = std::make_unique<QTemporaryDir>();
    m_files = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid() && m_files->isValid());
    QCOMPARE(::chmod(QFile::encodeName(m_files->path()).constData(), 0755), 0);
    m_sshd = std::make_unique<SshdFixture>(m_dir->path());
    const Status started = m_sshd->start();
    QVERIFY2(started, qPrintable(started.message()));
}

void TestSftpHardening::cleanup()
{
    m_sshd.reset();
    m_files.reset();
    m_dir.reset();
}

std::unique_ptr<SshSession> TestSftpHardening::connected()
{
    auto session = std::make_unique<SshSession>();
    const Status status = session->connect(m_sshd->endpoint(), m_sshd->hostKeyFingerprint(), m_sshd->keyCredentials());
    if (!status) {
        qWarning("%s", qPrintable(status.message() + m_sshd->log()));
        return nullptr;
    }
    return session;
}

void TestSftpHardening::fifoNamedAsCertificateIsRefusedWithoutHanging()
{
    const QString fifo = m_files->filePath(QStringLiteral("site.crt"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0644), 0);
    const QString good = m_files->filePath(QStringLiteral("good.crt"));
    QVERIFY(writeLocal(good, "certificate"));
    auto session = connected();
    QVERIFY(session);
    QElapsedTimer timer;
    timer.start();
    const Result<QByteArray> read = session->readFile(fifo);
    QVERIFY2(!read, "a FIFO was read as a certificate");
    QVERIFY2(read.message().contains(fifo) && read.message().contains(QStringLiteral("FIFO")),
             qPrintable(read.message()));
    // The SFTP server was not left blocked on the FIFO: the session still works.
    const Result<QByteArray> after = session->readFile(good);
    QVERIFY2(after, qPrintable(after.message()));
    QCOMPARE(*after, QByteArray("certificate"));
    QVERIFY2(timer.elapsed() < 10000, "reading the FIFO waited for a writer");
}

void TestSftpHardening::symlinkIsNotFollowedByRead()
{
    const QString secret = m_files->filePath(QStringLiteral("shadow"));
    QVERIFY(writeLocal(secret, "root:secret-hash"));
    const QString link = m_files->filePath(QStringLiteral("site.crt"));
    QCOMPARE(::symlink(QFile::encodeName(secret).constData(), QFile::encodeName(link).constData()), 0);
    auto session = connected();
    QVERIFY(session);
    const Result<QByteArray> read = session->readFile(link);
    QVERIFY2(!read, "a symbolic link was followed");
    QVERIFY2(read.message().contains(QStringLiteral("symbolic link")), qPrintable(read.message()));
    QVERIFY(!read.message().contains(QStringLiteral("secret-hash")));
}

void TestSftpHardening::hugeFileIsRefused()
{
    const QString huge = m_files->filePath(QStringLiteral("site.crt"));
    QFile file(huge);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.resize(SshSession::kMaxSftpReadBytes + 1)); // sparse
    file.close();
    auto session = connected();
    QVERIFY(session);
    const Result<QByteArray> read = session->readFile(huge);
    QVERIFY2(!read && read.message().contains(QStringLiteral("larger than 16 MiB")), qPrintable(read.message()));
}

void TestSftpHardening::writeReplacesALinkInsteadOfFollowingIt()
{
    // The attacker points the certificate path at a file of root's elsewhere, hoping the write lands there.
    const QString victim = m_dir->filePath(QStringLiteral("victim.conf"));
    QVERIFY(writeLocal(victim, "do not touch"));
    const QString link = m_files->filePath(QStringLiteral("site.crt"));
    QCOMPARE(::symlink(QFile::encodeName(victim).constData(), QFile::encodeName(link).constData()), 0);
    auto session = connected();
    QVERIFY(session);
    const Status written = session->writeFileAtomic(link, "new certificate", 0644);
    QVERIFY2(written, qPrintable(written.message()));
    QCOMPARE(readLocal(victim), QByteArray("do not touch"));
    QVERIFY(S_ISREG(lstatOf(link).st_mode));
    QCOMPARE(readLocal(link), QByteArray("new certificate"));
    QCOMPARE(namesIn(m_files->path()), QStringList{QStringLiteral("site.crt")}); // no temporary file left
}

void TestSftpHardening::ownerIsNotSetByNameInADirectoryOthersMayWrite()
{
    // SFTP v3 sets an owner by name, following links: in a directory nobody may write into, the temporary name
    // could be swapped for a link to /etc/shadow between the create and the chown. So it is not done there.
    const QString shared = m_files->filePath(QStringLiteral("shared"));
    QVERIFY(QDir().mkpath(shared));
    QCOMPARE(::chmod(QFile::encodeName(shared).constData(), 0777), 0);
    const QString path = shared + QStringLiteral("/site.crt");
    auto session = connected();
    QVERIFY(session);
    const Status written = session->writeFileAtomic(path, "certificate", 0644, int(kNobody), int(kNobody));
    QVERIFY2(!written, "an owner was set by name in a directory other users may write");
    QVERIFY2(written.message().contains(shared) && written.message().contains(QStringLiteral("other users")),
             qPrintable(written.message()));
    QCOMPARE(namesIn(shared), QStringList()); // the temporary file was removed

    // Through SshTargetHost the file is still written, as the login user, without the previous owner.
    deployers::SshTargetHost host(std::move(session), false);
    const Status viaHost = host.writeFileAtomic(path, "certificate", 0644, int(kNobody), int(kNobody));
    QVERIFY2(viaHost, qPrintable(viaHost.message()));
    QCOMPARE(lstatOf(path).st_uid, uid_t(0));
    QCOMPARE(readLocal(path), QByteArray("certificate"));
}

void TestSftpHardening::ownerIsKeptInAProtectedDirectory()
{
    const QString path = m_files->filePath(QStringLiteral("site.crt")); // root's 0755 directory
    auto session = connected();
    QVERIFY(session);
    const Status written = session->writeFileAtomic(path, "certificate", 0640, int(kNobody), int(kNobody));
    QVERIFY2(written, qPrintable(written.message()));
    QCOMPARE(lstatOf(path).st_uid, kNobody);
    QCOMPARE(lstatOf(path).st_mode & 07777, mode_t(0640));
}

void TestSftpHardening::plantedKeyFileIsRefusedOverSftp()
{
    const QString shared = m_files->filePath(QStringLiteral("ssl"));
    QVERIFY(QDir().mkpath(shared));
    QCOMPARE(::chmod(QFile::encodeName(shared).constData(), 0777), 0);
    const QString keyPath = shared + QStringLiteral("/site.key");
    QVERIFY(writeLocal(keyPath, "planted"));
    QCOMPARE(::chown(QFile::encodeName(keyPath).constData(), kNobody, kNobody), 0);
    auto session = connected();
    QVERIFY(session);
    auto host = std::make_shared<deployers::SshTargetHost>(std::move(session), false);
    deployers::MaterialFiles files(m_dir->filePath(QStringLiteral("state")), host);
    const Status written =
        files.write({keyPath, deployers::MaterialFile::Role::Key, "-----BEGIN PRIVATE KEY-----\nnew\n"});
    QVERIFY2(!written, "the new private key was written into a file another user owns");
    QVERIFY2(written.message().contains(keyPath) && written.message().contains(QStringLiteral("uid 65534")),
             qPrintable(written.message()));
    QCOMPARE(readLocal(keyPath), QByteArray("planted"));
    QCOMPARE(namesIn(shared), QStringList{QStringLiteral("site.key")});
}

QTEST_GUILESS_MAIN(TestSftpHardening)
#include "TestSftpHardening.moc"
