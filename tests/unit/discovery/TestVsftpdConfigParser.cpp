// The vsftpd configuration parser: Debian's default (TLS off), TLS on with defaults and explicit settings.
#include "MapConfigSource.h"

#include "engine/discovery/config/ConfigParser.h"

#include <QTest>

using namespace certdeck::discovery;

namespace {

const QString conf = QStringLiteral("/etc/vsftpd.conf");

QByteArray debianConf()
{
    QFile file(QStringLiteral(DISCOVERY_TEST_DATA "/debian/vsftpd.conf"));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestVsftpdConfigParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void debianDefaultServesNoTls()
    {
        MapConfigSource source;
        source.add(conf, debianConf());
        QVERIFY(source.files.value(conf).contains("ssl_enable=NO"));
        const ConfigFindings findings = parseVsftpdConfig(source, conf);
        QVERIFY(findings.endpoints.isEmpty());
        QVERIFY2(findings.warnings.isEmpty(), qPrintable(findings.warnings.join(QLatin1Char('\n'))));
        QCOMPARE(findings.filesRead, QStringList{conf});
    }

    void debianWithTlsSwitchedOn()
    {
        QByteArray content = debianConf();
        content.replace("ssl_enable=NO", "ssl_enable=YES");
        MapConfigSource source;
        source.add(conf, content);
        const ConfigFindings findings = parseVsftpdConfig(source, conf);
        QCOMPARE(findings.endpoints.size(), 1);
        const ConfiguredEndpoint& endpoint = findings.endpoints.first();
        QCOMPARE(endpoint.address, QString());
        QCOMPARE(endpoint.port, 21);
        QCOMPARE(endpoint.certificatePath, QStringLiteral("/etc/ssl/certs/ssl-cert-snakeoil.pem"));
        QCOMPARE(endpoint.keyPath, QStringLiteral("/etc/ssl/private/ssl-cert-snakeoil.key"));
        const int line = int(content.left(content.indexOf("ssl_enable=YES")).count('\n')) + 1;
        QCOMPARE(endpoint.source, QStringLiteral("%1:%2").arg(conf).arg(line));
    }

    void explicitSettingsAndDefaults()
    {
        MapConfigSource source;
        source.add(conf, "# comment\n"
                         "listen=YES\n"
                         "ssl_enable=yes\n"
                         "listen_port=2121\n"
                         "listen_address=127.0.0.1\n"
                         "rsa_cert_file=/etc/ftp/cert with space;$(touch x).pem\n"
                         "not a setting\n");
        const ConfigFindings findings = parseVsftpdConfig(source, conf);
        QCOMPARE(findings.endpoints.size(), 1);
        const ConfiguredEndpoint& endpoint = findings.endpoints.first();
        QCOMPARE(endpoint.address, QStringLiteral("127.0.0.1"));
        QCOMPARE(endpoint.port, 2121);
        QCOMPARE(endpoint.certificatePath, QStringLiteral("/etc/ftp/cert with space;$(touch x).pem"));
        QCOMPARE(endpoint.keyPath, endpoint.certificatePath); // the key defaults to the certificate file
        QCOMPARE(findings.warnings.size(), 1);
        QVERIFY(findings.warnings.first().startsWith(conf + QStringLiteral(":7: ")));
    }

    void tlsOnWithoutCertificateUsesVsftpdDefault()
    {
        MapConfigSource source;
        source.add(conf, "ssl_enable=YES\nlisten_ipv6=YES\nlisten_address6=::1\n");
        const ConfigFindings findings = parseVsftpdConfig(source, conf);
        QCOMPARE(findings.endpoints.size(), 1);
        QCOMPARE(findings.endpoints.first().address, QStringLiteral("[::1]"));
        QCOMPARE(findings.endpoints.first().certificatePath, QStringLiteral("/usr/share/ssl/certs/vsftpd.pem"));
    }

    // rsa_cert_file and dsa_cert_file together: vsftpd serves both, the scan sees both.
    void rsaAndDsaCertificatesSideBySide()
    {
        MapConfigSource source;
        source.add(conf,
                   "ssl_enable=YES\nrsa_cert_file=/etc/ssl/ftp-rsa.pem\nrsa_private_key_file=/etc/ssl/ftp-rsa.key\n"
                   "dsa_cert_file=/etc/ssl/ftp-ec.pem\ndsa_private_key_file=/etc/ssl/ftp-ec.key\n");
        const ConfigFindings findings = parseVsftpdConfig(source, conf);
        QCOMPARE(findings.endpoints.size(), 1);
        const QList<ConfiguredCertificate> certificates = findings.endpoints.first().certificates();
        QCOMPARE(certificates.size(), 2);
        QCOMPARE(certificates.at(0).certificatePath, QStringLiteral("/etc/ssl/ftp-rsa.pem"));
        QCOMPARE(certificates.at(0).keyPath, QStringLiteral("/etc/ssl/ftp-rsa.key"));
        QCOMPARE(certificates.at(1).certificatePath, QStringLiteral("/etc/ssl/ftp-ec.pem"));
        QCOMPARE(certificates.at(1).keyPath, QStringLiteral("/etc/ssl/ftp-ec.key"));
    }

    void missingFileIsAWarning()
    {
        MapConfigSource source;
        const ConfigFindings findings = parseVsftpdConfig(source, conf);
        QVERIFY(findings.endpoints.isEmpty());
        QCOMPARE(findings.warnings.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestVsftpdConfigParser)
#include "TestVsftpdConfigParser.moc"
