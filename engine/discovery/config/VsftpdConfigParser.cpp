#include "engine/discovery/config/ConfigParser.h"

#include "engine/discovery/config/ConfigText.h"

#include <QHash>

namespace certdeck::discovery {

using namespace configtext;

// vsftpd.conf: one `option=value` a line, no spaces around "=", `#` comments, later lines win.
ConfigFindings parseVsftpdConfig(const ConfigSource& source, const QString& mainFile)
{
    ConfigFindings findings;
    const std::optional<QByteArray> data = source.read(mainFile);
    if (!data) {
        findings.warnings.append(
            QStringLiteral("%1: cannot read the vsftpd configuration (missing, not a regular file, or over 16 MiB)")
                .arg(mainFile));
        return findings;
    }
    addFileRead(findings, mainFile);
    QHash<QString, QString> options;
    QHash<QString, int> optionLines;
    const QStringList lines = decode(*data).split(QLatin1Char('\n'));
    for (qsizetype index = 0; index < lines.size(); ++index) {
        QString line = lines.at(index);
        if (line.endsWith(QLatin1Char('\r'))) {
            line.chop(1);
        }
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(QLatin1Char('#'))) {
            continue;
        }
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (equals <= 0) {
            findings.warnings.append(
                QStringLiteral("%1: not an option=value line; ignored").arg(location(mainFile, int(index) + 1)));
            continue;
        }
        // vsftpd takes the value verbatim up to the end of the line (no quoting, no trimming of the value).
        const QString name = line.left(equals).trimmed().toLower();
        options.insert(name, line.mid(equals + 1));
        optionLines.insert(name, int(index) + 1);
    }
    if (options.value(QStringLiteral("ssl_enable")).trimmed().compare(QLatin1String("YES"), Qt::CaseInsensitive) != 0) {
        return findings;
    }
    ConfiguredEndpoint endpoint;
    const bool ipv6 =
        options.value(QStringLiteral("listen_ipv6")).trimmed().compare(QLatin1String("YES"), Qt::CaseInsensitive) == 0;
    endpoint.address = options.value(ipv6 ? QStringLiteral("listen_address6") : QStringLiteral("listen_address"));
    if (ipv6 && !endpoint.address.isEmpty()) {
        endpoint.address = QLatin1Char('[') + endpoint.address + QLatin1Char(']');
    }
    endpoint.port = 21;
    if (options.contains(QStringLiteral("listen_port"))) {
        bool ok = false;
        const int port = options.value(QStringLiteral("listen_port")).trimmed().toInt(&ok);
        if (ok && port > 0 && port <= 65535) {
            endpoint.port = port;
        } else {
            findings.warnings.append(QStringLiteral("%1: listen_port \"%2\" is not a port; using 21")
                                         .arg(mainFile, options.value(QStringLiteral("listen_port"))));
        }
    }
    endpoint.certificatePath = options.value(QStringLiteral("rsa_cert_file"),
                                             QStringLiteral("/usr/share/ssl/certs/vsftpd.pem")); // vsftpd's default
    endpoint.keyPath = options.value(QStringLiteral("rsa_private_key_file"), endpoint.certificatePath);
    // vsftpd loads a dsa_cert_file beside the RSA one (any non-RSA key: DSA, or ECDSA with current OpenSSL).
    if (const QString second = options.value(QStringLiteral("dsa_cert_file")); !second.isEmpty()) {
        ConfiguredCertificate certificate;
        certificate.certificatePath = second;
        certificate.keyPath = options.value(QStringLiteral("dsa_private_key_file"), second);
        endpoint.additionalCertificates.append(certificate);
    }
    endpoint.source = location(mainFile, optionLines.value(QStringLiteral("ssl_enable")));
    findings.endpoints.append(endpoint);
    return findings;
}

} // namespace certdeck::discovery
