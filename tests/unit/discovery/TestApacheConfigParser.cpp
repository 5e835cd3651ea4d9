// The Apache HTTP configuration parser: Debian's default layout (apache2.conf, ports.conf, sites-enabled with
// default-ssl), hand-written virtual hosts, Define/${VAR}, continuations, and hostile input.
#include "MapConfigSource.h"

#include "engine/discovery/config/ConfigParser.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace certdeck::discovery;

namespace {

MapConfigSource debianApache(bool enableSsl)
{
    MapConfigSource source;
    source.mount(QStringLiteral(DISCOVERY_TEST_DATA "/debian/apache2"), QStringLiteral("/etc/apache2"));
    source.add(QStringLiteral("/etc/apache2/sites-enabled/000-default.conf"),
               source.files.value(QStringLiteral("/etc/apache2/sites-available/000-default.conf")));
    if (enableSsl) {
        source.add(QStringLiteral("/etc/apache2/sites-enabled/default-ssl.conf"),
                   source.files.value(QStringLiteral("/etc/apache2/sites-available/default-ssl.conf")));
        source.add(QStringLiteral("/etc/apache2/mods-enabled/ssl.load"),
                   "LoadModule ssl_module /usr/lib/apache2/modules/mod_ssl.so\n");
    }
    return source;
}

bool anyWarningContains(const ConfigFindings& findings, const QString& text)
{
    for (const QString& warning : findings.warnings) {
        if (warning.contains(text)) {
            return true;
        }
    }
    return false;
}

void writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(content), content.size());
}

int lineOf(const QByteArray& content, const QByteArray& text)
{
    const qsizetype at = content.indexOf(text);
    return at < 0 ? -1 : int(content.left(at).count('\n')) + 1;
}

ConfigFindings parseDebian(const MapConfigSource& source)
{
    return parseApacheConfig(source, QStringLiteral("/etc/apache2/apache2.conf"), QStringLiteral("/etc/apache2"));
}

} // namespace

class TestApacheConfigParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void debianDefaultServesNoTls()
    {
        const MapConfigSource source = debianApache(false);
        const ConfigFindings findings = parseDebian(source);
        QVERIFY(findings.endpoints.isEmpty());
        QCOMPARE(findings.filesRead,
                 (QStringList{QStringLiteral("/etc/apache2/apache2.conf"), QStringLiteral("/etc/apache2/ports.conf"),
                              QStringLiteral("/etc/apache2/sites-enabled/000-default.conf")}));
        QVERIFY2(findings.warnings.isEmpty(), qPrintable(findings.warnings.join(QLatin1Char('\n'))));
    }

    void debianDefaultSsl()
    {
        const MapConfigSource source = debianApache(true);
        const ConfigFindings findings = parseDebian(source);
        QVERIFY2(findings.warnings.isEmpty(), qPrintable(findings.warnings.join(QLatin1Char('\n'))));
        QCOMPARE(findings.endpoints.size(), 1);
        const ConfiguredEndpoint& endpoint = findings.endpoints.first();
        QCOMPARE(endpoint.address, QStringLiteral("*"));
        QCOMPARE(endpoint.port, 443);
        QCOMPARE(endpoint.names, QStringList{});
        QCOMPARE(endpoint.certificatePath, QStringLiteral("/etc/ssl/certs/ssl-cert-snakeoil.pem"));
        QCOMPARE(endpoint.keyPath, QStringLiteral("/etc/ssl/private/ssl-cert-snakeoil.key"));
        QCOMPARE(endpoint.chainPath, QString());
        QCOMPARE(endpoint.webRoot, QStringLiteral("/var/www/html"));
        const QByteArray site = source.files.value(QStringLiteral("/etc/apache2/sites-enabled/default-ssl.conf"));
        QCOMPARE(endpoint.source,
                 QStringLiteral("/etc/apache2/sites-enabled/default-ssl.conf:%1").arg(lineOf(site, "<VirtualHost")));
    }

    void virtualHostsIncludesAndDefines()
    {
        MapConfigSource source;
        source.add(QStringLiteral("/opt/httpd/conf/httpd.conf"), R"(ServerRoot "/opt/httpd"
ServerName main.example:80
DocumentRoot htdocs
Define CERTS /etc/pki/web
define site_name shop.example
Include conf/extra/*.conf
IncludeOptional conf/optional-missing/*.conf
Include conf/vhosts.d
<IfDefine !NOSSL>
  <IfModule ssl_module>
    Listen 8443
    <VirtualHost 127.0.0.1:8443 [::1]:8443>
        SERVERNAME https://${site_name}:8443
        serveralias www.${site_name} \
                    "alias with space.example"
        SSLEngine On
        SSLCertificateFile ${CERTS}/shop.crt
        SSLCertificateKeyFile ${CERTS}/shop.key
        SSLCertificateChainFile "${CERTS}/chain one.pem"
        DocumentRoot "/srv/shop/public"
        <Directory "/srv/shop/public">
            Require all granted
        </Directory>
    </VirtualHost>
  </IfModule>
</IfDefine>
<VirtualHost *:80>
    ServerName plain.example
</VirtualHost>
)");
        source.add(QStringLiteral("/opt/httpd/conf/extra/ssl.conf"), R"(# the key is inside the certificate file
<VirtualHost _default_:443>
  SSLEngine on
  SSLCertificateFile conf/ssl/combined.pem
</VirtualHost>
)");
        source.add(QStringLiteral("/opt/httpd/conf/vhosts.d/b/20-b.conf"),
                   "<VirtualHost *:9443>\nServerName b.example\nSSLEngine on\nSSLCertificateFile /b.pem\n"
                   "SSLCertificateKeyFile /b.key\n</VirtualHost>\n");
        source.add(QStringLiteral("/opt/httpd/conf/vhosts.d/a.conf"),
                   "<VirtualHost *:9444>\nServerName a.example\nSSLEngine on\nSSLCertificateFile /a.pem\n"
                   "SSLCertificateKeyFile /a.key\n</VirtualHost>\n");

        const ConfigFindings findings = parseApacheConfig(source, QStringLiteral("/opt/httpd/conf/httpd.conf"),
                                                          QStringLiteral("/usr/local/apache2"));
        QVERIFY2(findings.warnings.isEmpty(), qPrintable(findings.warnings.join(QLatin1Char('\n'))));
        QCOMPARE(findings.endpoints.size(), 5);

        const ConfiguredEndpoint& combined = findings.endpoints.at(0);
        QCOMPARE(combined.address, QStringLiteral("*"));
        QCOMPARE(combined.port, 443);
        QCOMPARE(combined.names, QStringList{QStringLiteral("main.example")}); // inherited from the main server
        QCOMPARE(combined.certificatePath, QStringLiteral("/opt/httpd/conf/ssl/combined.pem"));
        QCOMPARE(combined.keyPath, QStringLiteral("/opt/httpd/conf/ssl/combined.pem"));
        QCOMPARE(combined.webRoot, QStringLiteral("/opt/httpd/htdocs"));
        QCOMPARE(combined.source, QStringLiteral("/opt/httpd/conf/extra/ssl.conf:2"));

        // A directory include: every file in it and its subdirectories, sorted by path.
        QCOMPARE(findings.endpoints.at(1).names, QStringList{QStringLiteral("a.example")});
        QCOMPARE(findings.endpoints.at(1).port, 9444);
        QCOMPARE(findings.endpoints.at(2).names, QStringList{QStringLiteral("b.example")});
        QCOMPARE(findings.endpoints.at(2).keyPath, QStringLiteral("/b.key"));

        const QStringList names{QStringLiteral("shop.example"), QStringLiteral("www.shop.example"),
                                QStringLiteral("alias with space.example")};
        const QStringList addresses{QStringLiteral("127.0.0.1"), QStringLiteral("[::1]")};
        for (int i = 0; i < 2; ++i) {
            const ConfiguredEndpoint& shop = findings.endpoints.at(3 + i);
            QCOMPARE(shop.address, addresses.at(i));
            QCOMPARE(shop.port, 8443);
            QCOMPARE(shop.names, names);
            QCOMPARE(shop.certificatePath, QStringLiteral("/etc/pki/web/shop.crt"));
            QCOMPARE(shop.keyPath, QStringLiteral("/etc/pki/web/shop.key"));
            QCOMPARE(shop.chainPath, QStringLiteral("/etc/pki/web/chain one.pem"));
            QCOMPARE(shop.webRoot, QStringLiteral("/srv/shop/public"));
            QCOMPARE(shop.source, QStringLiteral("/opt/httpd/conf/httpd.conf:12"));
        }
    }

    void hostileContentIsTakenLiterally()
    {
        const QString canary =
            QDir::tempPath() + QStringLiteral("/certdeck-apache-canary-%1").arg(QCoreApplication::applicationPid());
        QFile::remove(canary);
        QByteArray config = "<VirtualHost *:443>\n"
                            "ServerName \"$(touch CANARY)\"\n"
                            "ServerAlias `touch CANARY` semi;colon.example 'it\\'s.example' \xff\xfe.example\n"
                            "SSLEngine on\n"
                            "SSLCertificateFile \"/etc/ssl/a b/$(touch CANARY).pem\"\n"
                            "SSLCertificateKeyFile '/etc/ssl/`touch CANARY`;.key'\n"
                            "DocumentRoot \"/srv/with \\\"quote\\\"\"\n"
                            "</VirtualHost>\n";
        config.replace("CANARY", canary.toUtf8());
        MapConfigSource source;
        source.add(QStringLiteral("/etc/apache2/apache2.conf"), config);
        const ConfigFindings findings = parseDebian(source);
        QCOMPARE(findings.endpoints.size(), 1);
        const ConfiguredEndpoint& endpoint = findings.endpoints.first();
        QCOMPARE(endpoint.names.size(), 6);
        QCOMPARE(endpoint.names.at(0), QStringLiteral("$(touch %1)").arg(canary));
        QCOMPARE(endpoint.names.at(1), QStringLiteral("`touch"));
        QCOMPARE(endpoint.names.at(2), QStringLiteral("%1`").arg(canary));
        QCOMPARE(endpoint.names.at(3), QStringLiteral("semi;colon.example"));
        QCOMPARE(endpoint.names.at(4), QStringLiteral("it's.example"));
        QVERIFY(endpoint.names.at(5).endsWith(QStringLiteral(".example"))); // invalid UTF-8 kept as U+FFFD
        QCOMPARE(endpoint.certificatePath, QStringLiteral("/etc/ssl/a b/$(touch %1).pem").arg(canary));
        QCOMPARE(endpoint.keyPath, QStringLiteral("/etc/ssl/`touch %1`;.key").arg(canary));
        QCOMPARE(endpoint.webRoot, QStringLiteral("/srv/with \"quote\""));
        QVERIFY2(!QFileInfo::exists(canary), "a command from the configuration was executed");
    }

    void missingIncludeIsReportedAndTheRestParsed()
    {
        MapConfigSource source;
        source.add(QStringLiteral("/etc/apache2/apache2.conf"), "# main\n"
                                                                "Include /etc/apache2/missing.conf\n"
                                                                "IncludeOptional /etc/apache2/absent/*.conf\n"
                                                                "Include nothing-matches/*.conf\n"
                                                                "<VirtualHost *:443>\nSSLEngine on\n</VirtualHost>\n");
        const ConfigFindings findings = parseDebian(source);
        QCOMPARE(findings.warnings.size(), 2);
        QVERIFY(findings.warnings.at(0).startsWith(QStringLiteral("/etc/apache2/apache2.conf:2: ")));
        QVERIFY(findings.warnings.at(0).contains(QStringLiteral("/etc/apache2/missing.conf")));
        QVERIFY(findings.warnings.at(1).startsWith(QStringLiteral("/etc/apache2/apache2.conf:4: ")));
        QVERIFY(findings.warnings.at(1).contains(QStringLiteral("/etc/apache2/nothing-matches/*.conf")));
        QCOMPARE(findings.endpoints.size(), 1);
    }

    void includeLoopStops()
    {
        MapConfigSource source;
        source.add(QStringLiteral("/etc/apache2/apache2.conf"), "Include a.conf\n");
        source.add(QStringLiteral("/etc/apache2/a.conf"), "Include b.conf\n<VirtualHost *:443>\nSSLEngine on\n"
                                                          "</VirtualHost>\n");
        source.add(QStringLiteral("/etc/apache2/b.conf"), "Include /etc/apache2/*.conf\n");
        const ConfigFindings findings = parseDebian(source);
        QVERIFY(anyWarningContains(findings, QStringLiteral("/etc/apache2/b.conf:1: include loop")));
        QCOMPARE(findings.endpoints.size(), 1);
        QVERIFY(source.reads.size() < 20);
    }

    void deepSectionsDoNotCrash()
    {
        QByteArray config = "<VirtualHost *:443>\nSSLEngine on\n</VirtualHost>\n";
        for (int i = 0; i < 10000; ++i) {
            config += "<IfModule x>\n";
        }
        config += "<VirtualHost *:8443>\nSSLEngine on\n</VirtualHost>\n";
        MapConfigSource source;
        source.add(QStringLiteral("/etc/apache2/apache2.conf"), config);
        const ConfigFindings findings = parseDebian(source);
        QCOMPARE(findings.endpoints.size(), 1);
        QVERIFY(anyWarningContains(findings, QStringLiteral("sections nested deeper")));
    }

    // `Define A ${A}${A}` forty times would make A 2^40 characters long: the parse finishes at once, says at
    // which file:line which limit stopped the substitution, and reads the rest of the configuration.
    void defineBombIsBoundedAndReported()
    {
        QByteArray config = "Define A x\n";
        for (int i = 0; i < 40; ++i) {
            config += "Define A ${A}${A}\n";
        }
        config += "Define HOST www\n"
                  "<VirtualHost *:443>\nServerName ${HOST}.example\nServerAlias ${A}\nSSLEngine on\n"
                  "SSLCertificateFile /etc/ssl/www.pem\n</VirtualHost>\n";
        MapConfigSource source;
        source.add(QStringLiteral("/etc/apache2/apache2.conf"), config);
        QElapsedTimer timer;
        timer.start();
        const ConfigFindings findings = parseDebian(source);
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
        // Line 16 makes A 32,768 characters long; line 17 would make its line ("A " + 2 x 32,768) too long.
        QVERIFY2(!findings.warnings.isEmpty(), "the expansion limit was not reported");
        QVERIFY2(findings.warnings.first().startsWith(QStringLiteral("/etc/apache2/apache2.conf:17: ")),
                 qPrintable(findings.warnings.first()));
        QVERIFY(findings.warnings.first().contains(QStringLiteral("65536 characters")));
        QVERIFY(findings.warnings.first().contains(QStringLiteral("${A}")));
        QCOMPARE(findings.endpoints.size(), 1);
        QCOMPARE(findings.endpoints.first().names.first(), QStringLiteral("www.example"));
        QCOMPARE(findings.endpoints.first().names.size(), 2); // the alias: long, but within the limit
        QCOMPARE(findings.endpoints.first().names.at(1).size(), 32768);
        QCOMPARE(findings.endpoints.first().certificatePath, QStringLiteral("/etc/ssl/www.pem"));
    }

    // Many variables on many lines stay within one parse's substitution budget.
    void manySubstitutionsStopAtTheParseBudget()
    {
        QByteArray config = "Define B " + QByteArray(60000, 'b') + "\n";
        for (int i = 0; i < 400; ++i) {
            config += "Define C" + QByteArray::number(i) + " ${B}\n";
        }
        MapConfigSource source;
        source.add(QStringLiteral("/etc/apache2/apache2.conf"), config);
        QElapsedTimer timer;
        timer.start();
        const ConfigFindings findings = parseDebian(source);
        QVERIFY(timer.elapsed() < 2000);
        QVERIFY(!findings.warnings.isEmpty());
        // 16 MiB of substituted text / 60,000 characters a line: line 281 is the first one over the budget.
        QVERIFY2(findings.warnings.first().startsWith(QStringLiteral("/etc/apache2/apache2.conf:281: ")),
                 qPrintable(findings.warnings.first()));
        QVERIFY(findings.warnings.first().contains(QStringLiteral("16777216 substituted characters")));
    }

    // `Include /dir/` over a directory that holds symlinks back to itself: each directory is read once, the
    // loop is named with the Include's file:line, and the site inside is found exactly once.
    void directoryIncludeThroughSymlinkLoop()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString root = dir.path();
        QVERIFY(QDir(root).mkpath(QStringLiteral("conf.d/sub")));
        writeFile(root + QStringLiteral("/apache2.conf"), "ServerRoot " + root.toUtf8() + "\nInclude conf.d/\n");
        writeFile(root + QStringLiteral("/conf.d/sub/site.conf"),
                  "<VirtualHost *:8443>\nSSLEngine on\nSSLCertificateFile /etc/ssl/site.pem\n</VirtualHost>\n");
        for (const char* name : {"a", "b", "c"}) { // three ways back: 3^16 directories without the loop check
            QVERIFY(QFile::link(root + QStringLiteral("/conf.d"), root + QStringLiteral("/conf.d/sub/") + name));
        }
        QVERIFY(QFile::link(root + QStringLiteral("/conf.d/sub"), root + QStringLiteral("/conf.d/sub/self")));
        const LocalConfigSource source;
        QElapsedTimer timer;
        timer.start();
        const ConfigFindings findings = parseApacheConfig(source, root + QStringLiteral("/apache2.conf"), root);
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(findings.endpoints.size(), 1);
        QCOMPARE(findings.endpoints.first().port, 8443);
        QVERIFY2(anyWarningContains(findings, root + QStringLiteral("/apache2.conf:2: ")),
                 qPrintable(findings.warnings.join(QLatin1Char('\n'))));
        QVERIFY(anyWarningContains(findings, QStringLiteral("symbolic link loop")));
    }

    // One Include whose glob matches 5,000 files reads 4,096 and names the limit at its file:line.
    void includeFanOutIsCapped()
    {
        MapConfigSource source;
        source.add(QStringLiteral("/etc/apache2/apache2.conf"), "# sites\nInclude sites/*.conf\n");
        for (int i = 0; i < 5000; ++i) {
            source.add(QStringLiteral("/etc/apache2/sites/%1.conf").arg(i, 5, 10, QLatin1Char('0')), "# empty\n");
        }
        const ConfigFindings findings = parseDebian(source);
        QVERIFY(source.reads.size() <= 4097);
        QVERIFY2(anyWarningContains(findings, QStringLiteral("/etc/apache2/apache2.conf:2: ")),
                 qPrintable(findings.warnings.join(QLatin1Char('\n'))));
        QVERIFY(anyWarningContains(findings, QStringLiteral("more than 4096 files and directories")));
    }

    // Three Includes of 4,000 files each: the parse stops at 10,000 files and says where.
    void filesPerParseAreCapped()
    {
        MapConfigSource source;
        source.add(QStringLiteral("/etc/apache2/apache2.conf"),
                   "Include a/*.conf\nInclude b/*.conf\nInclude c/*.conf\n");
        for (const char* part : {"a", "b", "c"}) {
            for (int i = 0; i < 4000; ++i) {
                source.add(QStringLiteral("/etc/apache2/%1/%2.conf").arg(QLatin1String(part)).arg(i), "# empty\n");
            }
        }
        const ConfigFindings findings = parseDebian(source);
        QCOMPARE(findings.filesRead.size(), 10000);
        QVERIFY2(anyWarningContains(findings, QStringLiteral("/etc/apache2/apache2.conf:3: more than 10000 "
                                                             "configuration files")),
                 qPrintable(findings.warnings.join(QLatin1Char('\n'))));
    }

    // The same 15 MiB file included again and again: the parse stops at 64 MiB of configuration.
    void bytesPerParseAreCapped()
    {
        MapConfigSource source;
        source.add(QStringLiteral("/etc/apache2/apache2.conf"),
                   "Include big.conf\nInclude big.conf\nInclude big.conf\nInclude big.conf\nInclude big.conf\n"
                   "Include big.conf\n");
        source.add(QStringLiteral("/etc/apache2/big.conf"), "#" + QByteArray(15 * 1024 * 1024, 'x') + "\n");
        const ConfigFindings findings = parseDebian(source);
        QVERIFY2(anyWarningContains(findings, QStringLiteral("/etc/apache2/apache2.conf:5: more than 64 MiB")),
                 qPrintable(findings.warnings.join(QLatin1Char('\n'))));
    }

    // Several SSLCertificateFile lines in one virtual host (RSA and ECDSA side by side): each one is an
    // endpoint certificate, paired with its SSLCertificateKeyFile in order.
    void severalCertificatesInOneVirtualHost()
    {
        MapConfigSource source;
        source.add(QStringLiteral("/etc/apache2/apache2.conf"),
                   "<VirtualHost *:443>\nServerName dual.example\nSSLEngine on\n"
                   "SSLCertificateFile /etc/ssl/rsa.pem\nSSLCertificateKeyFile /etc/ssl/rsa.key\n"
                   "SSLCertificateFile /etc/ssl/ecdsa.pem\nSSLCertificateKeyFile /etc/ssl/ecdsa.key\n"
                   "</VirtualHost>\n");
        const ConfigFindings findings = parseDebian(source);
        QCOMPARE(findings.endpoints.size(), 1);
        const QList<ConfiguredCertificate> certificates = findings.endpoints.first().certificates();
        QCOMPARE(certificates.size(), 2);
        QCOMPARE(certificates.at(0).certificatePath, QStringLiteral("/etc/ssl/rsa.pem"));
        QCOMPARE(certificates.at(0).keyPath, QStringLiteral("/etc/ssl/rsa.key"));
        QCOMPARE(certificates.at(1).certificatePath, QStringLiteral("/etc/ssl/ecdsa.pem"));
        QCOMPARE(certificates.at(1).keyPath, QStringLiteral("/etc/ssl/ecdsa.key"));
    }

    void unknownVariableInPathIsKeptWithAWarning()
    {
        MapConfigSource source;
        source.add(QStringLiteral("/etc/apache2/apache2.conf"),
                   "ErrorLog ${APACHE_LOG_DIR}/error.log\n"
                   "<VirtualHost *:443>\nSSLEngine on\nSSLCertificateFile ${NOT_DEFINED}/c.pem\n</VirtualHost>\n");
        const ConfigFindings findings = parseDebian(source);
        QCOMPARE(findings.warnings.size(), 1);
        QVERIFY(findings.warnings.first().startsWith(QStringLiteral("/etc/apache2/apache2.conf:4: ")));
        QCOMPARE(findings.endpoints.first().certificatePath, QStringLiteral("${NOT_DEFINED}/c.pem"));
    }
};

QTEST_GUILESS_MAIN(TestApacheConfigParser)
#include "TestApacheConfigParser.moc"
