// The nginx configuration parser: Debian's default configuration, hand-written configurations with every listen
// form, and hostile input (quotes, shell syntax, non-UTF-8, include loops, absurd nesting).
#include "MapConfigSource.h"

#include "engine/discovery/config/ConfigParser.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace certdeck::discovery;

namespace {

const QString snakeoilCert = QStringLiteral("/etc/ssl/certs/ssl-cert-snakeoil.pem");
const QString snakeoilKey = QStringLiteral("/etc/ssl/private/ssl-cert-snakeoil.key");

int lineOf(const QByteArray& content, const QByteArray& text)
{
    const qsizetype at = content.indexOf(text);
    return at < 0 ? -1 : int(content.left(at).count('\n')) + 1;
}

void writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(content), content.size());
}

MapConfigSource debianNginx()
{
    MapConfigSource source;
    source.mount(QStringLiteral(DISCOVERY_TEST_DATA "/debian/nginx"), QStringLiteral("/etc/nginx"));
    source.add(QStringLiteral("/etc/nginx/mime.types"), "types {\n    text/html html htm;\n}\n");
    source.add(QStringLiteral("/etc/nginx/sites-enabled/default"),
               source.files.value(QStringLiteral("/etc/nginx/sites-available/default")));
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

} // namespace

class TestNginxConfigParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void debianDefaultServesNoTls()
    {
        MapConfigSource source = debianNginx();
        const ConfigFindings findings =
            parseNginxConfig(source, QStringLiteral("/etc/nginx/nginx.conf"), QStringLiteral("/usr/share/nginx"));
        QVERIFY2(findings.endpoints.isEmpty(), qPrintable(QString::number(findings.endpoints.size())));
        QCOMPARE(findings.filesRead,
                 (QStringList{QStringLiteral("/etc/nginx/nginx.conf"), QStringLiteral("/etc/nginx/mime.types"),
                              QStringLiteral("/etc/nginx/sites-enabled/default")}));
        QVERIFY2(findings.warnings.isEmpty(), qPrintable(findings.warnings.join(QLatin1Char('\n'))));
    }

    // Debian's default site with its commented TLS lines switched on (the snakeoil snippet).
    void debianDefaultWithSnakeoil()
    {
        MapConfigSource source = debianNginx();
        QByteArray site = source.files.value(QStringLiteral("/etc/nginx/sites-available/default"));
        site.replace("# listen 443 ssl default_server;", "listen 443 ssl default_server;");
        site.replace("# listen [::]:443 ssl default_server;", "listen [::]:443 ssl default_server;");
        site.replace("# include snippets/snakeoil.conf;", "include snippets/snakeoil.conf;");
        source.add(QStringLiteral("/etc/nginx/sites-enabled/default"), site);

        const ConfigFindings findings =
            parseNginxConfig(source, QStringLiteral("/etc/nginx/nginx.conf"), QStringLiteral("/usr/share/nginx"));
        QVERIFY2(findings.warnings.isEmpty(), qPrintable(findings.warnings.join(QLatin1Char('\n'))));
        QCOMPARE(findings.endpoints.size(), 2);
        const QString source1 = QStringLiteral("/etc/nginx/sites-enabled/default:%1").arg(lineOf(site, "server {"));
        const QList<QString> addresses{QStringLiteral("*"), QStringLiteral("[::]")};
        for (int i = 0; i < 2; ++i) {
            const ConfiguredEndpoint& endpoint = findings.endpoints.at(i);
            QCOMPARE(endpoint.address, addresses.at(i));
            QCOMPARE(endpoint.port, 443);
            QCOMPARE(endpoint.names, QStringList{QStringLiteral("_")});
            QCOMPARE(endpoint.certificatePath, snakeoilCert);
            QCOMPARE(endpoint.keyPath, snakeoilKey);
            QCOMPARE(endpoint.webRoot, QStringLiteral("/var/www/html"));
            QCOMPARE(endpoint.dcvPath(), QStringLiteral("/var/www/html/.well-known/pki-validation"));
            QCOMPARE(endpoint.source, source1);
        }
        QVERIFY(findings.filesRead.contains(QStringLiteral("/etc/nginx/snippets/snakeoil.conf")));
    }

    void listenFormsInheritanceAndRelativePaths()
    {
        MapConfigSource source;
        source.add(QStringLiteral("/srv/ng/conf/nginx.conf"), R"(
worker_processes 1;
events { worker_connections 64; }
http {
    ssl_certificate     certs/shared.crt;   # relative: the conf directory
    ssl_certificate_key certs/shared.key;
    include conf.d/*.conf;
    server {
        listen 127.0.0.1:8443 ssl http2;
        listen [::1]:8443 ssl;
        listen unix:/run/nginx.sock ssl;
        listen 8080;
        server_name "a.example" 'b.example' c.example;
        root www;
    }
    server {
        listen 8081;
        server_name plain.example;
    }
    server {
        listen 9443;
        ssl on;
        server_name legacy.example;
        ssl_certificate /etc/own/legacy.pem;
        ssl_certificate_key /etc/own/legacy.key;
        location / { root /var/www/legacy; }
        location /api { root /var/www/api; }
    }
}
)");
        source.add(QStringLiteral("/srv/ng/conf/conf.d/10-site.conf"), R"(server {
    listen 443 ssl;
    server_name site.example;
    ssl_certificate /etc/ssl/site/fullchain.pem;
    ssl_certificate_key /etc/ssl/site/privkey.pem;
    ssl_certificate $ssl_server_name.pem;
}
server {
    listen 443;  # shares the TLS socket of the server above
    server_name other.example;
    ssl_certificate_key "/etc/ssl/by var/$host.key";
}
)");
        const ConfigFindings findings =
            parseNginxConfig(source, QStringLiteral("/srv/ng/conf/nginx.conf"), QStringLiteral("/srv/ng"));

        QCOMPARE(findings.endpoints.size(), 5);
        const ConfiguredEndpoint& site = findings.endpoints.at(0);
        QCOMPARE(site.address, QStringLiteral("*"));
        QCOMPARE(site.port, 443);
        QCOMPARE(site.names, QStringList{QStringLiteral("site.example")});
        QCOMPARE(site.certificatePath, QStringLiteral("/etc/ssl/site/fullchain.pem"));
        QCOMPARE(site.keyPath, QStringLiteral("/etc/ssl/site/privkey.pem"));
        QCOMPARE(site.webRoot, QStringLiteral("/srv/ng/html")); // nginx's default root under the prefix
        QCOMPARE(site.source, QStringLiteral("/srv/ng/conf/conf.d/10-site.conf:1"));

        const ConfiguredEndpoint& other = findings.endpoints.at(1);
        QCOMPARE(other.port, 443);
        QCOMPARE(other.names, QStringList{QStringLiteral("other.example")});
        QCOMPARE(other.certificatePath, QStringLiteral("/srv/ng/conf/certs/shared.crt"));
        QCOMPARE(other.keyPath, QStringLiteral("/etc/ssl/by var/$host.key"));
        QVERIFY(anyWarningContains(findings, QStringLiteral("/srv/ng/conf/conf.d/10-site.conf:11")));

        const QStringList names{QStringLiteral("a.example"), QStringLiteral("b.example"), QStringLiteral("c.example")};
        const ConfiguredEndpoint& v4 = findings.endpoints.at(2);
        QCOMPARE(v4.address, QStringLiteral("127.0.0.1"));
        QCOMPARE(v4.port, 8443);
        QCOMPARE(v4.names, names);
        QCOMPARE(v4.certificatePath, QStringLiteral("/srv/ng/conf/certs/shared.crt"));
        QCOMPARE(v4.keyPath, QStringLiteral("/srv/ng/conf/certs/shared.key"));
        QCOMPARE(v4.webRoot, QStringLiteral("/srv/ng/www"));
        QCOMPARE(v4.source, QStringLiteral("/srv/ng/conf/nginx.conf:8"));
        const ConfiguredEndpoint& v6 = findings.endpoints.at(3);
        QCOMPARE(v6.address, QStringLiteral("[::1]"));
        QCOMPARE(v6.port, 8443);
        QCOMPARE(v6.names, names);

        const ConfiguredEndpoint& legacy = findings.endpoints.at(4);
        QCOMPARE(legacy.port, 9443);
        QCOMPARE(legacy.names, QStringList{QStringLiteral("legacy.example")});
        QCOMPARE(legacy.certificatePath, QStringLiteral("/etc/own/legacy.pem"));
        QCOMPARE(legacy.webRoot, QStringLiteral("/var/www/legacy"));
    }

    void hostileContentIsTakenLiterally()
    {
        const QString canary =
            QDir::tempPath() + QStringLiteral("/certdeck-nginx-canary-%1").arg(QCoreApplication::applicationPid());
        QFile::remove(canary);
        QByteArray config = "http {\n"
                            "  server {\n"
                            "    listen 443 ssl;\n"
                            "    server_name \"semi;colon.example\" 'quote\\'s.example' \"$(touch CANARY)\" "
                            "`touch${IFS}CANARY` \"new\nline\";\n"
                            "    ssl_certificate \"/etc/ssl/with space/a;b.pem\";\n"
                            "    ssl_certificate_key /etc/ssl/esc\\ aped\\;key.pem;\n"
                            "    root \"/srv/$(touch CANARY)/`touch CANARY`/\xff\xfe-bytes\";\n"
                            "  }\n"
                            "}\n";
        config.replace("CANARY", canary.toUtf8());
        MapConfigSource source;
        source.add(QStringLiteral("/etc/nginx/nginx.conf"), config);
        const ConfigFindings findings =
            parseNginxConfig(source, QStringLiteral("/etc/nginx/nginx.conf"), QStringLiteral("/usr/share/nginx"));

        QCOMPARE(findings.endpoints.size(), 1);
        const ConfiguredEndpoint& endpoint = findings.endpoints.first();
        QCOMPARE(endpoint.names,
                 (QStringList{QStringLiteral("semi;colon.example"), QStringLiteral("quote's.example"),
                              QStringLiteral("$(touch %1)").arg(canary), QStringLiteral("`touch${IFS}%1`").arg(canary),
                              QStringLiteral("new\nline")}));
        QCOMPARE(endpoint.certificatePath, QStringLiteral("/etc/ssl/with space/a;b.pem"));
        QCOMPARE(endpoint.keyPath, QStringLiteral("/etc/ssl/esc aped;key.pem"));
        QVERIFY(endpoint.webRoot.startsWith(QStringLiteral("/srv/$(touch %1)/`touch %1`/").arg(canary)));
        QVERIFY(endpoint.webRoot.endsWith(QStringLiteral("-bytes")));
        QVERIFY(anyWarningContains(findings, QStringLiteral("/etc/nginx/nginx.conf:8"))); // root has "$": literal
        QVERIFY2(!QFileInfo::exists(canary), "a command from the configuration was executed");
    }

    void missingIncludeIsReportedAndTheRestParsed()
    {
        MapConfigSource source;
        source.add(QStringLiteral("/etc/nginx/nginx.conf"), "http {\n"
                                                            "  include /etc/nginx/missing.conf;\n"
                                                            "  include /etc/nginx/none-match/*.conf;\n"
                                                            "  server { listen 443 ssl; server_name ok.example; }\n"
                                                            "}\n");
        const ConfigFindings findings =
            parseNginxConfig(source, QStringLiteral("/etc/nginx/nginx.conf"), QStringLiteral("/usr/share/nginx"));
        QCOMPARE(findings.warnings.size(), 1);
        QVERIFY2(findings.warnings.first().startsWith(QStringLiteral("/etc/nginx/nginx.conf:2: ")),
                 qPrintable(findings.warnings.first()));
        QVERIFY(findings.warnings.first().contains(QStringLiteral("/etc/nginx/missing.conf")));
        QCOMPARE(findings.endpoints.size(), 1);
        QCOMPARE(findings.endpoints.first().names, QStringList{QStringLiteral("ok.example")});
    }

    void includeLoopStops()
    {
        MapConfigSource source;
        source.add(QStringLiteral("/etc/nginx/nginx.conf"), "http { include a.conf; }\n");
        source.add(QStringLiteral("/etc/nginx/a.conf"), "server { listen 443 ssl; server_name a.example; }\n"
                                                        "include b.conf;\n");
        source.add(QStringLiteral("/etc/nginx/b.conf"), "server { listen 8443 ssl; server_name b.example; }\n"
                                                        "include a.conf;\n");
        const ConfigFindings findings =
            parseNginxConfig(source, QStringLiteral("/etc/nginx/nginx.conf"), QStringLiteral("/usr/share/nginx"));
        QCOMPARE(findings.endpoints.size(), 2);
        QCOMPARE(findings.endpoints.at(0).names, QStringList{QStringLiteral("a.example")});
        QCOMPARE(findings.endpoints.at(1).names, QStringList{QStringLiteral("b.example")});
        QVERIFY(anyWarningContains(findings, QStringLiteral("/etc/nginx/b.conf:2: include loop")));
        QVERIFY(source.reads.size() < 10);
    }

    void selfIncludingGlobStops()
    {
        MapConfigSource source;
        source.add(QStringLiteral("/etc/nginx/nginx.conf"), "http { include /etc/nginx/conf.d/*.conf; }\n");
        source.add(QStringLiteral("/etc/nginx/conf.d/a.conf"), "include /etc/nginx/conf.d/*.conf;\n");
        source.add(QStringLiteral("/etc/nginx/conf.d/b.conf"), "include /etc/nginx/conf.d/*.conf;\n"
                                                               "server { listen 443 ssl; }\n");
        const ConfigFindings findings =
            parseNginxConfig(source, QStringLiteral("/etc/nginx/nginx.conf"), QStringLiteral("/usr/share/nginx"));
        QVERIFY(anyWarningContains(findings, QStringLiteral("include loop")));
        QVERIFY(!findings.endpoints.isEmpty());
        QVERIFY(source.reads.size() < 200);
    }

    // One include whose glob matches 5,000 files reads the first 4,096 and names the limit at its file:line.
    void globFanOutIsCapped()
    {
        MapConfigSource source;
        source.add(QStringLiteral("/etc/nginx/nginx.conf"), "http {\n  include conf.d/*.conf;\n}\n");
        for (int i = 0; i < 5000; ++i) {
            source.add(QStringLiteral("/etc/nginx/conf.d/%1.conf").arg(i, 5, 10, QLatin1Char('0')), "# empty\n");
        }
        const ConfigFindings findings =
            parseNginxConfig(source, QStringLiteral("/etc/nginx/nginx.conf"), QStringLiteral("/usr/share/nginx"));
        QVERIFY(source.reads.size() <= 4097);
        QVERIFY2(anyWarningContains(findings, QStringLiteral("/etc/nginx/nginx.conf:2: \"/etc/nginx/conf.d/*.conf\" "
                                                             "matches 5000 files, more than 4096")),
                 qPrintable(findings.warnings.join(QLatin1Char('\n'))));
    }

    // The same 15 MiB file included again and again: the parse stops at 64 MiB and says where.
    void bytesPerParseAreCapped()
    {
        MapConfigSource source;
        source.add(QStringLiteral("/etc/nginx/nginx.conf"),
                   "include big.conf;\ninclude big.conf;\ninclude big.conf;\n"
                   "include big.conf;\ninclude big.conf;\ninclude big.conf;\n");
        source.add(QStringLiteral("/etc/nginx/big.conf"), "#" + QByteArray(15 * 1024 * 1024, 'x') + "\n");
        const ConfigFindings findings =
            parseNginxConfig(source, QStringLiteral("/etc/nginx/nginx.conf"), QStringLiteral("/usr/share/nginx"));
        QVERIFY2(anyWarningContains(findings, QStringLiteral("/etc/nginx/nginx.conf:5: more than 64 MiB")),
                 qPrintable(findings.warnings.join(QLatin1Char('\n'))));
    }

    // A site that includes a symlink to itself: the loop is seen through the link, and the site counts once.
    void includeLoopThroughSymlink()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString root = dir.path();
        QVERIFY(QDir(root).mkpath(QStringLiteral("sites")));
        QVERIFY(QDir(root).mkpath(QStringLiteral("inc")));
        writeFile(root + QStringLiteral("/nginx.conf"), "http { include sites/*.conf; }\n");
        writeFile(root + QStringLiteral("/sites/a.conf"),
                  "server { listen 443 ssl; server_name a.example; }\ninclude inc/again.conf;\n");
        QVERIFY(QFile::link(root + QStringLiteral("/sites/a.conf"), root + QStringLiteral("/inc/again.conf")));
        const LocalConfigSource source;
        const ConfigFindings findings = parseNginxConfig(source, root + QStringLiteral("/nginx.conf"), root);
        QCOMPARE(findings.endpoints.size(), 1);
        QVERIFY2(anyWarningContains(findings, root + QStringLiteral("/sites/a.conf:2: include loop")),
                 qPrintable(findings.warnings.join(QLatin1Char('\n'))));
    }

    // Two ssl_certificate / ssl_certificate_key pairs in one server block (RSA and ECDSA side by side): both are
    // the endpoint's certificates, paired in order; a server without its own inherits both from http.
    void severalCertificatesInOneServerBlock()
    {
        MapConfigSource source;
        source.add(QStringLiteral("/etc/nginx/nginx.conf"),
                   "http {\n"
                   "  ssl_certificate /etc/ssl/http-rsa.pem;\n  ssl_certificate_key /etc/ssl/http-rsa.key;\n"
                   "  ssl_certificate /etc/ssl/http-ec.pem;\n  ssl_certificate_key /etc/ssl/http-ec.key;\n"
                   "  server { listen 443 ssl; server_name dual.example;\n"
                   "    ssl_certificate /etc/ssl/rsa.pem; ssl_certificate_key /etc/ssl/rsa.key;\n"
                   "    ssl_certificate /etc/ssl/ecdsa.pem; ssl_certificate_key /etc/ssl/ecdsa.key;\n  }\n"
                   "  server { listen 8443 ssl; server_name inherits.example; }\n"
                   "  server { listen 9443 ssl; server_name own.example; ssl_certificate /etc/ssl/own.pem;\n"
                   "    ssl_certificate_key /etc/ssl/own.key; }\n"
                   "}\n");
        const ConfigFindings findings =
            parseNginxConfig(source, QStringLiteral("/etc/nginx/nginx.conf"), QStringLiteral("/usr/share/nginx"));
        QCOMPARE(findings.endpoints.size(), 3);
        const auto paths = [](const ConfiguredEndpoint& endpoint) {
            QStringList result;
            for (const ConfiguredCertificate& certificate : endpoint.certificates()) {
                result << certificate.certificatePath + QLatin1Char('|') + certificate.keyPath;
            }
            return result;
        };
        QCOMPARE(paths(findings.endpoints.at(0)),
                 (QStringList{"/etc/ssl/rsa.pem|/etc/ssl/rsa.key", "/etc/ssl/ecdsa.pem|/etc/ssl/ecdsa.key"}));
        QCOMPARE(paths(findings.endpoints.at(1)), (QStringList{"/etc/ssl/http-rsa.pem|/etc/ssl/http-rsa.key",
                                                               "/etc/ssl/http-ec.pem|/etc/ssl/http-ec.key"}));
        QCOMPARE(paths(findings.endpoints.at(2)), (QStringList{"/etc/ssl/own.pem|/etc/ssl/own.key"}));
    }

    // A file of 5,000 stray "}": the findings keep 1,000 warnings and one line saying more were left out.
    void warningsAreCapped()
    {
        QByteArray config;
        for (int i = 0; i < 5000; ++i) {
            config += "}\n";
        }
        MapConfigSource source;
        source.add(QStringLiteral("/etc/nginx/nginx.conf"), config);
        const ConfigFindings findings =
            parseNginxConfig(source, QStringLiteral("/etc/nginx/nginx.conf"), QStringLiteral("/usr/share/nginx"));
        QCOMPARE(findings.warnings.size(), 1001);
        QVERIFY2(findings.warnings.last().startsWith(QStringLiteral("more than 1000 warnings")),
                 qPrintable(findings.warnings.last()));
        QVERIFY(findings.warnings.last().contains(QStringLiteral("/etc/nginx/nginx.conf:1001")));
    }

    void tenThousandNestedBracesDoNotCrash()
    {
        QByteArray config = "http {\n  server { listen 443 ssl; server_name before.example; }\n";
        for (int i = 0; i < 10000; ++i) {
            config += "location / {";
        }
        config += QByteArray(10000, '}');
        config += "\n}\n";
        MapConfigSource source;
        source.add(QStringLiteral("/etc/nginx/nginx.conf"), config);
        const ConfigFindings findings =
            parseNginxConfig(source, QStringLiteral("/etc/nginx/nginx.conf"), QStringLiteral("/usr/share/nginx"));
        QCOMPARE(findings.endpoints.size(), 1);
        QCOMPARE(findings.endpoints.first().names, QStringList{QStringLiteral("before.example")});
        QVERIFY(anyWarningContains(findings, QStringLiteral("/etc/nginx/nginx.conf:3: blocks nested deeper")));
    }

    void unparsableLinesWarnAndParsingGoesOn()
    {
        MapConfigSource source;
        source.add(QStringLiteral("/etc/nginx/nginx.conf"), "}\n"
                                                            "http {\n"
                                                            "  server { listen 443:x ssl; }\n"
                                                            "  server { listen 127.0.0.1:8443 ssl; }\n"
                                                            "  server { listen 9443 ssl;\n");
        const ConfigFindings findings =
            parseNginxConfig(source, QStringLiteral("/etc/nginx/nginx.conf"), QStringLiteral("/usr/share/nginx"));
        QVERIFY(anyWarningContains(findings, QStringLiteral("/etc/nginx/nginx.conf:1: unexpected \"}\"")));
        QVERIFY(anyWarningContains(findings, QStringLiteral("/etc/nginx/nginx.conf:3: cannot parse listen")));
        QVERIFY(anyWarningContains(findings, QStringLiteral("unexpected end of file")));
        QCOMPARE(findings.endpoints.size(), 2);
        QCOMPARE(findings.endpoints.at(0).port, 8443);
        QCOMPARE(findings.endpoints.at(1).port, 9443);
    }

    void unreadableMainFileIsAWarning()
    {
        MapConfigSource source;
        const ConfigFindings findings =
            parseNginxConfig(source, QStringLiteral("/etc/nginx/nginx.conf"), QStringLiteral("/usr/share/nginx"));
        QVERIFY(findings.endpoints.isEmpty());
        QCOMPARE(findings.warnings.size(), 1);
        QVERIFY(findings.warnings.first().startsWith(QStringLiteral("/etc/nginx/nginx.conf")));
    }
};

QTEST_GUILESS_MAIN(TestNginxConfigParser)
#include "TestNginxConfigParser.moc"
