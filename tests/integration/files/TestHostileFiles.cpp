// The bot's local file handling (SecureFileIo, LocalHost, MaterialFiles::write) attacked by another local user of
// the host: uid 65534 (nobody) plants symbolic links, FIFOs, huge files and key files in directories it may write.
// Runs as root (CI); the attacker's files are chowned to nobody to be exactly what that user could have made.
#include "deployers/common/LocalHost.h"
#include "deployers/common/MaterialFiles.h"
#include "deployers/common/SecureFileIo.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace certdeck;
using namespace certdeck::deployers;

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

QStringList entriesBelow(const QString& dir)
{
    QStringList entries;
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        entries << QDir(dir).relativeFilePath(it.next());
    }
    entries.sort();
    return entries;
}

bool writeAs(const QString& path, const QByteArray& content, uid_t uid, mode_t mode)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size()) {
        return false;
    }
    file.close();
    const QByteArray name = QFile::encodeName(path);
    return ::chown(name.constData(), uid, uid) == 0 && ::chmod(name.constData(), mode) == 0;
}

// A symbolic link as the attacker would make it: owned by nobody.
bool plantLink(const QString& target, const QString& link, uid_t owner = kNobody)
{
    const QByteArray name = QFile::encodeName(link);
    return ::symlink(QFile::encodeName(target).constData(), name.constData()) == 0 &&
           ::lchown(name.constData(), owner, owner) == 0;
}

// A directory the attacker may write (like a shared web root): 0777, not sticky.
QString attackerWritableDirectory(const QTemporaryDir& root, const QString& name)
{
    const QString path = root.filePath(name);
    if (!QDir().mkpath(path) || ::chmod(QFile::encodeName(path).constData(), 0777) != 0) {
        return {};
    }
    return path;
}

} // namespace

class TestHostileFiles : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void symlinkAtIntermediateComponentIsRefused();
    void rootOwnedLinkInDirectoryOthersMayWriteIsRefused();
    void linkOnlyRootCouldHaveMadeIsFollowed();
    void createdDirectoryGetsItsModeDespiteUmask();
    void existingDirectoryOfAnotherUserIsNotUsedAsPrivate();

    void plantedKeyFileOwnedByAnotherUserIsRefused();
    void keyFileOfRootOrDirectoryOwnerKeepsItsOwner();
    void plantedCertificateFileIsReplaced();

    void fifoNamedAsCertificateIsRefusedWithoutHanging();
    void deviceNamedAsCertificateIsRefused();
    void hugeFileIsRefused();

private:
    std::unique_ptr<QTemporaryDir> m_root;
    std::unique_ptr<QTemporaryDir> m_outside;
    std::unique_ptr<QTemporaryDir> m_state;
};

void TestHostileFiles::initTestCase()
{
    if (::geteuid() != 0) {
        QSKIP("needs root: the attacker's files belong to uid 65534 (nobody)");
    }
}

void TestHostileFiles::init()
{
    m_root = std::make_unique<QTemporaryDir>();
    m_outside = std::make_unique<QTemporaryDir>();
    m_state = std::make_unique<QTemporaryDir>();
    QVERIFY(m_root->isValid() && m_outside->isValid() && m_state->isValid());
    // QTemporaryDir is 0700: let the web server's user (and the attacker) reach what is below, as on a real host.
    QCOMPARE(::chmod(QFile::encodeName(m_root->path()).constData(), 0755), 0);
}

void TestHostileFiles::cleanup()
{
    m_root.reset();
    m_outside.reset();
    m_state.reset();
}

void TestHostileFiles::symlinkAtIntermediateComponentIsRefused()
{
    const QString shared = attackerWritableDirectory(*m_root, QStringLiteral("shared"));
    QVERIFY(!shared.isEmpty());
    const QString link = shared + QStringLiteral("/backups");
    QVERIFY(plantLink(m_outside->path(), link));
    const mode_t outsideMode = lstatOf(m_outside->path()).st_mode;

    LocalHost host;
    const Status made = host.makeDirectories(link + QStringLiteral("/20261207/keys"), 0700);
    QVERIFY2(!made, "a directory was created through a link another user planted");
    QVERIFY2(made.message().contains(link), qPrintable(made.message()));
    QVERIFY2(made.message().contains(QStringLiteral("symbolic link")), qPrintable(made.message()));
    QCOMPARE(entriesBelow(m_outside->path()), QStringList());
    QCOMPARE(lstatOf(m_outside->path()).st_mode, outsideMode); // nothing chmod-ed outside

    // The same link as the last component: not made private (chmod-ed) either.
    const Status last = fileio::makePrivateDirectory(link, 0700);
    QVERIFY2(!last && last.message().contains(link), qPrintable(last.message()));
    QCOMPARE(lstatOf(m_outside->path()).st_mode, outsideMode);
}

void TestHostileFiles::rootOwnedLinkInDirectoryOthersMayWriteIsRefused()
{
    // Another user can swap any link in a directory they may write, whoever made it.
    const QString shared = attackerWritableDirectory(*m_root, QStringLiteral("shared"));
    const QString link = shared + QStringLiteral("/state");
    QVERIFY(plantLink(m_outside->path(), link, 0));
    const Status made = fileio::makePrivateDirectory(link + QStringLiteral("/backups"), 0700);
    QVERIFY2(!made && made.message().contains(link), qPrintable(made.message()));
    QCOMPARE(entriesBelow(m_outside->path()), QStringList());
}

void TestHostileFiles::linkOnlyRootCouldHaveMadeIsFollowed()
{
    // /var/run -> /run style: root's link in root's directory nobody else may write.
    const QString link = m_root->filePath(QStringLiteral("state"));
    QVERIFY(plantLink(m_outside->path(), link, 0));
    const Status made = fileio::makePrivateDirectory(link + QStringLiteral("/backups/one"), 0700);
    QVERIFY2(made, qPrintable(made.message()));
    QCOMPARE(lstatOf(m_outside->filePath(QStringLiteral("backups/one"))).st_mode & 07777, mode_t(0700));
}

void TestHostileFiles::createdDirectoryGetsItsModeDespiteUmask()
{
    const mode_t previous = ::umask(077);
    const Status made = fileio::makePrivateDirectory(m_root->filePath(QStringLiteral("a/b")), 0755);
    ::umask(previous);
    QVERIFY2(made, qPrintable(made.message()));
    QCOMPARE(lstatOf(m_root->filePath(QStringLiteral("a"))).st_mode & 07777, mode_t(0755));
    QCOMPARE(lstatOf(m_root->filePath(QStringLiteral("a/b"))).st_mode & 07777, mode_t(0755));
}

void TestHostileFiles::existingDirectoryOfAnotherUserIsNotUsedAsPrivate()
{
    // The attacker made the backup directory first, to read or swap what the bot puts there.
    const QString planted = m_root->filePath(QStringLiteral("backups"));
    QVERIFY(QDir().mkpath(planted));
    QCOMPARE(::chown(QFile::encodeName(planted).constData(), kNobody, kNobody), 0);
    QCOMPARE(::chmod(QFile::encodeName(planted).constData(), 0777), 0);
    const Status made = fileio::makePrivateDirectory(planted, 0700);
    QVERIFY2(!made, "a directory of another user was used as the bot's private directory");
    QVERIFY2(made.message().contains(planted) && made.message().contains(QStringLiteral("65534")),
             qPrintable(made.message()));
    QCOMPARE(lstatOf(planted).st_mode & 07777, mode_t(0777)); // not touched
}

void TestHostileFiles::plantedKeyFileOwnedByAnotherUserIsRefused()
{
    // A shared directory (root's, 0777): nobody planted the key file so that it keeps them as its owner.
    const QString shared = attackerWritableDirectory(*m_root, QStringLiteral("ssl"));
    const QString keyPath = shared + QStringLiteral("/site.key");
    QVERIFY(writeAs(keyPath, "planted", kNobody, 0644));

    MaterialFiles files(m_state->path());
    const QByteArray secret = "-----BEGIN PRIVATE KEY-----\nnew secret key\n-----END PRIVATE KEY-----\n";
    const Status written = files.write({keyPath, MaterialFile::Role::Key, secret});
    QVERIFY2(!written, "the new private key was written into a file another user owns");
    QVERIFY2(written.message().contains(keyPath), qPrintable(written.message()));
    QVERIFY2(written.message().contains(QStringLiteral("uid 65534")), qPrintable(written.message()));

    QFile key(keyPath);
    QVERIFY(key.open(QIODevice::ReadOnly));
    QCOMPARE(key.readAll(), QByteArray("planted"));                          // nothing written
    QCOMPARE(entriesBelow(shared), QStringList{QStringLiteral("site.key")}); // no temporary file with the key
}

void TestHostileFiles::keyFileOfRootOrDirectoryOwnerKeepsItsOwner()
{
    // The directory's owner (nobody here) may replace the file anyway: their key file keeps its owner.
    const QString theirs = m_root->filePath(QStringLiteral("theirs"));
    QVERIFY(QDir().mkpath(theirs));
    QCOMPARE(::chown(QFile::encodeName(theirs).constData(), kNobody, kNobody), 0);
    const QString keyPath = theirs + QStringLiteral("/site.key");
    QVERIFY(writeAs(keyPath, "old", kNobody, 0600));
    MaterialFiles files(m_state->path());
    Status written = files.write({keyPath, MaterialFile::Role::Key, "new key"});
    QVERIFY2(written, qPrintable(written.message()));
    QCOMPARE(lstatOf(keyPath).st_uid, kNobody);
    QCOMPARE(lstatOf(keyPath).st_mode & 07777, mode_t(0600));

    const QString rootKey = m_root->filePath(QStringLiteral("root.key"));
    QVERIFY(writeAs(rootKey, "old", 0, 0640));
    written = files.write({rootKey, MaterialFile::Role::Key, "new key"});
    QVERIFY2(written, qPrintable(written.message()));
    QCOMPARE(lstatOf(rootKey).st_uid, uid_t(0));
    QCOMPARE(lstatOf(rootKey).st_mode & 07777, mode_t(0600));
}

void TestHostileFiles::plantedCertificateFileIsReplaced()
{
    // A certificate is public: a planted one is replaced (and keeps its owner, as before).
    const QString shared = attackerWritableDirectory(*m_root, QStringLiteral("ssl"));
    const QString certPath = shared + QStringLiteral("/site.crt");
    QVERIFY(writeAs(certPath, "planted", kNobody, 0644));
    MaterialFiles files(m_state->path());
    const Status written = files.write({certPath, MaterialFile::Role::Certificate, "new certificate"});
    QVERIFY2(written, qPrintable(written.message()));
    QFile cert(certPath);
    QVERIFY(cert.open(QIODevice::ReadOnly));
    QCOMPARE(cert.readAll(), QByteArray("new certificate"));
}

void TestHostileFiles::fifoNamedAsCertificateIsRefusedWithoutHanging()
{
    const QString fifo = m_root->filePath(QStringLiteral("site.crt"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0644), 0);
    LocalHost host;
    QElapsedTimer timer;
    timer.start();
    const Result<QByteArray> read = host.readFile(fifo);
    QVERIFY2(!read, "a FIFO was read as a certificate");
    QVERIFY2(read.message().contains(fifo) && read.message().contains(QStringLiteral("FIFO")),
             qPrintable(read.message()));
    const Result<fileio::FileState> state = MaterialFiles::readState(host, fifo);
    QVERIFY2(!state && state.message().contains(QStringLiteral("FIFO")), qPrintable(state.message()));
    QVERIFY2(timer.elapsed() < 5000, "reading the FIFO waited for a writer");
}

void TestHostileFiles::deviceNamedAsCertificateIsRefused()
{
    LocalHost host;
    const Result<QByteArray> read = host.readFile(QStringLiteral("/dev/zero"));
    QVERIFY2(!read && read.message().contains(QStringLiteral("character device")), qPrintable(read.message()));
}

void TestHostileFiles::hugeFileIsRefused()
{
    const QString huge = m_root->filePath(QStringLiteral("site.crt"));
    QFile file(huge);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.resize(17 * 1024 * 1024)); // sparse: no disk used
    file.close();
    LocalHost host;
    const Result<QByteArray> read = host.readFile(huge);
    QVERIFY2(!read && read.message().contains(QStringLiteral("larger than 16 MiB")), qPrintable(read.message()));

    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.resize(16 * 1024 * 1024)); // at the cap: still read
    file.close();
    const Result<QByteArray> atCap = host.readFile(huge);
    QVERIFY2(atCap, qPrintable(atCap.message()));
    QCOMPARE(atCap->size(), qsizetype(16 * 1024 * 1024));
}

QTEST_GUILESS_MAIN(TestHostileFiles)
#include "TestHostileFiles.moc"
