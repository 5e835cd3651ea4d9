#include "engine/crypto/TlsProbe.h"

#include "tests/support/TestPki.h"
#include "tests/support/TestSupport.h"

#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>

using namespace certdeck;
using namespace certdeck::crypto;
using certdeck::test::IssuedCert;
using certdeck::test::TestPki;

// Probes a real `openssl s_server` that serves one certificate by default and another for a server name.
class TestTlsProbe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void probesTheServedChainWithSni();
    void probesTheDefaultCertificateWithoutSni();
    void refusedPortIsReported();
    void silentServerTimesOut();
    void plainTextServerIsNotTls();
    void rejectsInvalidEndpoint();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<TestPki> m_pki;
    std::unique_ptr<IssuedCert> m_defaultCert;
    std::unique_ptr<IssuedCert> m_sniCert;
    QProcess m_server;
    int m_port = 0;
};

void TestTlsProbe::initTestCase()
{
    const QString openssl = test::findProgram(QStringLiteral("openssl"));
    if (openssl.isEmpty()) {
        QSKIP("the openssl command is not installed");
    }
    QVERIFY(m_dir.isValid());
    m_pki = std::make_unique<TestPki>();
    m_defaultCert = std::make_unique<IssuedCert>(m_pki->issueLeaf({QStringLiteral("default.example.test")}));
    test::LeafOptions rsa;
    rsa.names = {QStringLiteral("www.example.test")};
    rsa.key = {KeyAlgorithm::Rsa, 2048};
    m_sniCert = std::make_unique<IssuedCert>(m_pki->issueLeaf(rsa));
    const test::PemFiles defaultFiles =
        test::writePemFiles(m_dir.path(), QStringLiteral("default"), *m_defaultCert, {m_pki->intermediate().cert});
    const test::PemFiles sniFiles = test::writePemFiles(m_dir.path(), QStringLiteral("www"), *m_sniCert);

    // A port picked free can be taken by someone else before s_server binds it: retry a few times.
    for (int attempt = 0; attempt < 5 && m_server.state() != QProcess::Running; ++attempt) {
        m_port = test::freeLoopbackPort();
        QVERIFY(m_port > 0);
        m_server.setProcessChannelMode(QProcess::MergedChannels);
        m_server.start(openssl,
                       {QStringLiteral("s_server"), QStringLiteral("-accept"),
                        QStringLiteral("127.0.0.1:%1").arg(m_port), QStringLiteral("-cert"), defaultFiles.cert,
                        QStringLiteral("-key"), defaultFiles.key, QStringLiteral("-cert_chain"), defaultFiles.chain,
                        QStringLiteral("-servername"), QStringLiteral("www.example.test"), QStringLiteral("-cert2"),
                        sniFiles.cert, QStringLiteral("-key2"), sniFiles.key, QStringLiteral("-ign_eof")});
        QVERIFY(m_server.waitForStarted());
        // s_server prints "ACCEPT" once it listens.
        QByteArray output;
        QDeadlineTimer deadline(15000);
        while (!output.contains("ACCEPT") && m_server.state() == QProcess::Running && !deadline.hasExpired()) {
            m_server.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
            output += m_server.readAll();
        }
        if (!output.contains("ACCEPT")) {
            qWarning("openssl s_server did not start: %s", output.constData());
            m_server.kill();
            m_server.waitForFinished();
        }
    }
    QCOMPARE(m_server.state(), QProcess::Running);
}

void TestTlsProbe::cleanupTestCase()
{
    if (m_server.state() != QProcess::NotRunning) {
        m_server.terminate();
        if (!m_server.waitForFinished(5000)) {
            m_server.kill();
            m_server.waitForFinished();
        }
    }
}

void TestTlsProbe::probesTheServedChainWithSni()
{
    auto result = probeTls({QStringLiteral("127.0.0.1"), m_port, QStringLiteral("www.example.test")}, 10000);
    QVERIFY2(result.ok(), qPrintable(result.message()));
    QCOMPARE(result->leafFingerprintSha256, m_sniCert->cert.fingerprintSha256());
    QCOMPARE(result->chain.at(0).fingerprintSha256(), m_sniCert->cert.fingerprintSha256());
    QCOMPARE(result->chain.at(0).keyAlgorithm(), QStringLiteral("RSA"));
    QCOMPARE(result->protocol, QStringLiteral("TLSv1.3"));
}

void TestTlsProbe::probesTheDefaultCertificateWithoutSni()
{
    auto result = probeTls({QStringLiteral("localhost"), m_port, QString()}, 10000);
    QVERIFY2(result.ok(), qPrintable(result.message()));
    QCOMPARE(result->leafFingerprintSha256, m_defaultCert->cert.fingerprintSha256());
    QVERIFY(result->leafFingerprintSha256 != m_sniCert->cert.fingerprintSha256());
    QCOMPARE(result->chain.first().commonName(), QStringLiteral("default.example.test"));
    // -cert_chain: the intermediate follows the leaf, as served.
    QCOMPARE(result->chain.size(), 2);
    QCOMPARE(result->chain.at(1).fingerprintSha256(), m_pki->intermediate().cert.fingerprintSha256());
}

void TestTlsProbe::refusedPortIsReported()
{
    const int port = test::freeLoopbackPort();
    auto result = probeTls({QStringLiteral("127.0.0.1"), port, QStringLiteral("www.example.test")}, 5000);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, QStringLiteral("refused"));
    QVERIFY2(result.message().contains(QStringLiteral("127.0.0.1:%1").arg(port)), qPrintable(result.message()));
    QVERIFY2(result.message().contains(QLatin1String("refused")), qPrintable(result.message()));
}

void TestTlsProbe::silentServerTimesOut()
{
    // Listens (the kernel completes the TCP handshake) but never answers the ClientHello.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    auto result = probeTls({QStringLiteral("127.0.0.1"), int(silent.serverPort()), QString()}, 300);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, QStringLiteral("timeout"));
    QVERIFY2(result.message().contains(QLatin1String("did not complete the TLS handshake within 300 ms")),
             qPrintable(result.message()));
}

void TestTlsProbe::plainTextServerIsNotTls()
{
    QTcpServer http;
    QVERIFY(http.listen(QHostAddress::LocalHost, 0));
    connect(&http, &QTcpServer::newConnection, &http, [&http] {
        while (QTcpSocket* socket = http.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                socket->readAll();
                socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
            });
        }
    });
    const int port = http.serverPort();
    QFuture<Result<TlsProbeResult>> probe = QtConcurrent::run([port] {
        return probeTls({QStringLiteral("127.0.0.1"), port, QStringLiteral("www.example.test")}, 10000);
    });
    QTRY_VERIFY_WITH_TIMEOUT(probe.isFinished(), 15000);
    const Result<TlsProbeResult> result = probe.result();
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, QStringLiteral("notTls"));
    QVERIFY2(result.message().contains(QLatin1String("did not answer with TLS")), qPrintable(result.message()));
}

void TestTlsProbe::rejectsInvalidEndpoint()
{
    auto noHost = probeTls({QString(), 443, QString()}, 1000);
    QVERIFY(!noHost.ok());
    QCOMPARE(noHost.error().kind, QStringLiteral("invalid"));
    auto badPort = probeTls({QStringLiteral("127.0.0.1"), 70000, QString()}, 1000);
    QVERIFY(!badPort.ok());
    QCOMPARE(badPort.error().kind, QStringLiteral("invalid"));
}

QTEST_GUILESS_MAIN(TestTlsProbe)
#include "TestTlsProbe.moc"
