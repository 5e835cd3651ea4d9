#include "engine/discovery/AutomaticDeployment.h"

#include <QTest>

using namespace certdeck;
using namespace certdeck::discovery;

namespace {

ConfiguredEndpoint endpoint(const QStringList& names, int port, const QString& certificate, const QString& webRoot = {},
                            const QString& address = QStringLiteral("*"))
{
    ConfiguredEndpoint e;
    e.address = address;
    e.port = port;
    e.names = names;
    e.certificatePath = certificate;
    e.keyPath = QString(certificate).replace(QStringLiteral(".pem"), QStringLiteral(".key"));
    e.webRoot = webRoot;
    e.source = certificate + QStringLiteral(":1");
    return e;
}

DetectedServer server(const QString& type, bool running, const QString& configRoot,
                      const QList<ConfiguredEndpoint>& endpoints)
{
    DetectedServer s;
    s.serverType = type;
    s.running = running;
    s.binary = QStringLiteral("/usr/sbin/") + (type == QLatin1String("apache-http") ? QStringLiteral("apache2") : type);
    s.version = QStringLiteral("1.0");
    s.configRoot = configRoot;
    s.config.endpoints = endpoints;
    for (const ConfiguredEndpoint& e : endpoints) {
        s.listeningPorts << e.port;
    }
    return s;
}

Bot bot(qint64 id, const QString& name, const QString& host, const QString& scanHostname, const QStringList& addresses,
        const QList<DetectedServer>& servers, BotTransportKind transport = BotTransportKind::Ssh)
{
    Bot b;
    b.id = id;
    b.name = name;
    b.host = host;
    b.transport = transport;
    SystemScan scan;
    scan.hostname = scanHostname;
    scan.addresses = addresses;
    scan.scannedAt = QDateTime::currentDateTimeUtc();
    scan.servers = servers;
    b.scan = scan.toJson(); // stored as the inventory stores it
    return b;
}

CertificateTarget target(const QString& commonName, const QString& host, const QStringList& addresses = {},
                         int port = 443)
{
    CertificateTarget t;
    t.commonName = commonName;
    t.host = host;
    t.hostAddresses = addresses;
    t.port = port;
    return t;
}

const QString kNginxConf = QStringLiteral("/etc/nginx/nginx.conf");

} // namespace

class TestAutomaticDeployment : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wildcardRules()
    {
        QVERIFY(hostNameMatches(QStringLiteral("*.example.com"), QStringLiteral("www.example.com")));
        QVERIFY(hostNameMatches(QStringLiteral("WWW.Example.COM."), QStringLiteral("www.example.com")));
        QVERIFY(!hostNameMatches(QStringLiteral("*.example.com"), QStringLiteral("a.b.example.com")));
        QVERIFY(!hostNameMatches(QStringLiteral("*.example.com"), QStringLiteral("example.com")));
        QVERIFY(!hostNameMatches(QStringLiteral("*.example.com"), QStringLiteral("wwwexample.com")));
        QVERIFY(!hostNameMatches(QStringLiteral("www.example.com"), QStringLiteral("*.example.com")));
    }

    void exactNameOnTheBotsHostFillsTheDeployerFields()
    {
        const Bot web01 = bot(
            7, QStringLiteral("web01"), QStringLiteral("web01.example.com"), QStringLiteral("web01"),
            {QStringLiteral("192.0.2.10")},
            {server(QStringLiteral("nginx"), true, kNginxConf,
                    {endpoint({QStringLiteral("other.example.com")}, 443, QStringLiteral("/etc/nginx/tls/other.pem")),
                     endpoint({QStringLiteral("www.example.com"), QStringLiteral("example.com")}, 443,
                              QStringLiteral("/etc/nginx/tls/www.pem"), QStringLiteral("/srv/www"))})});
        const AutomaticDeploymentResult result =
            suggestDeployments(target(QStringLiteral("www.example.com"), QStringLiteral("web01.example.com")), {web01});
        QCOMPARE(result.suggestions.size(), 1);
        QVERIFY(result.whyNone.isEmpty());
        const DeploymentSuggestion& s = result.suggestions.first();
        QCOMPARE(s.botId, 7);
        QCOMPARE(s.serverType, QStringLiteral("nginx"));
        QCOMPARE(s.matchedName, QStringLiteral("www.example.com"));
        QCOMPARE(s.fields.value(QStringLiteral("certificateFile")).toString(),
                 QStringLiteral("/etc/nginx/tls/www.pem"));
        QCOMPARE(s.fields.value(QStringLiteral("keyFile")).toString(), QStringLiteral("/etc/nginx/tls/www.key"));
        QCOMPARE(s.fields.value(QStringLiteral("configFile")).toString(), kNginxConf);
        QCOMPARE(s.fields.value(QStringLiteral("nginxBinary")).toString(), QStringLiteral("/usr/sbin/nginx"));
        QCOMPARE(s.dcvPath, QStringLiteral("/srv/www/.well-known/pki-validation"));
        QVERIFY2(s.label().contains(QStringLiteral("nginx on web01")) && s.label().contains(QStringLiteral(":443")),
                 qPrintable(s.label()));

        // A SAN matches like the common name; a name no endpoint serves matches nothing.
        CertificateTarget bySan = target(QStringLiteral("unrelated.test"), QStringLiteral("web01"));
        bySan.sans = {QStringLiteral("EXAMPLE.com")};
        QCOMPARE(suggestDeployments(bySan, {web01}).suggestions.size(), 1);
        const AutomaticDeploymentResult none =
            suggestDeployments(target(QStringLiteral("shop.example.org"), QStringLiteral("web01")), {web01});
        QVERIFY(none.suggestions.isEmpty());
        QVERIFY2(none.whyNone.contains(QStringLiteral("shop.example.org")) &&
                     none.whyNone.contains(QStringLiteral("Manual")),
                 qPrintable(none.whyNone));
    }

    void wildcardEndpointAndApacheFields()
    {
        ConfiguredEndpoint vhost = endpoint({QStringLiteral("*.example.com")}, 8443,
                                            QStringLiteral("/etc/ssl/certs/wild.pem"), QStringLiteral("/var/www/html"));
        vhost.chainPath = QStringLiteral("/etc/ssl/certs/chain.pem");
        const Bot web02 =
            bot(3, QStringLiteral("web02"), QStringLiteral("web02.example.com"), QStringLiteral("web02"),
                {QStringLiteral("192.0.2.20")},
                {server(QStringLiteral("apache-http"), true, QStringLiteral("/etc/apache2/apache2.conf"), {vhost})});
        const auto result = suggestDeployments(
            target(QStringLiteral("shop.example.com"), QStringLiteral("web02.example.com")), {web02});
        QCOMPARE(result.suggestions.size(), 1);
        const DeploymentSuggestion& s = result.suggestions.first();
        QCOMPARE(s.endpointName, QStringLiteral("*.example.com"));
        QCOMPARE(s.fields.value(QStringLiteral("serverRoot")).toString(), QStringLiteral("/etc/apache2"));
        QCOMPARE(s.fields.value(QStringLiteral("configFile")).toString(), QStringLiteral("/etc/apache2/apache2.conf"));
        QCOMPARE(s.fields.value(QStringLiteral("chainFile")).toString(), QStringLiteral("/etc/ssl/certs/chain.pem"));
        QVERIFY(suggestDeployments(target(QStringLiteral("a.shop.example.com"), QStringLiteral("web02.example.com")),
                                   {web02})
                    .suggestions.isEmpty());
    }

    // A Tomcat found by the scan fills the Tomcat deployer's fields: its key store, alias and SSLHostConfig.
    void tomcatKeyStoreEndpointFillsTheTomcatFields()
    {
        ConfiguredEndpoint connector = endpoint({QStringLiteral("shop.example.com")}, 8443, QString(), QString());
        connector.keystorePath = QStringLiteral("/var/lib/tomcat10/conf/shop.p12");
        connector.keystoreType = QStringLiteral("PKCS12");
        connector.keyAlias = QStringLiteral("shop");
        const Bot app01 = bot(
            4, QStringLiteral("app01"), QStringLiteral("app01.example.com"), QStringLiteral("app01"),
            {QStringLiteral("192.0.2.40")},
            {server(QStringLiteral("tomcat"), true, QStringLiteral("/var/lib/tomcat10/conf/server.xml"), {connector})});
        const auto result = suggestDeployments(
            target(QStringLiteral("shop.example.com"), QStringLiteral("app01.example.com"), {}, 8443), {app01});
        QCOMPARE(result.suggestions.size(), 1);
        const QVariantMap& fields = result.suggestions.first().fields;
        QCOMPARE(result.suggestions.first().serverType, QStringLiteral("tomcat"));
        QCOMPARE(fields.value(QStringLiteral("keyStoreFile")).toString(), connector.keystorePath);
        QCOMPARE(fields.value(QStringLiteral("keyStoreType")).toString(), QStringLiteral("PKCS12"));
        QCOMPARE(fields.value(QStringLiteral("keyAlias")).toString(), QStringLiteral("shop"));
        QCOMPARE(fields.value(QStringLiteral("serverXml")).toString(),
                 QStringLiteral("/var/lib/tomcat10/conf/server.xml"));
        QCOMPARE(fields.value(QStringLiteral("tlsHostName")).toString(), QStringLiteral("shop.example.com"));
        QVERIFY(!fields.contains(QStringLiteral("configFile")));
    }

    // A Jetty found by the scan fills the Jetty deployer's fields: its jetty.base, key store and alias.
    void jettyEndpointFillsTheJettyFields()
    {
        ConfiguredEndpoint ssl = endpoint({QStringLiteral("api.example.com")}, 8443, QString(), QString());
        ssl.keystorePath = QStringLiteral("/usr/share/jetty9/etc/keystore");
        ssl.keystoreType = QStringLiteral("JKS");
        ssl.keyAlias = QStringLiteral("jetty");
        const Bot app02 = bot(5, QStringLiteral("app02"), QStringLiteral("app02.example.com"), QStringLiteral("app02"),
                              {QStringLiteral("192.0.2.41")},
                              {server(QStringLiteral("jetty"), true, QStringLiteral("/usr/share/jetty9"), {ssl})});
        const auto result = suggestDeployments(
            target(QStringLiteral("api.example.com"), QStringLiteral("app02.example.com"), {}, 8443), {app02});
        QCOMPARE(result.suggestions.size(), 1);
        const QVariantMap& fields = result.suggestions.first().fields;
        QCOMPARE(result.suggestions.first().serverType, QStringLiteral("jetty"));
        QCOMPARE(fields.value(QStringLiteral("jettyBase")).toString(), QStringLiteral("/usr/share/jetty9"));
        QCOMPARE(fields.value(QStringLiteral("keyStoreFile")).toString(), ssl.keystorePath);
        QCOMPARE(fields.value(QStringLiteral("keyStoreType")).toString(), QStringLiteral("JKS"));
        QCOMPARE(fields.value(QStringLiteral("keyAlias")).toString(), QStringLiteral("jetty"));
        QVERIFY(!fields.contains(QStringLiteral("configFile")));
    }

    void matchesByAddress()
    {
        const Bot web01 = bot(
            7, QStringLiteral("web01"), QStringLiteral("web01.example.com"), QStringLiteral("web01"),
            {QStringLiteral("127.0.0.1"), QStringLiteral("192.0.2.10"), QStringLiteral("2001:db8::10")},
            {server(QStringLiteral("nginx"), true, kNginxConf,
                    {endpoint({QStringLiteral("www.example.com")}, 443, QStringLiteral("/etc/nginx/tls/www.pem"))})});
        // The endpoint host is a literal address of the scan.
        QCOMPARE(suggestDeployments(target(QStringLiteral("www.example.com"), QStringLiteral("192.0.2.10")), {web01})
                     .suggestions.size(),
                 1);
        QCOMPARE(
            suggestDeployments(target(QStringLiteral("www.example.com"), QStringLiteral("[2001:DB8:0::10]")), {web01})
                .suggestions.size(),
            1);
        // A name that the caller resolved to one of the scan's addresses.
        const auto resolved =
            suggestDeployments(target(QStringLiteral("www.example.com"), QStringLiteral("www.example.com"),
                                      {QStringLiteral("192.0.2.10")}),
                               {web01});
        QCOMPARE(resolved.suggestions.size(), 1);
        QVERIFY2(resolved.suggestions.first().hostMatch.contains(QStringLiteral("192.0.2.10")),
                 qPrintable(resolved.suggestions.first().hostMatch));
        // Another address, or an unresolved name: no match (no DNS inside).
        QVERIFY(suggestDeployments(target(QStringLiteral("www.example.com"), QStringLiteral("192.0.2.11")), {web01})
                    .suggestions.isEmpty());
        const auto unresolved =
            suggestDeployments(target(QStringLiteral("www.example.com"), QStringLiteral("www.example.com")), {web01});
        QVERIFY(unresolved.suggestions.isEmpty());
        QVERIFY2(unresolved.whyNone.contains(QStringLiteral("No scanned bot runs on www.example.com")),
                 qPrintable(unresolved.whyNone));
        // 127.0.0.1 is in every host's scan: it identifies only the local bot.
        QVERIFY(suggestDeployments(target(QStringLiteral("www.example.com"), QStringLiteral("127.0.0.1")), {web01})
                    .suggestions.isEmpty());
        const Bot local = bot(
            1, QStringLiteral("this computer"), QStringLiteral("localhost"), QStringLiteral("desk"),
            {QStringLiteral("127.0.0.1"), QStringLiteral("192.0.2.99")},
            {server(QStringLiteral("nginx"), true, kNginxConf,
                    {endpoint({QStringLiteral("www.example.com")}, 443, QStringLiteral("/etc/nginx/tls/local.pem"))})},
            BotTransportKind::Local);
        const auto loopback =
            suggestDeployments(target(QStringLiteral("www.example.com"), QStringLiteral("127.0.0.1")), {web01, local});
        QCOMPARE(loopback.suggestions.size(), 1);
        QCOMPARE(loopback.suggestions.first().botId, 1);
        QVERIFY(loopback.suggestions.first().localBot);
        QVERIFY(loopback.suggestions.first().label().contains(QStringLiteral("(local bot)")));
    }

    void installedOnlyServersAreNeverSuggested()
    {
        const Bot web01 =
            bot(7, QStringLiteral("web01"), QStringLiteral("web01"), QStringLiteral("web01"), {},
                {server(QStringLiteral("jetty"), false, QStringLiteral("/etc/jetty9"),
                        {endpoint({QStringLiteral("www.example.com")}, 8443, QStringLiteral("/etc/jetty9/www.pem"))})});
        const auto result =
            suggestDeployments(target(QStringLiteral("www.example.com"), QStringLiteral("web01")), {web01});
        QVERIFY(result.suggestions.isEmpty());
        QVERIFY2(result.whyNone.contains(QStringLiteral("jetty on web01")) &&
                     result.whyNone.contains(QStringLiteral("not running")),
                 qPrintable(result.whyNone));
        // No scan at all: says so.
        Bot unscanned;
        unscanned.id = 9;
        unscanned.name = QStringLiteral("new");
        unscanned.host = QStringLiteral("web01");
        const auto noScan =
            suggestDeployments(target(QStringLiteral("www.example.com"), QStringLiteral("web01")), {unscanned});
        QVERIFY(noScan.suggestions.isEmpty());
        QVERIFY2(noScan.whyNone.contains(QStringLiteral("No bot has a stored system scan")),
                 qPrintable(noScan.whyNone));
    }

    void severalBotsRankedBestFirst()
    {
        // Two entries see the host (a bot installed there, and an agentless entry of the same host), with exact,
        // wildcard and other-port endpoints; a third bot is elsewhere.
        const QList<DetectedServer> servers = {
            server(QStringLiteral("apache-http"), true, QStringLiteral("/etc/apache2/apache2.conf"),
                   {endpoint({QStringLiteral("*.example.com")}, 443, QStringLiteral("/etc/ssl/wild.pem"))}),
            server(QStringLiteral("nginx"), true, kNginxConf,
                   {endpoint({QStringLiteral("www.example.com")}, 8443, QStringLiteral("/etc/nginx/alt.pem")),
                    endpoint({QStringLiteral("www.example.com")}, 443, QStringLiteral("/etc/nginx/www.pem"))}),
        };
        const Bot agent = bot(5, QStringLiteral("web01"), QStringLiteral("web01.example.com"), QStringLiteral("web01"),
                              {QStringLiteral("192.0.2.10")}, servers);
        Bot agentless = bot(6, QStringLiteral("web01-ssh"), QStringLiteral("192.0.2.10"), QStringLiteral("web01"),
                            {QStringLiteral("192.0.2.10")}, servers);
        agentless.role = BotRole::AgentlessTarget;
        const Bot elsewhere = bot(8, QStringLiteral("web09"), QStringLiteral("web09.example.com"),
                                  QStringLiteral("web09"), {QStringLiteral("192.0.2.90")}, servers);
        const auto result =
            suggestDeployments(target(QStringLiteral("www.example.com"), QStringLiteral("web01.example.com"),
                                      {QStringLiteral("192.0.2.10")}),
                               {elsewhere, agentless, agent});
        QCOMPARE(result.suggestions.size(), 6);
        const DeploymentSuggestion& best = result.suggestions.at(0);
        QCOMPARE(best.botId, 5); // the host name matched, exact name, port 443
        QCOMPARE(best.serverType, QStringLiteral("nginx"));
        QCOMPARE(best.endpoint.port, 443);
        // The same endpoint through the agentless entry (matched by address), then the exact name on another
        // port, before the wildcard.
        QCOMPARE(result.suggestions.at(1).role, BotRole::AgentlessTarget);
        QCOMPARE(result.suggestions.at(1).endpoint.port, 443);
        QCOMPARE(result.suggestions.at(2).botId, 5);
        QCOMPARE(result.suggestions.at(2).endpoint.port, 8443);
        QCOMPARE(result.suggestions.at(2).serverType, QStringLiteral("nginx"));
        for (const DeploymentSuggestion& s : result.suggestions) {
            QVERIFY(s.botName != QLatin1String("web09"));
            QVERIFY(s.score <= best.score);
        }
        int previous = best.score;
        for (const DeploymentSuggestion& s : result.suggestions) {
            QVERIFY(s.score <= previous);
            previous = s.score;
        }
        // The agentless entry is deployed to by the local bot, naming its host as the agentless server.
        const auto agentlessSuggestion =
            std::find_if(result.suggestions.cbegin(), result.suggestions.cend(),
                         [](const DeploymentSuggestion& s) { return s.role == BotRole::AgentlessTarget; });
        QVERIFY(agentlessSuggestion != result.suggestions.cend());
        QCOMPARE(agentlessSuggestion->agentlessServer, QStringLiteral("192.0.2.10"));
        QCOMPARE(agentlessSuggestion->botId, 0);
    }
};

QTEST_GUILESS_MAIN(TestAutomaticDeployment)
#include "TestAutomaticDeployment.moc"
