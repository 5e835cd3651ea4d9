#include "deployers/ftp/FtpDeployer.h"

#include "deployers/ftp/FtpTargetHost.h"
#include "deployers/ftp/FtpTls.h"

#include <QCoreApplication>
#include <QCryptographicHash>

namespace certdeck::deployers {

using deploy::DeployerField;

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("FtpDeployer", text);
}

constexpr int kConnectTimeoutMs = 20000;

const QString kHost = QStringLiteral("ftpHost");
const QString kPort = QStringLiteral("ftpPort");
const QString kUser = QStringLiteral("ftpUser");
const QString kPassword = QStringLiteral("ftpPassword");
const QString kTls = QStringLiteral("ftpTls");
const QString kFingerprint = QStringLiteral("ftpServerFingerprint");
const QString kCaCertificate = QStringLiteral("ftpCaCertificate");
const QString kAllowPlain = QStringLiteral("ftpAllowPlain");

const QString kExplicit = QStringLiteral("Explicit TLS (AUTH TLS)");
const QString kImplicit = QStringLiteral("Implicit TLS (FTPS)");
const QString kPlain = QStringLiteral("None: plain FTP (the key crosses the network in clear)");

// A CA certificate as PEM, or as the bare base64 of one PEM block pasted into a one-line field.
QByteArray pemOf(const QString& text)
{
    const QByteArray value = text.toUtf8().trimmed();
    if (value.isEmpty() || value.contains("-----BEGIN")) {
        return value;
    }
    QByteArray pem = "-----BEGIN CERTIFICATE-----\n";
    for (qsizetype i = 0; i < value.size(); i += 64) {
        pem += value.mid(i, 64) + '\n';
    }
    return pem + "-----END CERTIFICATE-----\n";
}

} // namespace

QList<DeployerField> FtpDeployer::connectionFields() const
{
    DeployerField tls =
        deploy::makeField(DeployerField::Kind::Choice, kTls, tr("FTP security"), false, {},
                          tr("Explicit TLS (AUTH TLS on port 21) or implicit TLS (port 990). Plain FTP "
                             "sends the private key and the password unencrypted: only with \"Allow plain "
                             "FTP\"."),
                          kExplicit);
    tls.choices = {kExplicit, kImplicit, kPlain};
    return {
        deploy::makeField(DeployerField::Kind::Text, kHost, tr("FTP server"), true, QStringLiteral("files.example.com"),
                          tr("The FTP server's host name (checked against its certificate) or address.")),
        deploy::makeField(DeployerField::Kind::Port, kPort, tr("FTP port"), false, QStringLiteral("21"),
                          tr("21 for explicit TLS, 990 for implicit TLS."), QStringLiteral("21")),
        deploy::makeField(DeployerField::Kind::Text, kUser, tr("FTP user"), true, {},
                          tr("The login on the FTP server.")),
        deploy::makeField(DeployerField::Kind::Secret, kPassword, tr("FTP password"), false, {},
                          tr("Kept in the system keychain and sent to the bot only with the deployment.")),
        tls,
        deploy::makeField(
            DeployerField::Kind::Text, kFingerprint, tr("Server certificate fingerprint"), false,
            QStringLiteral("SHA-256, e.g. 3A:5F:..."),
            tr("Pins the FTP server's certificate: its SHA-256 fingerprint (openssl x509 -noout -fingerprint "
               "-sha256). Either this or a CA certificate.")),
        deploy::makeField(
            DeployerField::Kind::Text, kCaCertificate, tr("CA certificate"), false,
            QStringLiteral("-----BEGIN CERTIFICATE----- ..."),
            tr("The CA that issued the FTP server's certificate (PEM, or its base64 alone). Either this or a "
               "fingerprint.")),
        deploy::makeField(DeployerField::Kind::Flag, kAllowPlain, tr("Allow plain FTP"), false, {},
                          tr("Only with FTP security \"None\": accept that the key and password cross the network "
                             "unencrypted."),
                          QStringLiteral("false")),
    };
}

Result<FtpEndpoint> FtpDeployer::endpointOf(const FieldValues& values)
{
    FtpEndpoint endpoint;
    endpoint.host = values.text(kHost);
    endpoint.port = values.text(kPort).toInt();
    endpoint.user = values.text(kUser);
    const QString tls = values.text(kTls);
    endpoint.tls = tls == kImplicit ? FtpEndpoint::Tls::Implicit
                   : tls == kPlain  ? FtpEndpoint::Tls::None
                                    : FtpEndpoint::Tls::Explicit;
    endpoint.pinnedSha256 = values.text(kFingerprint);
    endpoint.caPem = pemOf(values.text(kCaCertificate));
    endpoint.allowPlainFtp = values.flag(kAllowPlain);
    if (!endpoint.pinnedSha256.isEmpty()) {
        if (auto pin = parseSha256Fingerprint(endpoint.pinnedSha256); !pin) {
            return fail(tr("Server certificate fingerprint: %1; nothing was changed").arg(pin.message()),
                        QStringLiteral("invalidParams"));
        }
    }
    return endpoint;
}

QString FtpDeployer::targetName(const deploy::DeployRequest& /*request*/, const FieldValues& values) const
{
    auto endpoint = endpointOf(values);
    return endpoint ? endpoint->describe() : values.text(kHost);
}

Result<std::shared_ptr<deploy::TargetHost>> FtpDeployer::targetHost(const deploy::DeployRequest& request,
                                                                    const FieldValues& values) const
{
    if (request.host && !request.host->isLocal()) {
        return fail(tr("FTP is reached by the bot itself: leave the agentless server empty and choose the bot that "
                       "can reach the FTP server. Nothing was changed."),
                    QStringLiteral("invalidParams"));
    }
    // The bot's policy before any connection: a refused request never logs in anywhere.
    if (Status allowed = policy().checkAgentless(); !allowed) {
        return allowed.error();
    }
    auto endpoint = endpointOf(values);
    if (!endpoint) {
        return endpoint.error();
    }
    const QByteArray password = values.secret(kPassword);
    const QString key = endpoint->describe() + QLatin1Char('|') +
                        QString::fromLatin1(QCryptographicHash::hash(password, QCryptographicHash::Sha256).toHex());
    std::lock_guard lock(m_connectionsMutex);
    if (std::shared_ptr<deploy::TargetHost> open = m_connections.value(key).lock()) {
        return open; // another request of the batch holds it
    }
    auto connected = FtpTargetHost::connect(*endpoint, password, kConnectTimeoutMs);
    if (!connected) {
        return connected.error();
    }
    std::shared_ptr<deploy::TargetHost> host = connected.value();
    m_connections.insert(key, host);
    return host;
}

} // namespace certdeck::deployers
