#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace certdeck::discovery {

// A certificate an endpoint serves: its files, or its keystore entry.
struct ConfiguredCertificate
{
    QString certificatePath;
    QString keyPath;
    QString chainPath;
    QString keystorePath;
    QString keystoreType;
    QString keyAlias;
    QString type; // Tomcat's <Certificate type="RSA|EC|DSA">; empty where the configuration does not say
};

// One TLS endpoint a server's configuration declares (a server block / virtual host / connector).
struct ConfiguredEndpoint
{
    QString address; // listen address as configured ("127.0.0.1", "[::1]", "*", "" = all)
    int port = 0;
    QStringList names;       // server_name / ServerName + ServerAlias / SSLHostConfig hostName
    QString certificatePath; // PEM certificate (or fullchain) file
    QString keyPath;         // PEM private key file
    QString chainPath;       // separate chain file, when configured
    QString keystorePath;    // PKCS#12 / JKS keystore (Tomcat, Jetty)
    QString keystoreType;    // "PKCS12", "JKS"
    QString keyAlias;
    QString webRoot; // root / DocumentRoot: the suggested DCV path is <webRoot>/.well-known/pki-validation
    QString source;  // "path:line" of the block that declares it
    // Further certificates served beside the one above (RSA and ECDSA side by side: a second ssl_certificate,
    // SSLCertificateFile or <Certificate>); the client's signature algorithms pick one per handshake.
    QList<ConfiguredCertificate> additionalCertificates;
    QString dcvPath() const; // webRoot + "/.well-known/pki-validation", empty without a web root
    // Every certificate the endpoint serves: the one in the fields above first, then the additional ones.
    QList<ConfiguredCertificate> certificates() const;
};

// What the config parser of one server found. Warnings name the file and line (missing include, unparsable line).
struct ConfigFindings
{
    QList<ConfiguredEndpoint> endpoints;
    QStringList filesRead;
    QStringList warnings;
};

// One server on the host, running or only installed.
struct DetectedServer
{
    QString serverType;   // serverTypeId(): "nginx", "apache-http", "tomcat", "jetty", "jboss", "weblogic", "ftp",
                          // "sftp", "kubernetes", "iis", "windows-store"
    bool running = false; // only running servers are offered as deployment targets
    QString binary;       // executable path
    QString version;      // as the server reports it ("1.22.1"), empty when unknown
    QString configRoot;   // main configuration file or directory the running instance uses
    QList<qint64> pids;
    QList<int> listeningPorts;
    QString evidence; // how it was detected: "process 1234 (nginx: master process ...)", "systemd unit ..."
    ConfigFindings config;
};

// A certificate file (or keystore entry) found through the servers' configurations.
struct DiscoveredCertificateFile
{
    QString path;       // file path; "path#alias" for a keystore entry
    QString format;     // "PEM", "DER", "PKCS12", "JKS"
    QString serverType; // the server whose configuration names it
    QString fingerprintSha256;
    QByteArray chainPem; // leaf first; empty when the file could not be read (see error)
    QString error;       // "needs the keystore password", "unreadable: permission denied" ...
};

// The result of a bot's system scan of its own host.
struct SystemScan
{
    QString hostname;
    QStringList addresses; // the host's own IP addresses (Automatic deployment matches endpoints against them)
    QString os;            // "Debian GNU/Linux 12 (bookworm)"
    QDateTime scannedAt;   // UTC
    QList<DetectedServer> servers;
    QList<DiscoveredCertificateFile> certificates;
    QStringList warnings;
    // What the bot may do on its host, as its policy file says (deploy::BotPolicy::toJson()); shown read-only.
    QJsonObject policy;

    QJsonObject toJson() const;
    static SystemScan fromJson(const QJsonObject& json);
    QList<DetectedServer> runningServers() const;
};

QJsonObject toJson(const ConfiguredEndpoint& endpoint);
ConfiguredEndpoint configuredEndpointFromJson(const QJsonObject& json);

} // namespace certdeck::discovery
