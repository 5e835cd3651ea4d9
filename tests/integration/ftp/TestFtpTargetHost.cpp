#include "deployers/ftp/FtpTargetHost.h"
#include "tests/support/TestPki.h"
#include "tests/support/TestSupport.h"
#include "tests/support/VsftpdFixture.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <thread>

using namespace certdeck;
using namespace certdeck::deployers;
using certdeck::test::VsftpdFixture;

class TestFtpTargetHost : public QObject
{
    Q_OBJECT

private:
    static constexpr int kTimeoutMs = 4000;
    QByteArray m_password = QByteArrayLiteral("deploy@certdeck.test");

    FtpEndpoint pinnedEndpoint(const VsftpdFixture& server, FtpEndpoint::Tls tls = FtpEndpoint::Tls::Explicit)
    {
        FtpEndpoint endpoint;
        endpoint.host = QStringLiteral("127.0.0.1");
        endpoint.port = server.port();
        endpoint.user = VsftpdFixture::userName();
        endpoint.tls = tls;
        endpoint.pinnedSha256 = server.leafSha256();
        return endpoint;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString reason;
        if (!VsftpdFixture::isAvailable(&reason)) {
            QSKIP(qPrintable(reason));
        }
    }

    // Listings come from STAT on the control connection; a server that refuses STAT is listed over LIST.
    void filesRoundTrip_data()
    {
        QTest::addColumn<bool>("statRefused");
        QTest::newRow("listed by STAT") << false;
        QTest::newRow("STAT refused, listed by LIST") << true;
    }

    void filesRoundTrip()
    {
        QFETCH(bool, statRefused);
        QTemporaryDir dir;
        VsftpdFixture server(dir.path());
        if (statRefused) {
            server.addConfig(QStringLiteral("cmds_denied=STAT"));
        }
        const Status started = server.start();
        QVERIFY2(started, qPrintable(started.message()));
        auto host = FtpTargetHost::connect(pinnedEndpoint(server), m_password, kTimeoutMs);
        QVERIFY2(host, qPrintable(host.message() + server.log()));
        FtpTargetHost& ftp = **host;
        QCOMPARE(ftp.describe(), QStringLiteral("ftps://anonymous@127.0.0.1:%1").arg(server.port()));
        QVERIFY(!ftp.run({QStringLiteral("true")}, 1000));
        QVERIFY(!ftp.userId());

        const Status made = ftp.makeDirectories(QStringLiteral("/upload/certs/site a/live"), 0700);
        QVERIFY2(made, qPrintable(made.message() + server.log()));
        QVERIFY(QFileInfo(server.root() + QStringLiteral("/upload/certs/site a/live")).isDir());
        QVERIFY(ftp.makeDirectories(QStringLiteral("/upload/certs/site a/live"), 0700)); // exists: fine

        QByteArray key(3000, Qt::Uninitialized);
        for (int i = 0; i < key.size(); ++i) {
            key[i] = char(i * 7 + 3); // every byte value, \r\n included: binary transfer
        }
        const QString path = QStringLiteral("/upload/certs/site a/live/key.pem");
        const Status written = ftp.writeFileAtomic(path, key, 0600);
        QVERIFY2(written, qPrintable(written.message()));
        QCOMPARE(test::readFileBytes(server.root() + path), key);
        const auto read = ftp.readFile(path);
        QVERIFY2(read, qPrintable(read.message()));
        QCOMPARE(*read, key);

        const auto info = ftp.stat(path);
        QVERIFY(info && info->exists && !info->isDirectory);
        QCOMPARE(info->size, qint64(key.size()));
        const auto directoryInfo = ftp.stat(QStringLiteral("/upload/certs/site a"));
        QVERIFY(directoryInfo && directoryInfo->exists && directoryInfo->isDirectory);
        const auto missing = ftp.stat(QStringLiteral("/upload/certs/nothing.pem"));
        QVERIFY(missing && !missing->exists);

        // Replace: the new content, no temporary file left behind (dot files included in the listing).
        QVERIFY(ftp.writeFileAtomic(path, QByteArrayLiteral("new key\n"), 0600));
        QCOMPARE(test::readFileBytes(server.root() + path), QByteArrayLiteral("new key\n"));
        QVERIFY(ftp.writeFileAtomic(QStringLiteral("/upload/certs/site a/live/.hidden"), "x", 0600));
        const auto names = ftp.listDirectory(QStringLiteral("/upload/certs/site a/live"));
        QVERIFY(names);
        QCOMPARE(QSet<QString>(names->begin(), names->end()),
                 (QSet<QString>{QStringLiteral("key.pem"), QStringLiteral(".hidden")}));
        const auto none = ftp.listDirectory(QStringLiteral("/upload/no/such/dir"));
        QVERIFY(none && none->isEmpty());

        // Reading a directory, a file over the cap.
        QVERIFY(!ftp.readFile(QStringLiteral("/upload/certs")));
        QFile big(server.root() + QStringLiteral("/big.bin"));
        QVERIFY(big.open(QIODevice::WriteOnly) && big.resize(FtpTargetHost::kMaxReadBytes + 1));
        big.close();
        const auto tooBig = ftp.readFile(QStringLiteral("/big.bin"));
        QVERIFY(!tooBig);
        QVERIFY2(tooBig.message().contains(QLatin1String("larger than")), qPrintable(tooBig.message()));

        QVERIFY(ftp.removeFile(path));
        QVERIFY(!QFile::exists(server.root() + path));
        QVERIFY(ftp.removeFile(path)); // missing: fine
        QVERIFY(ftp.removeTree(QStringLiteral("/upload/certs")));
        QVERIFY(!QFile::exists(server.root() + QStringLiteral("/upload/certs")));
        QVERIFY(ftp.removeTree(QStringLiteral("/upload/certs")));
        QCOMPARE(ftp.stateDirectory(), QStringLiteral("/.certdeck-backups"));
        const QString log = server.log();
        QCOMPARE(log.contains(QLatin1String("\"LIST -a")), statRefused);
        QVERIFY(log.contains(QLatin1String("\"STAT -a /upload/certs/site a/live\"")));
    }

    void implicitTls()
    {
        QTemporaryDir dir;
        VsftpdFixture server(dir.path(), VsftpdFixture::Tls::Implicit);
        const Status started = server.start();
        QVERIFY2(started, qPrintable(started.message()));
        auto host = FtpTargetHost::connect(pinnedEndpoint(server, FtpEndpoint::Tls::Implicit), m_password, kTimeoutMs);
        QVERIFY2(host, qPrintable(host.message() + server.log()));
        QVERIFY((*host)->writeFileAtomic(QStringLiteral("/upload/cert.pem"), "implicit", 0644));
        QCOMPARE(test::readFileBytes(server.root() + QStringLiteral("/upload/cert.pem")),
                 QByteArrayLiteral("implicit"));
    }

    void trust()
    {
        QTemporaryDir dir;
        VsftpdFixture server(dir.path());
        QVERIFY(server.start());

        // A wrong pin: refused in the handshake, before USER/PASS reached the server.
        FtpEndpoint wrongPin = pinnedEndpoint(server);
        wrongPin.pinnedSha256 = QString(64, QLatin1Char('a'));
        const auto refused = FtpTargetHost::connect(wrongPin, m_password, kTimeoutMs);
        QVERIFY(!refused);
        QVERIFY2(refused.message().contains(server.leafSha256()) && refused.message().contains("nothing was changed"),
                 qPrintable(refused.message()));
        QVERIFY2(!server.log().contains(QLatin1String("USER")) && !server.log().contains(QLatin1String("PASS")),
                 qPrintable(server.log()));
        QVERIFY(!refused.message().contains(QString::fromUtf8(m_password)));

        // The CA that issued the server certificate (name checked: "localhost").
        FtpEndpoint byCa = pinnedEndpoint(server);
        byCa.host = QStringLiteral("localhost");
        byCa.pinnedSha256.clear();
        byCa.caPem = server.caPem();
        const auto trusted = FtpTargetHost::connect(byCa, m_password, kTimeoutMs);
        QVERIFY2(trusted, qPrintable(trusted.message()));

        FtpEndpoint otherCa = byCa;
        otherCa.caPem = test::TestPki::makeRoot(QStringLiteral("Other CA")).cert.toPem();
        const auto untrusted = FtpTargetHost::connect(otherCa, m_password, kTimeoutMs);
        QVERIFY(!untrusted);
        QCOMPARE(untrusted.error().kind, QStringLiteral("untrusted"));

        FtpEndpoint noTrust = byCa;
        noTrust.caPem.clear();
        QVERIFY(!FtpTargetHost::connect(noTrust, m_password, kTimeoutMs));

        FtpEndpoint plain = byCa;
        plain.tls = FtpEndpoint::Tls::None;
        const auto plainRefused = FtpTargetHost::connect(plain, m_password, kTimeoutMs);
        QVERIFY(!plainRefused);
        QVERIFY2(plainRefused.message().contains(QLatin1String("in clear")), qPrintable(plainRefused.message()));

        const auto denied = FtpTargetHost::connect(pinnedEndpoint(server), VsftpdFixture::deniedPassword(), kTimeoutMs);
        QVERIFY(!denied);
        QVERIFY2(denied.error().kind == QLatin1String("loginRefused"), qPrintable(denied.message()));
    }

    void plainServerRefusesTls()
    {
        QTemporaryDir dir;
        VsftpdFixture server(dir.path(), VsftpdFixture::Tls::None);
        QVERIFY(server.start());
        const auto refused = FtpTargetHost::connect(pinnedEndpoint(server), m_password, kTimeoutMs);
        QVERIFY(!refused);
        QVERIFY2(refused.message().contains(QLatin1String("AUTH TLS refused")), qPrintable(refused.message()));
        QVERIFY2(!server.log().contains(QLatin1String("PASS <password>")), qPrintable(server.log()));
    }

    void droppedUploadKeepsTheOldFile()
    {
        QTemporaryDir dir;
        VsftpdFixture server(dir.path());
        server.addConfig(QStringLiteral("anon_max_rate=20000")); // ~20 KB/s: a 200 KB upload takes seconds
        QVERIFY(server.start());
        auto host = FtpTargetHost::connect(pinnedEndpoint(server), m_password, kTimeoutMs);
        QVERIFY2(host, qPrintable(host.message()));
        QVERIFY((*host)->writeFileAtomic(QStringLiteral("/upload/key.pem"), "old key", 0600));
        std::thread killer([&server] {
            QThread::msleep(800);
            server.killSessions();
        });
        const Status written =
            (*host)->writeFileAtomic(QStringLiteral("/upload/key.pem"), QByteArray(200000, 'n'), 0600);
        killer.join();
        QVERIFY(!written);
        QCOMPARE(test::readFileBytes(server.root() + QStringLiteral("/upload/key.pem")), QByteArrayLiteral("old key"));
        QVERIFY2(written.message().contains(QLatin1String("left unchanged")), qPrintable(written.message()));
    }
};

QTEST_GUILESS_MAIN(TestFtpTargetHost)
#include "TestFtpTargetHost.moc"
