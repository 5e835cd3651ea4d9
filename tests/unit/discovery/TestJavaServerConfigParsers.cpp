// Tomcat's server.xml and Jetty's start.ini / start.d parsers: Debian defaults (no TLS), hand-written TLS
// connectors in every attribute form, substitution of ${catalina.base}, and hostile XML (entities, DTDs).
#include "MapConfigSource.h"

#include "engine/discovery/config/ConfigParser.h"

#include <QTest>

using namespace certdeck::discovery;

namespace {

const QString base = QStringLiteral("/var/lib/tomcat10");
const QString serverXml = QStringLiteral("/var/lib/tomcat10/conf/server.xml");

bool anyWarningContains(const ConfigFindings& findings, const QString& text)
{
    for (const QString& warning : findings.warnings) {
        if (warning.contains(text)) {
            return true;
        }
    }
    return false;
}

QByteArray readTestData(const QString& relativePath)
{
    QFile file(QStringLiteral(DISCOVERY_TEST_DATA "/") + relativePath);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray debianServerXml()
{
    return readTestData(QStringLiteral("debian/tomcat10/server.xml"));
}

} // namespace

class TestJavaServerConfigParsers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tomcatDebianDefaultServesNoTls()
    {
        MapConfigSource source;
        source.add(serverXml, debianServerXml());
        QVERIFY(!source.files.value(serverXml).isEmpty());
        const ConfigFindings findings = parseTomcatServerXml(source, serverXml, base);
        QVERIFY(findings.endpoints.isEmpty());
        QVERIFY2(findings.warnings.isEmpty(), qPrintable(findings.warnings.join(QLatin1Char('\n'))));
        QCOMPARE(findings.filesRead, QStringList{serverXml});
    }

    // Debian's server.xml with the commented TLS connector of the package enabled, plus hand-written ones.
    void tomcatConnectors()
    {
        QByteArray xml = debianServerXml();
        const QByteArray connectors = R"(
    <Connector port="8443" protocol="org.apache.coyote.http11.Http11NioProtocol" maxThreads="150"
               SSLEnabled="true" address="127.0.0.1">
        <SSLHostConfig>
            <Certificate certificateKeystoreFile="conf/localhost-rsa.jks"
                         certificateKeystorePassword="changeit" type="RSA" />
        </SSLHostConfig>
        <SSLHostConfig hostName="shop.example">
            <Certificate certificateKeystoreFile="${catalina.base}/conf/shop.p12" certificateKeystoreType="PKCS12"
                         certificateKeyAlias="shop &amp; co" type="RSA" />
            <Certificate certificateKeystoreFile="/second/ec.p12" type="EC" />
        </SSLHostConfig>
    </Connector>
    <Connector port="9443" SSLEnabled="true">
        <SSLHostConfig hostName="pem.example">
            <Certificate certificateFile="conf/pem/cert.pem" certificateKeyFile="/etc/tomcat/key.pem"
                         certificateChainFile="conf/pem/chain.pem" />
        </SSLHostConfig>
    </Connector>
    <Connector port="10443" SSLEnabled="true" scheme="https" secure="true"
               keystoreFile="/etc/tomcat/legacy.jks" keystoreType="JKS" keyAlias="legacy" />
    <Connector port="11443" scheme="https" secure="true" keystoreFile="/not/enabled.jks" />
)";
        const qsizetype at = xml.indexOf("<Engine name=\"Catalina\" defaultHost=\"localhost\">");
        QVERIFY(at > 0);
        xml.insert(at, connectors);
        MapConfigSource source;
        source.add(serverXml, xml);
        source.add(base + QStringLiteral("/webapps/ROOT/index.html"), "<html></html>");
        const ConfigFindings findings = parseTomcatServerXml(source, serverXml, base);
        QVERIFY2(findings.warnings.isEmpty(), qPrintable(findings.warnings.join(QLatin1Char('\n'))));
        QCOMPARE(findings.endpoints.size(), 4);

        const ConfiguredEndpoint& defaultHost = findings.endpoints.at(0);
        QCOMPARE(defaultHost.address, QStringLiteral("127.0.0.1"));
        QCOMPARE(defaultHost.port, 8443);
        QCOMPARE(defaultHost.names, QStringList{QStringLiteral("_default_")});
        QCOMPARE(defaultHost.keystorePath, QStringLiteral("/var/lib/tomcat10/conf/localhost-rsa.jks"));
        QCOMPARE(defaultHost.keystoreType, QStringLiteral("JKS"));
        QCOMPARE(defaultHost.keyAlias, QString());
        QCOMPARE(defaultHost.webRoot, QStringLiteral("/var/lib/tomcat10/webapps/ROOT"));
        const int connectorLine = int(xml.left(xml.indexOf("<SSLHostConfig>", at)).count('\n')) + 1;
        QCOMPARE(defaultHost.source, QStringLiteral("%1:%2").arg(serverXml).arg(connectorLine));

        const ConfiguredEndpoint& shop = findings.endpoints.at(1);
        QCOMPARE(shop.port, 8443);
        QCOMPARE(shop.names, QStringList{QStringLiteral("shop.example")});
        QCOMPARE(shop.keystorePath, QStringLiteral("/var/lib/tomcat10/conf/shop.p12"));
        QCOMPARE(shop.keystoreType, QStringLiteral("PKCS12"));
        QCOMPARE(shop.keyAlias, QStringLiteral("shop & co"));

        const ConfiguredEndpoint& pem = findings.endpoints.at(2);
        QCOMPARE(pem.address, QString());
        QCOMPARE(pem.port, 9443);
        QCOMPARE(pem.certificatePath, QStringLiteral("/var/lib/tomcat10/conf/pem/cert.pem"));
        QCOMPARE(pem.keyPath, QStringLiteral("/etc/tomcat/key.pem"));
        QCOMPARE(pem.chainPath, QStringLiteral("/var/lib/tomcat10/conf/pem/chain.pem"));
        QCOMPARE(pem.keystorePath, QString());

        const ConfiguredEndpoint& legacy = findings.endpoints.at(3);
        QCOMPARE(legacy.port, 10443);
        QCOMPARE(legacy.names, QStringList{QStringLiteral("_default_")});
        QCOMPARE(legacy.keystorePath, QStringLiteral("/etc/tomcat/legacy.jks"));
        QCOMPARE(legacy.keystoreType, QStringLiteral("JKS"));
        QCOMPARE(legacy.keyAlias, QStringLiteral("legacy"));
    }

    // An SSLHostConfig with two <Certificate> elements (type RSA and EC): both are the endpoint's certificates.
    void tomcatSeveralCertificatesInOneHostConfig()
    {
        MapConfigSource source;
        source.add(serverXml, "<Server><Service name=\"Catalina\">\n"
                              "<Connector port=\"8443\" SSLEnabled=\"true\">\n"
                              "  <SSLHostConfig hostName=\"dual.example\">\n"
                              "    <Certificate type=\"RSA\" certificateKeystoreFile=\"conf/rsa.p12\"\n"
                              "                 certificateKeystoreType=\"PKCS12\" certificateKeyAlias=\"rsa\"/>\n"
                              "    <Certificate type=\"EC\" certificateFile=\"conf/ec.pem\"\n"
                              "                 certificateKeyFile=\"conf/ec.key\"/>\n"
                              "  </SSLHostConfig>\n"
                              "</Connector></Service></Server>\n");
        const ConfigFindings findings = parseTomcatServerXml(source, serverXml, base);
        QCOMPARE(findings.endpoints.size(), 1);
        const ConfiguredEndpoint& endpoint = findings.endpoints.first();
        QCOMPARE(endpoint.names, QStringList{QStringLiteral("dual.example")});
        QCOMPARE(endpoint.keystorePath, base + QStringLiteral("/conf/rsa.p12"));
        QCOMPARE(endpoint.keyAlias, QStringLiteral("rsa"));
        QCOMPARE(endpoint.additionalCertificates.size(), 1);
        const ConfiguredCertificate& ec = endpoint.additionalCertificates.first();
        QCOMPARE(ec.type, QStringLiteral("EC"));
        QCOMPARE(ec.certificatePath, base + QStringLiteral("/conf/ec.pem"));
        QCOMPARE(ec.keyPath, base + QStringLiteral("/conf/ec.key"));
        QCOMPARE(endpoint.certificates().size(), 2);
    }

    void tomcatHostileXml()
    {
        MapConfigSource source;
        // In a data file: moc's tokenizer stumbles over this XML in a raw string literal.
        source.add(serverXml, readTestData(QStringLiteral("hostile/server.xml")));
        const ConfigFindings findings = parseTomcatServerXml(source, serverXml, base);
        QVERIFY(!findings.endpoints.isEmpty());
        const ConfiguredEndpoint& first = findings.endpoints.first();
        QCOMPARE(first.names, QStringList{QStringLiteral("$(touch /tmp/x) `id`; quote\"s")});
        QCOMPARE(first.keystorePath, QStringLiteral("/ks/a b;c.p12"));
        for (const ConfiguredEndpoint& endpoint : findings.endpoints) {
            QVERIFY(!endpoint.keystorePath.contains(QStringLiteral("root:")));
            QVERIFY(endpoint.keystorePath.size() < 100000);
        }
        QCOMPARE(source.reads, QStringList{serverXml}); // no DTD, no external entity was fetched through the source
    }

    void tomcatBrokenXmlKeepsWhatWasFound()
    {
        MapConfigSource source;
        source.add(serverXml, "<Server><Service>\n<Connector port=\"8443\" SSLEnabled=\"true\" "
                              "keystoreFile=\"conf/k.jks\"/>\n<Connector port=\"9443\" SSLEnabled=\"true\"\n<oops");
        const ConfigFindings findings = parseTomcatServerXml(source, serverXml, base);
        QCOMPARE(findings.endpoints.size(), 1);
        QCOMPARE(findings.endpoints.first().keystorePath, QStringLiteral("/var/lib/tomcat10/conf/k.jks"));
        QVERIFY(anyWarningContains(findings, serverXml + QStringLiteral(":")));
    }

    void jettyDebianDefaultServesNoTls()
    {
        MapConfigSource source;
        source.mount(QStringLiteral(DISCOVERY_TEST_DATA "/debian/jetty9"), QStringLiteral("/var/lib/jetty9"));
        const ConfigFindings findings = parseJettyConfig(source, QStringLiteral("/var/lib/jetty9"));
        QVERIFY(findings.endpoints.isEmpty());
        QVERIFY2(findings.warnings.isEmpty(), qPrintable(findings.warnings.join(QLatin1Char('\n'))));
        QCOMPARE(findings.filesRead, QStringList{QStringLiteral("/var/lib/jetty9/start.ini")});
    }

    void jettySslModuleDefaults()
    {
        MapConfigSource source;
        source.mount(QStringLiteral(DISCOVERY_TEST_DATA "/debian/jetty9"), QStringLiteral("/var/lib/jetty9"));
        source.add(QStringLiteral("/var/lib/jetty9/start.d/ssl.ini"), "# --------\n"
                                                                      "--module=ssl\n"
                                                                      "# jetty.ssl.port=8443\n");
        source.add(QStringLiteral("/var/lib/jetty9/webapps/root/index.html"), "hi");
        const ConfigFindings findings = parseJettyConfig(source, QStringLiteral("/var/lib/jetty9"));
        QCOMPARE(findings.endpoints.size(), 1);
        const ConfiguredEndpoint& endpoint = findings.endpoints.first();
        QCOMPARE(endpoint.address, QString());
        QCOMPARE(endpoint.port, 8443);
        QCOMPARE(endpoint.keystorePath, QStringLiteral("/var/lib/jetty9/etc/keystore"));
        QCOMPARE(endpoint.keystoreType, QStringLiteral("JKS"));
        QCOMPARE(endpoint.keyAlias, QString());
        QCOMPARE(endpoint.webRoot, QStringLiteral("/var/lib/jetty9/webapps/root"));
        QCOMPARE(endpoint.source, QStringLiteral("/var/lib/jetty9/start.d/ssl.ini:2"));
    }

    void jettyConfiguredSsl()
    {
        MapConfigSource source;
        source.add(QStringLiteral("/srv/jetty-base/start.ini"), "--module=http,deploy\n"
                                                                "--modules=ssl, https\n"
                                                                "jetty.ssl.host=127.0.0.1\n"
                                                                "jetty.ssl.port = 9443\n"
                                                                "jetty.sslContext.keyStorePath=etc/my keystore.p12\n"
                                                                "jetty.sslContext.keyStoreType=PKCS12\n"
                                                                "jetty.sslContext.certAlias=$(touch /tmp/x)\n"
                                                                "garbage line\n");
        const ConfigFindings findings = parseJettyConfig(source, QStringLiteral("/srv/jetty-base"));
        QCOMPARE(findings.endpoints.size(), 1);
        const ConfiguredEndpoint& endpoint = findings.endpoints.first();
        QCOMPARE(endpoint.address, QStringLiteral("127.0.0.1"));
        QCOMPARE(endpoint.port, 9443);
        QCOMPARE(endpoint.keystorePath, QStringLiteral("/srv/jetty-base/etc/my keystore.p12"));
        QCOMPARE(endpoint.keystoreType, QStringLiteral("PKCS12"));
        QCOMPARE(endpoint.keyAlias, QStringLiteral("$(touch /tmp/x)"));
        QCOMPARE(endpoint.webRoot, QString());
        QCOMPARE(endpoint.source, QStringLiteral("/srv/jetty-base/start.ini:2"));
        QCOMPARE(findings.warnings.size(), 1);
        QVERIFY(findings.warnings.first().startsWith(QStringLiteral("/srv/jetty-base/start.ini:8: ")));
    }

    void jettyAbsoluteKeystorePath()
    {
        MapConfigSource source;
        source.add(QStringLiteral("/srv/jb/start.d/https.ini"),
                   "--module=https\njetty.sslContext.keyStoreAbsolutePath=${jetty.base}/private/ks.jks\n");
        const ConfigFindings findings = parseJettyConfig(source, QStringLiteral("/srv/jb"));
        QCOMPARE(findings.endpoints.size(), 1);
        QCOMPARE(findings.endpoints.first().keystorePath, QStringLiteral("/srv/jb/private/ks.jks"));
    }

    void jettyWithoutConfigurationWarns()
    {
        MapConfigSource source;
        const ConfigFindings findings = parseJettyConfig(source, QStringLiteral("/srv/none"));
        QVERIFY(findings.endpoints.isEmpty());
        QCOMPARE(findings.warnings.size(), 1);
        QVERIFY(findings.warnings.first().startsWith(QStringLiteral("/srv/none")));
    }
};

QTEST_GUILESS_MAIN(TestJavaServerConfigParsers)
#include "TestJavaServerConfigParsers.moc"
