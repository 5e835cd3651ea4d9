#include "connectors/acme/AcmePresets.h"

namespace certdeck::acme {

QList<ca::AcmePreset> AcmePresets::all()
{
    return {
        {QStringLiteral("letsencrypt"), QStringLiteral("Let's Encrypt"),
         QStringLiteral("https://acme-v02.api.letsencrypt.org/directory"), false, QString()},
        {QStringLiteral("letsencrypt-staging"), QStringLiteral("Let's Encrypt (staging, untrusted test certificates)"),
         QStringLiteral("https://acme-staging-v02.api.letsencrypt.org/directory"), false, QString()},
        {QStringLiteral("zerossl"), QStringLiteral("ZeroSSL"), QStringLiteral("https://acme.zerossl.com/v2/DV90"), true,
         QStringLiteral("In the ZeroSSL dashboard, open Developer and generate EAB credentials (EAB KID and EAB HMAC "
                        "key).")},
        {QStringLiteral("google"), QStringLiteral("Google Trust Services"),
         QStringLiteral("https://dv.acme-v02.api.pki.goog/directory"), true,
         QStringLiteral("Run `gcloud publicca external-account-keys create` in your Google Cloud project: it prints "
                        "the key ID (keyId) and the HMAC key (b64MacKey).")},
        {QStringLiteral("buypass"), QStringLiteral("Buypass Go SSL"),
         QStringLiteral("https://api.buypass.com/acme/directory"), false, QString()},
        {QStringLiteral("sslcom"), QStringLiteral("SSL.com"), QStringLiteral("https://acme.ssl.com/sslcom-dv-rsa"),
         true,
         QStringLiteral("In your SSL.com account, open Developer and API and copy the ACME key ID and HMAC key.")},
        {QStringLiteral("custom"), QStringLiteral("Custom ACME directory URL"), QString(), false,
         QStringLiteral("Enter EAB credentials only if your CA requires External Account Binding.")},
    };
}

std::optional<ca::AcmePreset> AcmePresets::find(const QString& id)
{
    for (const ca::AcmePreset& preset : all()) {
        if (preset.id == id) {
            return preset;
        }
    }
    return std::nullopt;
}

} // namespace certdeck::acme
