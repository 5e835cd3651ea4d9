#include "engine/discovery/CertificateFileReader.h"

#include "engine/core/Log.h"
#include "engine/core/RegularFile.h"
#include "engine/crypto/Certificate.h"
#include "engine/crypto/Pkcs12.h"
#include "engine/discovery/HostCommand.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace certdeck::discovery {
namespace {

constexpr qint64 kMaxFileBytes = files::kMaxMaterialFileBytes;
const QString kNeedsPassword = QStringLiteral("needs the keystore password");

DiscoveredCertificateFile entry(const QString& path, const QString& format, const QString& serverType)
{
    DiscoveredCertificateFile file;
    file.path = path;
    file.format = format;
    file.serverType = serverType;
    return file;
}

// Leaf first: a bundle that starts with its CA certificates is turned around.
QList<crypto::Certificate> leafFirst(QList<crypto::Certificate> chain)
{
    if (!chain.isEmpty() && chain.first().isCa()) {
        for (qsizetype i = 1; i < chain.size(); ++i) {
            if (!chain.at(i).isCa()) {
                chain.move(i, 0);
                break;
            }
        }
    }
    return chain;
}

void setChain(DiscoveredCertificateFile& file, const QList<crypto::Certificate>& chain)
{
    file.chainPem = crypto::chainToPem(chain);
    file.fingerprintSha256 = chain.isEmpty() ? QString() : chain.first().fingerprintSha256();
}

bool startsWithMagic(const QByteArray& data, quint32 magic)
{
    if (data.size() < 4) {
        return false;
    }
    const auto* bytes = reinterpret_cast<const uchar*>(data.constData());
    return ((quint32(bytes[0]) << 24) | (quint32(bytes[1]) << 16) | (quint32(bytes[2]) << 8) | quint32(bytes[3])) ==
           magic;
}

QString keytoolProgram()
{
    const QString javaHome = qEnvironmentVariable("JAVA_HOME");
    if (!javaHome.isEmpty() && QFileInfo(javaHome + QStringLiteral("/bin/keytool")).isExecutable()) {
        return javaHome + QStringLiteral("/bin/keytool");
    }
    return QStringLiteral("keytool");
}

} // namespace

CertificateFileReader::CertificateFileReader(int keytoolTimeoutMs)
    : m_keytoolTimeoutMs(keytoolTimeoutMs)
{
}

QList<DiscoveredCertificateFile> CertificateFileReader::read(const QString& path, const QString& serverType) const
{
    DiscoveredCertificateFile file = entry(path, QString(), serverType);
    // A regular file only (a FIFO or device named in a configuration must not hang the scan), at most 16 MiB.
    // Links are followed: configurations name /etc/letsencrypt/live/... links on purpose.
    Result<files::RegularFile> read = files::readRegularFile(path, kMaxFileBytes, files::Symlinks::Follow);
    if (!read) {
        const QString kind = read.error().kind;
        if (kind == QLatin1String("notFound")) {
            file.error = QStringLiteral("missing: the file does not exist");
        } else if (kind == QLatin1String("tooLarge")) {
            file.error = QStringLiteral("unreadable: larger than 16 MiB, not a certificate file");
        } else {
            file.error = QStringLiteral("unreadable: %1").arg(read.message());
        }
        return {file};
    }
    const QByteArray data = std::move(read->content);
    if (data.isEmpty()) {
        file.error = QStringLiteral("unreadable: the file is empty");
        return {file};
    }
    if (startsWithMagic(data, 0xFEEDFEEDu) || startsWithMagic(data, 0xCECECECEu)) {
        return readJks(path, serverType);
    }
    if (data.contains("-----BEGIN ")) {
        file.format = QStringLiteral("PEM");
        if (!data.contains("CERTIFICATE-----")) {
            file.error = QStringLiteral("the PEM file holds no certificate");
            return {file};
        }
        const Result<QList<crypto::Certificate>> chain = crypto::Certificate::chainFromPem(data);
        if (!chain) {
            file.error = QStringLiteral("unreadable PEM: %1").arg(chain.message());
            return {file};
        }
        setChain(file, leafFirst(*chain));
        return {file};
    }
    if (const Result<crypto::Certificate> der = crypto::Certificate::fromDer(data); der) {
        file.format = QStringLiteral("DER");
        setChain(file, {*der});
        return {file};
    }
    const Result<crypto::Pkcs12Bundle> bundle = crypto::readPkcs12(data, QByteArray());
    if (!bundle && bundle.error().kind == QStringLiteral("notPkcs12")) {
        file.error = QStringLiteral("not a certificate file (PEM, DER, PKCS#12 or JKS)");
        return {file};
    }
    file.format = QStringLiteral("PKCS12");
    if (!bundle) {
        const QString kind = bundle.error().kind;
        file.error = kind == QStringLiteral("passwordRequired") || kind == QStringLiteral("wrongPassword")
                         ? kNeedsPassword
                         : QStringLiteral("unreadable PKCS#12: %1").arg(bundle.message());
        return {file};
    }
    setChain(file, QList<crypto::Certificate>{bundle->leaf} + bundle->chain);
    return {file};
}

QList<DiscoveredCertificateFile> CertificateFileReader::readJks(const QString& path, const QString& serverType) const
{
    // Listing the certificates of a JKS keystore needs no password; stdin is closed so keytool cannot prompt.
    const HostCommandOutput output = runHostCommand(
        keytoolProgram(), {QStringLiteral("-list"), QStringLiteral("-rfc"), QStringLiteral("-keystore"), path},
        m_keytoolTimeoutMs);
    DiscoveredCertificateFile failed = entry(path, QStringLiteral("JKS"), serverType);
    if (!output.started) {
        failed.error = QStringLiteral("a JKS keystore needs the JDK's keytool to be read, and keytool is not installed "
                                      "on this host (Debian: default-jdk-headless)");
        return {failed};
    }
    if (!output.problem.isEmpty() || output.exitCode != 0) {
        const QString reason =
            grepLines(output.standardOutput + '\n' + output.standardError, QStringLiteral("(?i)error|exception"))
                .join(QStringLiteral("; "));
        failed.error = QStringLiteral("keytool could not list the keystore: %1")
                           .arg(reason.isEmpty() ? output.problem : reason.left(300));
        return {failed};
    }
    // "Alias name: x" ... "Certificate[1]:" "-----BEGIN CERTIFICATE-----" ... for each entry.
    QList<DiscoveredCertificateFile> files;
    const QString text = QString::fromUtf8(output.standardOutput);
    static const QRegularExpression aliasLine(QStringLiteral("^Alias name: (.*)$"),
                                              QRegularExpression::MultilineOption);
    QList<QRegularExpressionMatch> aliases;
    for (auto it = aliasLine.globalMatch(text); it.hasNext();) {
        aliases.append(it.next());
    }
    for (qsizetype i = 0; i < aliases.size(); ++i) {
        const qsizetype begin = aliases.at(i).capturedEnd();
        const qsizetype end = i + 1 < aliases.size() ? aliases.at(i + 1).capturedStart() : text.size();
        const QByteArray section = text.mid(begin, end - begin).toUtf8();
        DiscoveredCertificateFile file =
            entry(path + QLatin1Char('#') + aliases.at(i).captured(1).trimmed(), QStringLiteral("JKS"), serverType);
        const Result<QList<crypto::Certificate>> chain = crypto::Certificate::chainFromPem(section);
        if (chain) {
            setChain(file, leafFirst(*chain));
        } else {
            file.error = QStringLiteral("the keystore entry holds no readable certificate (a secret key entry?)");
        }
        files.append(file);
    }
    if (files.isEmpty()) {
        failed.error = QStringLiteral("the keystore holds no entries");
        return {failed};
    }
    return files;
}

QList<DiscoveredCertificateFile> CertificateFileReader::readAll(const DetectedServer& server) const
{
    QStringList paths;
    const auto add = [&paths](const QString& path) {
        if (!path.isEmpty() && !paths.contains(path)) {
            paths.append(path);
        }
    };
    for (const ConfiguredEndpoint& endpoint : server.config.endpoints) {
        for (const ConfiguredCertificate& certificate : endpoint.certificates()) { // RSA and ECDSA side by side
            add(certificate.certificatePath);
            add(certificate.chainPath);
            add(certificate.keystorePath);
        }
        add(endpoint.chainPath);
    }
    QList<DiscoveredCertificateFile> files;
    for (const QString& path : paths) {
        files += read(path, server.serverType);
    }
    return files;
}

} // namespace certdeck::discovery
