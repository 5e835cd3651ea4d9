#include "connectors/acme/AcmeAdministration.h"

#include "connectors/acme/AcmeConnector.h"
#include "connectors/acme/AcmePresets.h"
#include "connectors/acme/AcmeSession.h"
#include "engine/core/Async.h"
#include "engine/core/Log.h"
#include "engine/store/CaConnectorRepository.h"
#include "engine/store/Database.h"

#include <QPointer>
#include <QUrl>

#include <openssl/crypto.h>

namespace certdeck::acme {
namespace {

const QString kAcme = QStringLiteral("acme");

void wipe(QByteArray& secret)
{
    if (!secret.isEmpty()) {
        OPENSSL_cleanse(secret.data(), static_cast<size_t>(secret.size()));
        secret.clear();
    }
}

QJsonObject settingsOf(const ca::AcmeConnectorSpec& spec, const QString& directoryUrl, const QString& accountUrl)
{
    return QJsonObject{
        {QStringLiteral("presetId"), spec.presetId},
        {QStringLiteral("directoryUrl"), directoryUrl},
        {QStringLiteral("accountUrl"), accountUrl},
        {QStringLiteral("contactEmail"), spec.contactEmail.trimmed()},
        {QStringLiteral("termsAgreed"), spec.termsAgreed},
        {QStringLiteral("eabKeyId"), spec.eabKeyId.trimmed()},
        {QStringLiteral("preferredChain"), spec.preferredChain.trimmed()},
        {QStringLiteral("trustBundlePath"), spec.trustBundlePath},
        {QStringLiteral("httpValidationPort"), spec.httpValidationPort},
    };
}

ca::AcmeConnectorInfo infoOf(const store::CaConnectorRow& row)
{
    const QJsonObject& s = row.settings;
    ca::AcmeConnectorInfo info;
    info.name = row.name;
    info.presetId = s.value(QStringLiteral("presetId")).toString();
    info.directoryUrl = s.value(QStringLiteral("directoryUrl")).toString();
    info.accountUrl = s.value(QStringLiteral("accountUrl")).toString();
    info.contactEmail = s.value(QStringLiteral("contactEmail")).toString();
    info.eabBound = !s.value(QStringLiteral("eabKeyId")).toString().isEmpty();
    info.preferredChain = s.value(QStringLiteral("preferredChain")).toString();
    info.httpValidationPort = s.value(QStringLiteral("httpValidationPort")).toInt(80);
    info.createdAt = row.createdAt;
    return info;
}

// A loader that hands out a copy of a secret held in memory (account creation, before the keychain has it).
SecretLoader fixedSecret(std::shared_ptr<QByteArray> secret)
{
    return [secret](QObject*, std::function<void(Result<QByteArray>)> done) { done(*secret); };
}

SecretLoader keychainSecret(const secrets::SecretStore& store, const QString& key)
{
    return [store, key](QObject* context, std::function<void(Result<QByteArray>)> done) {
        store.read(key, context, std::move(done));
    };
}

} // namespace

struct AcmeAdministration::Creation
{
    ca::AcmeConnectorSpec spec;
    QString directoryUrl;
    QString accountUrl;
    std::shared_ptr<QByteArray> keyPem = std::make_shared<QByteArray>();
    std::shared_ptr<QByteArray> eabKey = std::make_shared<QByteArray>();
    QPointer<QObject> context;
    std::function<void(Result<ca::AcmeConnectorInfo>)> done;
    // Owns the temporary session and client; a child of the administration's home, so it goes with it.
    QPointer<QObject> scope;
    bool keyStored = false;
    bool eabStored = false;

    ~Creation()
    {
        wipe(*keyPem);
        wipe(*eabKey);
    }
};

AcmeAdministration::AcmeAdministration(std::shared_ptr<store::Database> db, ca::CaRegistry& registry,
                                       secrets::SecretStore secrets)
    : m_db(std::move(db))
    , m_registry(registry)
    , m_secrets(std::move(secrets))
    , m_home(std::make_unique<QObject>())
{
}

AcmeAdministration::~AcmeAdministration() = default;

QString AcmeAdministration::accountKeyName(const QString& connector)
{
    return QStringLiteral("acme/%1/account-key").arg(connector);
}

QString AcmeAdministration::eabKeyName(const QString& connector)
{
    return QStringLiteral("acme/%1/eab-hmac").arg(connector);
}

QList<ca::AcmePreset> AcmeAdministration::presets() const
{
    return AcmePresets::all();
}

std::shared_ptr<AcmeConnector> AcmeAdministration::makeConnector(const store::CaConnectorRow& row)
{
    const QJsonObject& s = row.settings;
    AcmeConnectorConfig config;
    config.name = row.name;
    config.directoryUrl = s.value(QStringLiteral("directoryUrl")).toString();
    config.trustBundlePath = s.value(QStringLiteral("trustBundlePath")).toString();
    config.accountUrl = s.value(QStringLiteral("accountUrl")).toString();
    config.account.contactEmail = s.value(QStringLiteral("contactEmail")).toString();
    config.account.termsAgreed = s.value(QStringLiteral("termsAgreed")).toBool();
    config.account.eabKeyId = s.value(QStringLiteral("eabKeyId")).toString();
    config.order = m_orderOptions;
    config.order.preferredChain = s.value(QStringLiteral("preferredChain")).toString();
    config.httpValidationPort = s.value(QStringLiteral("httpValidationPort")).toInt(80);
    SecretLoader eab;
    if (!config.account.eabKeyId.isEmpty()) {
        eab = keychainSecret(m_secrets, eabKeyName(row.name));
    }
    auto connector =
        std::make_shared<AcmeConnector>(config, keychainSecret(m_secrets, accountKeyName(row.name)), std::move(eab));
    // Keep the stored account URL current when the CA forgot the account and it was registered again.
    std::weak_ptr<store::Database> db = m_db;
    connector->setAccountUrlObserver([db, name = row.name](const QString& url) {
        auto database = db.lock();
        if (!database) {
            return;
        }
        store::CaConnectorRepository repository(*database);
        auto row = repository.find(kAcme, name);
        if (!row || !*row) {
            return;
        }
        QJsonObject settings = (*row)->settings;
        settings.insert(QStringLiteral("accountUrl"), url);
        if (Status saved = repository.updateSettings(kAcme, name, settings); !saved) {
            log::get("connectors.acme")
                ->warn("Could not store the new account URL of {}: {}", name.toStdString(),
                       saved.message().toStdString());
        }
    });
    return connector;
}

void AcmeAdministration::registerConnector(const store::CaConnectorRow& row)
{
    if (!m_registry.find(kAcme, row.name)) {
        m_registry.add(makeConnector(row));
    }
}

Status AcmeAdministration::registerExisting()
{
    auto rows = store::CaConnectorRepository(*m_db).all(kAcme);
    if (!rows) {
        return fail(QStringLiteral("Could not load the ACME connectors: %1").arg(rows.message()));
    }
    for (const store::CaConnectorRow& row : std::as_const(*rows)) {
        registerConnector(row);
    }
    return {};
}

void AcmeAdministration::create(const ca::AcmeConnectorSpec& spec, QObject* context,
                                std::function<void(Result<ca::AcmeConnectorInfo>)> done)
{
    auto creation = std::make_shared<Creation>();
    creation->spec = spec;
    creation->spec.name = spec.name.trimmed();
    creation->context = context;
    creation->done = std::move(done);
    const ca::AcmeConnectorSpec& s = creation->spec;
    const auto preset = AcmePresets::find(s.presetId.isEmpty() ? QStringLiteral("custom") : s.presetId);
    creation->directoryUrl =
        preset && !preset->directoryUrl.isEmpty() ? preset->directoryUrl : s.directoryUrl.trimmed();

    auto refuse = [&](const QString& message, const QString& kind) { finishCreation(creation, fail(message, kind)); };
    if (s.name.isEmpty()) {
        return refuse(QStringLiteral("Enter a name for the ACME connector."), QStringLiteral("invalid"));
    }
    if (!preset) {
        return refuse(QStringLiteral("Unknown ACME CA preset \"%1\".").arg(s.presetId), QStringLiteral("invalid"));
    }
    const QUrl url(creation->directoryUrl);
    if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty()) {
        return refuse(QStringLiteral("The ACME directory URL \"%1\" is not an https:// URL. Enter the URL your CA "
                                     "documents (it usually ends in /directory).")
                          .arg(creation->directoryUrl),
                      QStringLiteral("invalid"));
    }
    if (preset->eabRequired && (s.eabKeyId.trimmed().isEmpty() || s.eabHmacKey.trimmed().isEmpty())) {
        return refuse(QStringLiteral("%1 requires External Account Binding (EAB): enter the EAB key ID and HMAC key. "
                                     "%2")
                          .arg(preset->displayName, preset->eabHelp),
                      QStringLiteral("externalAccountRequired"));
    }
    if (s.eabKeyId.trimmed().isEmpty() != s.eabHmacKey.trimmed().isEmpty()) {
        return refuse(QStringLiteral("External Account Binding (EAB) needs both the key ID and the HMAC key."),
                      QStringLiteral("invalid"));
    }
    auto existing = store::CaConnectorRepository(*m_db).find(kAcme, s.name);
    if (!existing) {
        return refuse(existing.message(), existing.error().kind);
    }
    if (*existing) {
        return refuse(QStringLiteral("An ACME connector named \"%1\" already exists. Choose another name.").arg(s.name),
                      QStringLiteral("duplicate"));
    }
    auto key = crypto::PrivateKey::generate({crypto::KeyAlgorithm::Ec, 256});
    if (!key) {
        return refuse(QStringLiteral("Could not generate the ACME account key: %1").arg(key.message()), {});
    }
    *creation->keyPem = key->toPem();
    *creation->eabKey = s.eabHmacKey.trimmed();
    creation->spec.eabHmacKey.fill('\0');
    creation->spec.eabHmacKey.clear();

    creation->scope = new QObject(m_home.get());
    auto* session = new AcmeSession(creation->directoryUrl, s.trustBundlePath, creation->scope);
    AcmeAccountSettings account;
    account.contactEmail = s.contactEmail.trimmed();
    account.termsAgreed = s.termsAgreed;
    account.eabKeyId = s.eabKeyId.trimmed();
    auto* client = new AcmeClient(session, account, fixedSecret(creation->keyPem),
                                  account.eabKeyId.isEmpty() ? SecretLoader() : fixedSecret(creation->eabKey), {},
                                  creation->scope);
    client->registerAccount([this, creation](Result<QString> accountUrl) {
        if (!accountUrl) {
            finishCreation(creation, accountUrl.error());
            return;
        }
        creation->accountUrl = *accountUrl;
        storeCreated(creation);
    });
}

void AcmeAdministration::storeCreated(std::shared_ptr<Creation> creation)
{
    const QString name = creation->spec.name;
    m_secrets.write(accountKeyName(name), *creation->keyPem, m_home.get(), [this, creation, name](Status written) {
        if (!written) {
            finishCreation(
                creation,
                fail(QStringLiteral("Could not keep the ACME account key in the keychain: %1").arg(written.message()),
                     written.error().kind));
            return;
        }
        creation->keyStored = true;
        auto storeRow = [this, creation, name]() {
            store::CaConnectorRow row;
            row.caType = kAcme;
            row.name = name;
            row.settings = settingsOf(creation->spec, creation->directoryUrl, creation->accountUrl);
            auto inserted = store::CaConnectorRepository(*m_db).insert(row);
            if (!inserted) {
                finishCreation(creation, inserted.error());
                return;
            }
            registerConnector(row);
            log::get("connectors.acme")
                ->info("Created ACME connector {} ({})", name.toStdString(), creation->directoryUrl.toStdString());
            finishCreation(creation, infoOf(row));
        };
        if (creation->eabKey->isEmpty()) {
            storeRow();
            return;
        }
        m_secrets.write(eabKeyName(name), *creation->eabKey, m_home.get(),
                        [this, creation, storeRow](Status eabWritten) {
                            if (!eabWritten) {
                                finishCreation(creation, fail(QStringLiteral("Could not keep the EAB HMAC key in the "
                                                                             "keychain: %1")
                                                                  .arg(eabWritten.message()),
                                                              eabWritten.error().kind));
                                return;
                            }
                            creation->eabStored = true;
                            storeRow();
                        });
    });
}

void AcmeAdministration::finishCreation(std::shared_ptr<Creation> creation, Result<ca::AcmeConnectorInfo> result)
{
    if (!result) {
        // Nothing is kept when a step fails: remove what was already written to the keychain.
        const QString name = creation->spec.name;
        if (creation->keyStored) {
            m_secrets.remove(accountKeyName(name), m_home.get(), [](Status) {});
        }
        if (creation->eabStored) {
            m_secrets.remove(eabKeyName(name), m_home.get(), [](Status) {});
        }
        log::get("connectors.acme")
            ->warn("Could not create ACME connector {}: {}", name.toStdString(), result.message().toStdString());
    }
    if (creation->done && creation->context) {
        auto done = std::exchange(creation->done, {});
        certdeck::deliverTo(creation->context.data(), [done = std::move(done), result = std::move(result)]() mutable {
            done(std::move(result));
        });
    }
    // The temporary session may be inside one of its own callbacks: delete it later.
    if (creation->scope) {
        creation->scope->deleteLater();
    }
}

void AcmeAdministration::list(QObject* context, std::function<void(Result<QList<ca::AcmeConnectorInfo>>)> done) const
{
    // The inventory is read on a worker thread (the database has a connection per thread), never the caller's.
    const auto database = m_db;
    runInBackground<Result<QList<ca::AcmeConnectorInfo>>>(
        context,
        [database]() -> Result<QList<ca::AcmeConnectorInfo>> {
            auto rows = store::CaConnectorRepository(*database).all(kAcme);
            if (!rows) {
                return fail(QStringLiteral("Could not list the ACME connectors: %1").arg(rows.message()),
                            rows.error().kind);
            }
            QList<ca::AcmeConnectorInfo> infos;
            for (const store::CaConnectorRow& row : std::as_const(*rows)) {
                infos.append(infoOf(row));
            }
            return infos;
        },
        std::move(done));
}

void AcmeAdministration::remove(const QString& name, QObject* context, std::function<void(Status)> done)
{
    const auto database = m_db;
    QPointer<QObject> guard(context);
    runInBackground<Status>(
        m_home.get(), [database, name] { return store::CaConnectorRepository(*database).remove(kAcme, name); },
        [this, name, guard, done = std::move(done)](Status removed) {
            if (!removed) {
                if (guard) {
                    done(removed);
                }
                return;
            }
            m_registry.remove(kAcme, name);
            m_secrets.remove(eabKeyName(name), m_home.get(), [this, name, guard, done](Status) {
                m_secrets.remove(accountKeyName(name), m_home.get(), [name, guard, done](Status keyRemoved) {
                    if (!keyRemoved) {
                        log::get("connectors.acme")
                            ->warn("Could not remove the account key of {} from the keychain: {}", name.toStdString(),
                                   keyRemoved.message().toStdString());
                    }
                    if (guard && done) {
                        done({});
                    }
                });
            });
        });
}

} // namespace certdeck::acme
