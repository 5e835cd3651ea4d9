// The JSON of a system scan (what the bot sends to the console): a full scan survives the round trip unchanged.
#include "engine/discovery/DiscoveryTypes.h"

#include <QJsonDocument>
#include <QTest>

using namespace certdeck::discovery;

namespace {

ConfiguredEndpoint endpoint(int port)
{
    ConfiguredEndpoint e;
    e.address = QStringLiteral("[::1]");
    e.port = port;
    e.names = {QStringLiteral("a.example"), QStringLiteral("b \"quoted\" $(x) \u00e9")};
    e.certificatePath = QStringLiteral("/etc/ssl/a b/cert.pem");
    e.keyPath = QStringLiteral("/etc/ssl/private/key.pem");
    e.chainPath = QStringLiteral("/etc/ssl/chain.pem");
    e.keystorePath = QStringLiteral("/var/lib/tomcat10/conf/.keystore");
    e.keystoreType = QStringLiteral("PKCS12");
    e.keyAlias = QStringLiteral("tomcat");
    e.webRoot = QStringLiteral("/var/www/html/");
    e.source = QStringLiteral("/etc/nginx/sites-enabled/default:21");
    ConfiguredCertificate ecdsa;
    ecdsa.certificatePath = QStringLiteral("/etc/ssl/ecdsa.pem");
    ecdsa.keyPath = QStringLiteral("/etc/ssl/ecdsa.key");
    ecdsa.chainPath = QStringLiteral("/etc/ssl/ecdsa-chain.pem");
    ecdsa.keystorePath = QStringLiteral("/etc/ssl/ecdsa.p12");
    ecdsa.keystoreType = QStringLiteral("PKCS12");
    ecdsa.keyAlias = QStringLiteral("ec");
    ecdsa.type = QStringLiteral("EC");
    e.additionalCertificates = {ecdsa};
    return e;
}

void compareEndpoints(const ConfiguredEndpoint& a, const ConfiguredEndpoint& b)
{
    QCOMPARE(a.address, b.address);
    QCOMPARE(a.port, b.port);
    QCOMPARE(a.names, b.names);
    QCOMPARE(a.certificatePath, b.certificatePath);
    QCOMPARE(a.keyPath, b.keyPath);
    QCOMPARE(a.chainPath, b.chainPath);
    QCOMPARE(a.keystorePath, b.keystorePath);
    QCOMPARE(a.keystoreType, b.keystoreType);
    QCOMPARE(a.keyAlias, b.keyAlias);
    QCOMPARE(a.webRoot, b.webRoot);
    QCOMPARE(a.source, b.source);
    QCOMPARE(a.additionalCertificates.size(), b.additionalCertificates.size());
    for (qsizetype i = 0; i < a.additionalCertificates.size(); ++i) {
        const ConfiguredCertificate& x = a.additionalCertificates.at(i);
        const ConfiguredCertificate& y = b.additionalCertificates.at(i);
        QCOMPARE(x.certificatePath, y.certificatePath);
        QCOMPARE(x.keyPath, y.keyPath);
        QCOMPARE(x.chainPath, y.chainPath);
        QCOMPARE(x.keystorePath, y.keystorePath);
        QCOMPARE(x.keystoreType, y.keystoreType);
        QCOMPARE(x.keyAlias, y.keyAlias);
        QCOMPARE(x.type, y.type);
    }
}

} // namespace

class TestDiscoveryTypes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fullScanRoundTrip()
    {
        SystemScan scan;
        scan.hostname = QStringLiteral("web1");
        scan.addresses = {QStringLiteral("192.0.2.10"), QStringLiteral("2001:db8::10")};
        scan.os = QStringLiteral("Debian GNU/Linux 12 (bookworm)");
        scan.scannedAt = QDateTime(QDate(2026, 11, 27), QTime(16, 5, 7, 123), Qt::UTC);
        DetectedServer nginx;
        nginx.serverType = QStringLiteral("nginx");
        nginx.running = true;
        nginx.binary = QStringLiteral("/usr/sbin/nginx");
        nginx.version = QStringLiteral("1.22.1");
        nginx.configRoot = QStringLiteral("/etc/nginx/nginx.conf");
        nginx.pids = {1234, 5000000000LL};
        nginx.listeningPorts = {80, 443};
        nginx.evidence = QStringLiteral("process 1234 (nginx: master process)");
        nginx.config.endpoints = {endpoint(443), endpoint(8443)};
        nginx.config.filesRead = {QStringLiteral("/etc/nginx/nginx.conf")};
        nginx.config.warnings = {QStringLiteral("/etc/nginx/nginx.conf:3: included file missing")};
        DetectedServer jetty;
        jetty.serverType = QStringLiteral("jetty");
        jetty.running = false;
        scan.servers = {nginx, jetty};
        DiscoveredCertificateFile file;
        file.path = QStringLiteral("/etc/ssl/a b/cert.pem");
        file.format = QStringLiteral("PEM");
        file.serverType = QStringLiteral("nginx");
        file.fingerprintSha256 = QStringLiteral("AB:CD");
        file.chainPem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
        DiscoveredCertificateFile keystore;
        keystore.path = QStringLiteral("/var/lib/tomcat10/conf/.keystore#tomcat");
        keystore.format = QStringLiteral("JKS");
        keystore.error = QStringLiteral("needs the keystore password");
        scan.certificates = {file, keystore};
        scan.warnings = {QStringLiteral("systemctl not found")};

        // Through bytes, as it travels between bot and console.
        const QByteArray wire = QJsonDocument(scan.toJson()).toJson(QJsonDocument::Compact);
        const SystemScan back = SystemScan::fromJson(QJsonDocument::fromJson(wire).object());

        QCOMPARE(back.hostname, scan.hostname);
        QCOMPARE(back.addresses, scan.addresses);
        QCOMPARE(back.os, scan.os);
        QCOMPARE(back.scannedAt, scan.scannedAt);
        QCOMPARE(back.scannedAt.timeSpec(), Qt::UTC);
        QCOMPARE(back.warnings, scan.warnings);
        QCOMPARE(back.servers.size(), 2);
        const DetectedServer& n = back.servers.first();
        QCOMPARE(n.serverType, nginx.serverType);
        QCOMPARE(n.running, true);
        QCOMPARE(n.binary, nginx.binary);
        QCOMPARE(n.version, nginx.version);
        QCOMPARE(n.configRoot, nginx.configRoot);
        QCOMPARE(n.pids, nginx.pids);
        QCOMPARE(n.listeningPorts, nginx.listeningPorts);
        QCOMPARE(n.evidence, nginx.evidence);
        QCOMPARE(n.config.filesRead, nginx.config.filesRead);
        QCOMPARE(n.config.warnings, nginx.config.warnings);
        QCOMPARE(n.config.endpoints.size(), 2);
        compareEndpoints(n.config.endpoints.at(0), nginx.config.endpoints.at(0));
        compareEndpoints(n.config.endpoints.at(1), nginx.config.endpoints.at(1));
        QCOMPARE(back.servers.at(1).running, false);
        QCOMPARE(back.certificates.size(), 2);
        QCOMPARE(back.certificates.at(0).path, file.path);
        QCOMPARE(back.certificates.at(0).format, file.format);
        QCOMPARE(back.certificates.at(0).serverType, file.serverType);
        QCOMPARE(back.certificates.at(0).fingerprintSha256, file.fingerprintSha256);
        QCOMPARE(back.certificates.at(0).chainPem, file.chainPem);
        QCOMPARE(back.certificates.at(1).error, keystore.error);

        QCOMPARE(back.runningServers().size(), 1);
        QCOMPARE(back.runningServers().first().serverType, QStringLiteral("nginx"));
        QCOMPARE(QJsonDocument(back.toJson()).toJson(QJsonDocument::Compact), wire);
    }

    void dcvPath()
    {
        ConfiguredEndpoint e;
        QCOMPARE(e.dcvPath(), QString());
        e.webRoot = QStringLiteral("/var/www/html/");
        QCOMPARE(e.dcvPath(), QStringLiteral("/var/www/html/.well-known/pki-validation"));
        e.webRoot = QStringLiteral("/");
        QCOMPARE(e.dcvPath(), QStringLiteral("/.well-known/pki-validation"));
    }

    void emptyOrForeignJsonGivesAnEmptyScan()
    {
        const SystemScan scan = SystemScan::fromJson(QJsonObject{{QStringLiteral("servers"), 3}});
        QVERIFY(scan.servers.isEmpty());
        QVERIFY(!scan.scannedAt.isValid());
    }
};

QTEST_GUILESS_MAIN(TestDiscoveryTypes)
#include "TestDiscoveryTypes.moc"
