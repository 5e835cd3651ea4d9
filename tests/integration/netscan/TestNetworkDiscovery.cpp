#include "engine/crypto/TlsProbe.h"
#include "engine/discovery/InventoryImport.h"
#include "engine/discovery/TlsScanner.h"
#include "engine/monitoring/EndpointCheck.h"
#include "engine/store/CertificateRepository.h"
#include "engine/store/Database.h"
#include "engine/store/EndpointRepository.h"
#include "tests/integration/netscan/NetscanNginx.h"
#include "tests/support/TestPki.h"

#include <QCryptographicHash>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace certdeck;
using namespace certdeck::discovery;

namespace {

const QString kPlainAddress = QStringLiteral("127.0.3.9");

// A TCP listener that never accepts or speaks: the kernel completes the TCP handshake, nobody answers TLS.
class SilentListener
{
public:
    SilentListener()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        sockaddr_in in = {};
        in.sin_family = AF_INET;
        in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof(in);
        if (m_fd >= 0 && ::bind(m_fd, reinterpret_cast<sockaddr*>(&in), sizeof(in)) == 0 && ::listen(m_fd, 64) == 0 &&
            ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&in), &length) == 0) {
            m_port = ntohs(in.sin_port);
        }
    }
    ~SilentListener()
    {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    int port() const { return m_port; }

private:
    int m_fd = -1;
    int m_port = 0;
};

QString sha256(const QByteArray& der)
{
    return QString::fromLatin1(QCryptographicHash::hash(der, QCryptographicHash::Sha256).toHex());
}

} // namespace

class TestNetworkDiscovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void findsEveryEndpointWithTheCertificateForEachServerName();
    void withoutSniTheDefaultCertificateIsServed();
    void silentListenerTimesOut();
    void plainHttpIsNotTls();
    void refusedPortsAreCountedNotKept();
    void cancelStopsEarly();
    void singleProbeAndPinningRecheckUseTheSameHandshake();
    void importStoresEachCertificateOnceAndOneRowPerEndpoint();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<test::TestPki> m_pki;
    std::unique_ptr<test::IssuedCert> m_certA;
    std::unique_ptr<test::IssuedCert> m_certB;
    std::unique_ptr<test::NetscanNginx> m_nginx;
    QStringList m_addresses{QStringLiteral("127.0.3.1"), QStringLiteral("127.0.3.2"), QStringLiteral("127.0.3.3")};
    int m_ports = 100;
};

void TestNetworkDiscovery::initTestCase()
{
    if (test::NetscanNginx::binary().isEmpty()) {
        QSKIP("nginx is not installed");
    }
    QVERIFY(m_dir.isValid());
    m_pki = std::make_unique<test::TestPki>();
    m_certA = std::make_unique<test::IssuedCert>(m_pki->issueLeaf({QStringLiteral("a.example.test")}));
    m_certB = std::make_unique<test::IssuedCert>(m_pki->issueLeaf({QStringLiteral("b.example.test")}));
    const auto filesA = test::writePemFiles(m_dir.path(), QStringLiteral("a"), *m_certA, {m_pki->intermediate().cert});
    const auto filesB = test::writePemFiles(m_dir.path(), QStringLiteral("b"), *m_certB);
    const QString nginxDir = m_dir.filePath(QStringLiteral("nginx"));
    QVERIFY(QDir().mkpath(nginxDir));
    m_nginx = std::make_unique<test::NetscanNginx>(nginxDir);
    // a.example.test (with its intermediate) is the default everywhere; b.example.test only on the first address.
    // A plain HTTP server listens on kPlainAddress at the base port.
    const Status started =
        m_nginx->start(m_addresses, m_ports,
                       {{QStringLiteral("a.example.test"), filesA.fullChain, filesA.key, {}},
                        {QStringLiteral("b.example.test"), filesB.cert, filesB.key, {m_addresses.first()}}},
                       QStringLiteral("    server { listen %1:{BASE}; location / { return 200 \"plain\\n\"; } }\n")
                           .arg(kPlainAddress));
    QVERIFY2(started, qPrintable(started.message()));
}

void TestNetworkDiscovery::cleanupTestCase()
{
    if (m_nginx) {
        m_nginx->stop();
    }
}

void TestNetworkDiscovery::findsEveryEndpointWithTheCertificateForEachServerName()
{
    auto plan = ScanPlan::make({QStringLiteral("127.0.3.1-3")}, m_nginx->portList(),
                               {QStringLiteral("a.example.test"), QStringLiteral("b.example.test")});
    QVERIFY2(plan, qPrintable(plan.message()));
    QCOMPARE(plan->total(), quint64(3 * 100 * 2));
    ScanOptions options;
    options.timeoutMs = 20000;
    options.concurrency = 64;
    const ScanSummary summary = TlsScanner::scan(*plan, options);
    QCOMPARE(summary.scanned, quint64(600));
    QCOMPARE(summary.tlsFound, quint64(600));
    QCOMPARE(summary.results.size(), 600);
    QSet<QString> seen;
    for (const ScanResult& result : summary.results) {
        const QString where = QStringLiteral("%1:%2 %3").arg(result.host).arg(result.port).arg(result.serverName);
        QVERIFY2(result.reached, qPrintable(where + QLatin1Char(' ') + result.error));
        const bool servesB = result.serverName == QLatin1String("b.example.test") && result.host == m_addresses.first();
        const QString expected = servesB ? m_certB->cert.fingerprintSha256() : m_certA->cert.fingerprintSha256();
        QVERIFY2(result.fingerprintSha256 == expected, qPrintable(where));
        QCOMPARE(sha256(result.chainDer.first()), result.fingerprintSha256); // leaf first
        QCOMPARE(result.chainDer.size(), servesB ? 1 : 2);
        if (!servesB) {
            QCOMPARE(sha256(result.chainDer.at(1)), m_pki->intermediate().cert.fingerprintSha256());
        }
        QVERIFY(result.protocol.startsWith(QLatin1String("TLSv1")));
        seen.insert(where);
    }
    QCOMPARE(seen.size(), 600);
    // The PEM form reads back as the same chain.
    auto chain = crypto::Certificate::chainFromPem(summary.results.first().chainPem());
    QVERIFY2(chain, qPrintable(chain.message()));
    QCOMPARE(chain->first().fingerprintSha256(), summary.results.first().fingerprintSha256);
}

void TestNetworkDiscovery::withoutSniTheDefaultCertificateIsServed()
{
    auto plan = ScanPlan::make({QStringLiteral("127.0.3.1")}, m_nginx->portList());
    QVERIFY(plan);
    ScanOptions options;
    options.timeoutMs = 20000;
    const ScanSummary summary = TlsScanner::scan(*plan, options);
    QCOMPARE(summary.tlsFound, quint64(100));
    for (const ScanResult& result : summary.results) {
        QCOMPARE(result.serverName, QString());
        QCOMPARE(result.fingerprintSha256, m_certA->cert.fingerprintSha256());
    }
}

void TestNetworkDiscovery::silentListenerTimesOut()
{
    SilentListener silent;
    QVERIFY(silent.port() > 0);
    ScanOptions options;
    options.timeoutMs = 400;
    options.keep = ScanOptions::Keep::All;
    const ScanSummary summary = TlsScanner::scan(
        ScanPlan::fromTargets({{QStringLiteral("127.0.0.1"), silent.port(), QStringLiteral("a.example.test")},
                               {m_addresses.at(1), m_nginx->basePort(), QStringLiteral("a.example.test")}}),
        options);
    QCOMPARE(summary.timedOut, quint64(1));
    QCOMPARE(summary.tlsFound, quint64(1));
    for (const ScanResult& result : summary.results) {
        if (result.port == silent.port()) {
            QVERIFY(!result.reached);
            QCOMPARE(result.error, QStringLiteral("timed out"));
            QCOMPARE(result.timeoutStage, QStringLiteral("TLS handshake"));
        } else {
            QCOMPARE(result.fingerprintSha256, m_certA->cert.fingerprintSha256());
        }
    }
}

void TestNetworkDiscovery::plainHttpIsNotTls()
{
    ScanOptions options;
    options.timeoutMs = 20000;
    options.keep = ScanOptions::Keep::ReachedAndErrors;
    const ScanSummary summary = TlsScanner::scan(
        ScanPlan::fromTargets({{kPlainAddress, m_nginx->basePort(), QStringLiteral("a.example.test")}}), options);
    QCOMPARE(summary.notTls, quint64(1));
    QCOMPARE(summary.results.size(), 1);
    QVERIFY2(summary.results.first().error.startsWith(QLatin1String("not a TLS server")),
             qPrintable(summary.results.first().error));
    QCOMPARE(summary.results.first().errorKind, QStringLiteral("notTls"));
}

void TestNetworkDiscovery::refusedPortsAreCountedNotKept()
{
    // Nothing listens on kPlainAddress above the base port.
    auto plan = ScanPlan::make({kPlainAddress},
                               QStringLiteral("%1-%2").arg(m_nginx->basePort() + 1).arg(m_nginx->basePort() + 50));
    QVERIFY(plan);
    ScanOptions options;
    options.timeoutMs = 20000;
    options.keep = ScanOptions::Keep::ReachedAndErrors;
    const ScanSummary summary = TlsScanner::scan(*plan, options);
    QCOMPARE(summary.scanned, quint64(50));
    QCOMPARE(summary.refused, quint64(50));
    QCOMPARE(summary.tlsFound, quint64(0));
    QVERIFY(summary.results.isEmpty());

    options.keep = ScanOptions::Keep::All;
    const ScanSummary all = TlsScanner::scan(*plan, options);
    QCOMPARE(all.results.size(), 50);
    QCOMPARE(all.results.first().error, QStringLiteral("connection refused"));
}

void TestNetworkDiscovery::cancelStopsEarly()
{
    auto plan = ScanPlan::make({QStringLiteral("127.1.0.0/16")}, QString::number(m_nginx->basePort()));
    QVERIFY(plan);
    std::atomic_bool cancel{false};
    ScanOptions options;
    options.concurrency = 16;
    options.threads = 1;
    options.cancel = &cancel;
    options.progressIntervalMs = 0;
    options.progress = [&cancel](quint64 done, quint64) {
        if (done >= 200) {
            cancel = true;
        }
    };
    const ScanSummary summary = TlsScanner::scan(*plan, options);
    QVERIFY(summary.cancelled);
    QVERIFY2(summary.scanned >= 200 && summary.scanned < summary.total / 2,
             qPrintable(QString::number(summary.scanned)));
    QCOMPARE(summary.total, quint64(65536));
}

void TestNetworkDiscovery::singleProbeAndPinningRecheckUseTheSameHandshake()
{
    auto probe =
        crypto::probeTls({m_addresses.first(), m_nginx->basePort() + 7, QStringLiteral("b.example.test")}, 20000);
    QVERIFY2(probe, qPrintable(probe.message()));
    QCOMPARE(probe->leafFingerprintSha256, m_certB->cert.fingerprintSha256());

    CertificateRecord record;
    record.id = 7;
    record.commonName = QStringLiteral("b.example.test");
    record.fingerprintSha256 = m_certB->cert.fingerprintSha256();
    record.notAfter = m_certB->cert.notAfter();
    const auto now = QDateTime::currentDateTimeUtc();
    const auto inSync = monitoring::checkEndpoint(record, m_addresses.first(), m_nginx->basePort() + 7, 20000, now);
    QVERIFY2(inSync.reached, qPrintable(inSync.error));
    QCOMPARE(inSync.drift, QString());
    // On another address only a.example.test is configured: the default certificate is served, that is drift.
    const auto drift = monitoring::checkEndpoint(record, m_addresses.at(2), m_nginx->basePort() + 7, 20000, now);
    QVERIFY(drift.reached);
    QCOMPARE(drift.servedFingerprint, m_certA->cert.fingerprintSha256());
    QVERIFY2(drift.drift.contains(QLatin1String("issued to a.example.test")), qPrintable(drift.drift));
    const auto refused = monitoring::checkEndpoint(record, kPlainAddress, m_nginx->basePort() + 3, 5000, now);
    QVERIFY(!refused.reached);
    QVERIFY2(refused.error.contains(QLatin1String("refused")), qPrintable(refused.error));
}

void TestNetworkDiscovery::importStoresEachCertificateOnceAndOneRowPerEndpoint()
{
    auto db = store::Database::open(QStringLiteral("sqlite:") + m_dir.filePath(QStringLiteral("inventory.db")));
    QVERIFY2(db, qPrintable(db.message()));
    auto plan = ScanPlan::make({QStringLiteral("127.0.3.1-3")}, m_nginx->portList(),
                               {QStringLiteral("a.example.test"), QStringLiteral("b.example.test")});
    QVERIFY(plan);
    ScanOptions options;
    options.timeoutMs = 20000;
    const ScanSummary summary = TlsScanner::scan(*plan, options);
    QCOMPARE(summary.tlsFound, quint64(600));
    const QList<SeenEndpoint> seen = toSeenEndpoints(summary.results);
    QCOMPARE(seen.size(), 600);

    const InventoryImport import(**db);
    auto first = import.importEndpoints(seen, QStringLiteral("network"));
    QVERIFY2(first, qPrintable(first.message()));
    QCOMPARE(first->newCertificates, 2);
    QCOMPARE(first->endpoints, 600);
    QVERIFY2(first->problems.isEmpty(), qPrintable(first->problems.join(u'\n')));

    // Scanning again changes nothing: the same two certificates, the same 600 endpoint rows.
    auto second = import.importEndpoints(seen, QStringLiteral("network"));
    QVERIFY2(second, qPrintable(second.message()));
    QCOMPARE(second->newCertificates, 0);
    QCOMPARE(second->knownCertificates, 2);
    QCOMPARE(second->endpoints, 600);

    auto certificates = store::CertificateRepository(**db).all();
    QVERIFY2(certificates, qPrintable(certificates.message()));
    QCOMPARE(certificates->size(), 2);
    QSet<QString> fingerprints;
    for (const CertificateRecord& record : *certificates) {
        QCOMPARE(record.status, CertificateStatus::Discovered);
        fingerprints.insert(record.fingerprintSha256);
    }
    QCOMPARE(fingerprints, (QSet<QString>{m_certA->cert.fingerprintSha256(), m_certB->cert.fingerprintSha256()}));

    auto endpoints = store::EndpointRepository(**db).all();
    QVERIFY2(endpoints, qPrintable(endpoints.message()));
    QCOMPARE(endpoints->size(), 600);
    for (const store::EndpointRecord& endpoint : *endpoints) {
        const bool servesB =
            endpoint.serverName == QLatin1String("b.example.test") && endpoint.host == m_addresses.first();
        QCOMPARE(endpoint.fingerprint, servesB ? m_certB->cert.fingerprintSha256() : m_certA->cert.fingerprintSha256());
        QCOMPARE(endpoint.source, QStringLiteral("network"));
        QVERIFY(endpoint.certificateId != 0);
    }
}

QTEST_GUILESS_MAIN(TestNetworkDiscovery)
#include "TestNetworkDiscovery.moc"
