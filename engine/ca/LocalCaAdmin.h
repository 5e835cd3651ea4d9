#pragma once

#include "engine/core/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

namespace certdeck::ca {

struct LocalCaSpec
{
    QString name;       // connector name, unique
    QString commonName; // root subject CN
    QString organization;
    QString keyAlgorithm = QStringLiteral("EC"); // "RSA" or "EC"
    int keySize = 384;
    int rootValidityDays = 3650;
    bool withIntermediate = true; // issue leaves from an intermediate signed by the root
    int intermediateValidityDays = 1825;
};

struct LocalCaInfo
{
    QString name;
    QString subject;
    QString fingerprintSha256;
    QDateTime notAfter;
    bool hasIntermediate = false;
};

// Administration of the built-in CA, implemented by connectors/localca and injected by the app,
// so the console can create and export CAs without depending on the connector.
class LocalCaAdmin
{
public:
    virtual ~LocalCaAdmin() = default;

    // Creates the root (and intermediate), stores the keys encrypted, the passphrase in the keychain,
    // and registers the new connector. Nothing is stored when any step fails.
    virtual void create(const LocalCaSpec& spec, QObject* context, std::function<void(Result<LocalCaInfo>)> done) = 0;
    virtual Result<QList<LocalCaInfo>> list() const = 0;
    // PEM of the CA certificate(s) to distribute as trust anchor (root, then intermediate).
    virtual Result<QByteArray> exportCertificates(const QString& name) const = 0;
    // Writes the current CRL (PEM) to path.
    virtual void publishCrl(const QString& name, const QString& path, QObject* context,
                            std::function<void(Status)> done) = 0;
};

} // namespace certdeck::ca
