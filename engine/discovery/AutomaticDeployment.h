#pragma once

#include "engine/discovery/DiscoveryTypes.h"
#include "engine/domain/Bot.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantMap>

namespace certdeck::discovery {

// The certificate the wizard configures, as far as Automatic deployment needs it. No DNS happens here: the caller
// resolves `host` (off the GUI thread) and passes the addresses in.
struct CertificateTarget
{
    QString commonName;
    QStringList sans;
    QString host;              // the endpoint host (name or address) the certificate is served on
    QStringList hostAddresses; // what `host` resolves to; empty: compared literally only
    int port = 0;              // the endpoint port; 0: any (a matching port ranks higher)

    QStringList names() const; // common name and SANs, lower case, without duplicates
};

// One detected place to deploy the certificate: a running server on a bot's host whose TLS endpoint serves one of
// the certificate's names, with the deployer's fields filled from the scan.
struct DeploymentSuggestion
{
    qint64 botId = 0; // the bot that deploys (0 with the local bot: its entry id when registered)
    QString botName;  // the scanned entry's name
    QString botHost;  // the scanned entry's host
    BotRole role = BotRole::Bot;
    QString agentlessServer; // for an agentless target: its host (deployed to by the local bot)
    bool localBot = false;
    QString serverType; // serverTypeId()
    QString serverVersion;
    QString configRoot;
    QString matchedName;  // the certificate name that matched
    QString endpointName; // the endpoint's name it matched (may be a wildcard)
    QString hostMatch;    // why the host belongs to the bot: "host name web01", "address 192.0.2.10"
    ConfiguredEndpoint endpoint;
    QVariantMap fields; // deployer field values by id (certificateFile, keyFile, chainFile, configFile ...)
    QString dcvPath;    // <web root>/.well-known/pki-validation, empty without a web root
    int score = 0;      // higher is better

    // "nginx on web01 (local bot): /etc/nginx/tls/www.pem :443 www.example.com"
    QString label() const;
};

struct AutomaticDeploymentResult
{
    QList<DeploymentSuggestion> suggestions; // best first
    QString whyNone;                         // why there is none (empty when there are suggestions)
};

// Suggests deployments for `certificate` from the bots' stored scans (Bot::scan): a bot whose host name, scan
// host name or scan address equals the certificate's host or one of its resolved addresses (loopback addresses
// only identify the local bot), and on it every RUNNING server with a TLS endpoint whose names match the
// certificate's names (exact, or a wildcard either way). Installed-only servers are never suggested. Without
// certificate names, every TLS endpoint of a running server on the host is suggested (ranked by port).
AutomaticDeploymentResult suggestDeployments(const CertificateTarget& certificate, const QList<Bot>& bots);

// True when `pattern` ("www.example.com" or "*.example.com") covers `name`: equal ignoring case, or a leading "*."
// that stands for exactly one label.
bool hostNameMatches(const QString& pattern, const QString& name);

} // namespace certdeck::discovery
