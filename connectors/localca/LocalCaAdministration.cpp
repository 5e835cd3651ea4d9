#include "connectors/localca/LocalCaAdministration.h"

#include "connectors/localca/LocalCaConnector.h"
#include "connectors/localca/LocalCaCreation.h"
#include "connectors/localca/LocalCaRevocation.h"
#include "engine/core/Async.h"
#include "engine/store/Database.h"

#include <QPointer>

namespace certdeck::localca {

LocalCaAdministration::LocalCaAdministration(std::shared_ptr<store::Database> db, ca::CaRegistry& registry,
                                             secrets::SecretStore secrets)
    : m_backend{std::move(db), std::move(secrets)}
    , m_registry(registry)
    , m_home(std::make_unique<QObject>())
{
}

LocalCaAdministration::~LocalCaAdministration() = default;

void LocalCaAdministration::registerConnector(const QString& caName)
{
    if (!m_registry.find(QStringLiteral("localca"), caName)) {
        m_registry.add(std::make_shared<LocalCaConnector>(m_backend, caName));
    }
}

Status LocalCaAdministration::registerExisting()
{
    auto cas = list();
    if (!cas) {
        return cas.error();
    }
    for (const ca::LocalCaInfo& info : *cas) {
        registerConnector(info.name);
    }
    return {};
}

void LocalCaAdministration::create(const ca::LocalCaSpec& spec, QObject* context,
                                   std::function<void(Result<ca::LocalCaInfo>)> done)
{
    QPointer<QObject> guard(context);
    certdeck::runInBackground<Result<ca::LocalCaInfo>>(
        m_home.get(), [backend = m_backend, spec]() { return createLocalCa(backend, spec); },
        std::function<void(Result<ca::LocalCaInfo>)>(
            [this, guard, done = std::move(done)](Result<ca::LocalCaInfo> result) {
                if (result) {
                    registerConnector(result->name);
                }
                if (guard && done) {
                    done(std::move(result));
                }
            }));
}

Result<QList<ca::LocalCaInfo>> LocalCaAdministration::list() const
{
    auto rows = store::LocalCaRepository(*m_backend.db).all();
    if (!rows) {
        return fail(QStringLiteral("Could not list the built-in CAs: %1").arg(rows.message()));
    }
    QList<ca::LocalCaInfo> cas;
    for (const store::LocalCaRow& row : *rows) {
        if (row.parentId != 0) {
            continue;
        }
        auto ca = loadLocalCa(*m_backend.db, row.name);
        if (!ca) {
            return ca.error();
        }
        cas.append(describe(*ca));
    }
    return cas;
}

Result<QByteArray> LocalCaAdministration::exportCertificates(const QString& name) const
{
    auto ca = loadLocalCa(*m_backend.db, name);
    if (!ca) {
        return ca.error();
    }
    QByteArray pem = ca->root.toPem();
    if (ca->intermediateRow) {
        pem += ca->intermediate.toPem();
    }
    return pem;
}

void LocalCaAdministration::publishCrl(const QString& name, const QString& path, QObject* context,
                                       std::function<void(Status)> done)
{
    certdeck::runInBackground<Status>(
        context,
        [backend = m_backend, name, path]() -> Status {
            auto crl = buildCurrentCrl(backend, name);
            if (!crl) {
                return crl.error();
            }
            return writeCrlFile(*crl, path);
        },
        std::move(done));
}

} // namespace certdeck::localca
