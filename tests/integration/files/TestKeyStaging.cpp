// KeyStaging: staged private keys do not outlive their use. Deleted once deployed (a Rotate or a repeated deploy
// reads the key back from the key file it was deployed to, only while that file holds the key of the deployed
// certificate), pruned when unused for kAbandonedKeyDays, and no copy of a key is left in a temporary file. The
// deletion after a successful deploy through the real bot is checked in TestBotClient::deployToRealNginxThenRollBack.
#include "app/certdeck-bot/KeyStaging.h"
#include "tests/support/TestPki.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>

using namespace certdeck;
using namespace certdeck::bot;

namespace {

const QByteArray kKey = "-----BEGIN PRIVATE KEY-----\nnot really a key\n-----END PRIVATE KEY-----\n";

bool setAge(const QString& path, int days)
{
    const qint64 then = QDateTime::currentSecsSinceEpoch() - qint64(days) * 24 * 3600;
    const struct timespec times[2] = {{then, 0}, {then, 0}};
    return ::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, AT_SYMLINK_NOFOLLOW) == 0;
}

QStringList keysIn(const KeyStaging& staging)
{
    return QDir(staging.keysDirectory()).entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name);
}

} // namespace

class TestKeyStaging : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void deployedKeyIsDeletedAndSaysSo();
    void deployedKeyIsReadBackFromItsKeyFileOnly();
    void discardingAKeyThatIsGoneIsFine();
    void abandonedKeysArePrunedUsedOnesKept();
    void stagingPrunesAbandonedKeysToo();
};

void TestKeyStaging::deployedKeyIsDeletedAndSaysSo()
{
    QTemporaryDir state;
    const KeyStaging staging(state.path());
    const Result<QString> keyId = staging.stage(kKey);
    QVERIFY2(keyId, qPrintable(keyId.message()));
    QVERIFY(QFile::exists(staging.pathFor(*keyId)));

    const Status discarded = staging.discardDeployed(*keyId, QString(), "certificate"); // deployed to another host
    QVERIFY2(discarded, qPrintable(discarded.message()));
    QVERIFY(!QFile::exists(staging.pathFor(*keyId)));
    // Only the note is left, and it holds no secret.
    QCOMPARE(keysIn(staging), QStringList{*keyId + QStringLiteral(".deployed")});
    QFile note(QDir(staging.keysDirectory()).filePath(*keyId + QStringLiteral(".deployed")));
    QVERIFY(note.open(QIODevice::ReadOnly));
    QVERIFY(!note.readAll().contains("PRIVATE KEY"));

    const Result<QByteArray> loaded = staging.load(*keyId);
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().kind, QStringLiteral("notFound")); // csr.create answers unknownKey: a new key is made
    QVERIFY2(loaded.message().contains(QStringLiteral("was deployed on")) &&
                 loaded.message().contains(QStringLiteral("another host")) &&
                 loaded.message().contains(QStringLiteral("Rekey")),
             qPrintable(loaded.message()));
}

void TestKeyStaging::deployedKeyIsReadBackFromItsKeyFileOnly()
{
    QTemporaryDir state;
    QTemporaryDir server;
    const test::TestPki pki;
    const test::IssuedCert deployed = pki.issueLeaf(QStringList{QStringLiteral("www.example.test")});
    const KeyStaging staging(state.path());
    const Result<QString> keyId = staging.stage(deployed.key.toPem());
    QVERIFY(keyId);
    // What the deployer did: the key is in the server's key file.
    const QString keyFile = server.filePath(QStringLiteral("site.key"));
    QFile file(keyFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(deployed.key.toPem());
    file.close();
    QVERIFY(staging.discardDeployed(*keyId, keyFile, deployed.cert.toPem()));
    QVERIFY(!QFile::exists(staging.pathFor(*keyId)));

    // Rotate (csr.create with the key id) and a repeated deploy get the key back from the key file.
    Result<QByteArray> loaded = staging.load(*keyId);
    QVERIFY2(loaded, qPrintable(loaded.message()));
    QCOMPARE(*loaded, deployed.key.toPem());

    // Another key planted in the key file (to get a CSR, then a certificate, for a key someone else holds) is not
    // taken; neither is a symbolic link there.
    const test::IssuedCert planted = pki.issueLeaf(QStringList{QStringLiteral("evil.example.test")});
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(planted.key.toPem());
    file.close();
    loaded = staging.load(*keyId);
    QVERIFY(!loaded);
    QCOMPARE(loaded.error().kind, QStringLiteral("notFound"));
    QVERIFY2(loaded.message().contains(QStringLiteral("no longer holds it")), qPrintable(loaded.message()));

    const QString elsewhere = server.filePath(QStringLiteral("real.key"));
    QVERIFY(QFile::rename(keyFile, elsewhere));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QVERIFY(QFile::remove(keyFile));
    QFile real(elsewhere);
    QVERIFY(real.open(QIODevice::WriteOnly | QIODevice::Truncate));
    real.write(deployed.key.toPem());
    real.close();
    QVERIFY(QFile::link(elsewhere, keyFile));
    loaded = staging.load(*keyId);
    QVERIFY2(!loaded && loaded.message().contains(QStringLiteral("symbolic link")), qPrintable(loaded.message()));
}

void TestKeyStaging::discardingAKeyThatIsGoneIsFine()
{
    QTemporaryDir state;
    const KeyStaging staging(state.path());
    QVERIFY(staging.discardDeployed(QStringLiteral("0123456789abcdef"), QString(), {}));
    QVERIFY(!staging.discardDeployed(QStringLiteral("../../etc/passwd"), QString(), {})); // never a path
}

void TestKeyStaging::abandonedKeysArePrunedUsedOnesKept()
{
    QTemporaryDir state;
    const KeyStaging staging(state.path());
    const Result<QString> abandoned = staging.stage(kKey);
    const Result<QString> fresh = staging.stage(kKey);
    const Result<QString> oldButUsed = staging.stage(kKey);
    QVERIFY(abandoned && fresh && oldButUsed);
    QVERIFY(setAge(staging.pathFor(*abandoned), KeyStaging::kAbandonedKeyDays + 1));
    QVERIFY(setAge(staging.pathFor(*oldButUsed), KeyStaging::kAbandonedKeyDays + 1));
    QVERIFY(staging.load(*oldButUsed)); // a retried deploy or a Rotate uses it: no longer abandoned

    // A crash between writing and renaming left a temporary file with a key in it; and a file that is not ours.
    const QString leftover =
        QDir(staging.keysDirectory()).filePath(QStringLiteral(".00112233445566778899aabbccddeeff.tmp"));
    const QString foreign = QDir(staging.keysDirectory()).filePath(QStringLiteral("README"));
    for (const QString& path : {leftover, foreign}) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(kKey);
        file.close();
        QVERIFY(setAge(path, 2));
    }

    QCOMPARE(staging.pruneAbandoned(), 1);
    QVERIFY(!QFile::exists(staging.pathFor(*abandoned)));
    QVERIFY(!QFile::exists(leftover));
    QVERIFY(QFile::exists(staging.pathFor(*fresh)));
    QVERIFY(QFile::exists(staging.pathFor(*oldButUsed)));
    QVERIFY(QFile::exists(foreign));
}

void TestKeyStaging::stagingPrunesAbandonedKeysToo()
{
    QTemporaryDir state;
    const KeyStaging staging(state.path());
    const Result<QString> abandoned = staging.stage(kKey);
    QVERIFY(abandoned);
    QVERIFY(setAge(staging.pathFor(*abandoned), KeyStaging::kAbandonedKeyDays + 1));
    QVERIFY(staging.stage(kKey)); // housekeeping on every staging, not only at bot start
    QVERIFY(!QFile::exists(staging.pathFor(*abandoned)));
}

QTEST_GUILESS_MAIN(TestKeyStaging)
#include "TestKeyStaging.moc"
