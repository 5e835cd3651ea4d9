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

// A public (or private) ACME CA the operator can pick when adding a connector.
struct AcmePreset
{
    QString id;           // "letsencrypt", "letsencrypt-staging", "zerossl", "google", "buypass", "sslcom", "custom"
    QString displayName;  // "Let's Encrypt", ...
    QString directoryUrl; // empty for "custom"
    bool eabRequired = false;
    QString eabHelp; // where the operator gets the EAB key id and HMAC key
};

// What the operator enters to create an ACME connector (a named instance of a CA: "CA Connector Name").
struct AcmeConnectorSpec
{
    QString name;
    QString presetId = QStringLiteral("custom");
    QString directoryUrl; // from the preset unless custom
    QString contactEmail; // optional; becomes "mailto:<email>"
    bool termsAgreed = false;
    QString eabKeyId;        // External Account Binding, when the CA requires it
    QByteArray eabHmacKey;   // base64url as the CA shows it; goes to the keychain only
    QString preferredChain;  // issuer CN of the preferred alternate chain; empty: the CA's default
    QString trustBundlePath; // extra PEM roots for the ACME server's HTTPS (private ACME servers); empty: system
    // The port where the CA's validator fetches http-01 files (80 for public CAs); the console's own
    // pre-flight fetch uses it too.
    int httpValidationPort = 80;
};

struct AcmeConnectorInfo
{
    QString name;
    QString presetId;
    QString directoryUrl;
    QString accountUrl;
    QString contactEmail;
    bool eabBound = false;
    QString preferredChain;
    int httpValidationPort = 80;
    QDateTime createdAt;
};

// Administration of ACME connectors, implemented by connectors/acme and injected by the app.
class AcmeAdmin
{
public:
    virtual ~AcmeAdmin() = default;

    virtual QList<AcmePreset> presets() const = 0;
    // Generates the account key (EC P-256), registers the account (terms, contact, EAB), keeps the key in the
    // keychain and the settings in the inventory, and registers the connector. Nothing is kept on failure.
    virtual void create(const AcmeConnectorSpec& spec, QObject* context,
                        std::function<void(Result<AcmeConnectorInfo>)> done) = 0;
    virtual void list(QObject* context, std::function<void(Result<QList<AcmeConnectorInfo>>)> done) const = 0;
    // Forgets the connector (settings and keychain entries); certificates it issued stay in the inventory.
    virtual void remove(const QString& name, QObject* context, std::function<void(Status)> done) = 0;
};

} // namespace certdeck::ca
