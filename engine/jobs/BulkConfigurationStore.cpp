// Bulk Configure against the inventory: reading the selection and saving it in one transaction.
#include "engine/audit/AuditTrail.h"
#include "engine/core/Async.h"
#include "engine/core/Log.h"
#include "engine/jobs/BulkConfiguration.h"
#include "engine/store/BotRepository.h"
#include "engine/store/CertificateRepository.h"
#include "engine/store/Database.h"
#include "engine/store/ProvisioningConfigRepository.h"

#include <QJsonArray>

namespace certdeck::jobs {
namespace {

Result<CertificateRecord> selectedRecord(const store::CertificateRepository& certificates, qint64 id)
{
    auto record = certificates.find(id);
    if (!record.ok()) {
        return record.error();
    }
    if (!record->has_value()) {
        return fail(QObject::tr("Certificate #%1 is not in the inventory any more (it may have been removed). "
                                "Nothing was saved; refresh the dashboard and select again.")
                        .arg(id),
                    QStringLiteral("notFound"));
    }
    CertificateRecord out = std::move(record->value());
    out.chainPem.clear();
    return out;
}

QJsonArray chosenGroups(const BulkConfiguration& change)
{
    QJsonArray groups;
    const std::initializer_list<std::pair<bool, const char*>> all = {
        {change.csrProfile, "csrProfile"},
        {change.certificateAuthority, "certificateAuthority"},
        {change.dcv, "dcv"},
        {change.renewal, "renewal"},
        {change.deployment, "deployment"},
        {change.rollback, "rollback"},
        {change.deploymentTarget, "deploymentTarget"}};
    for (const auto& [chosen, name] : all) {
        if (chosen) {
            groups.append(QString::fromLatin1(name));
        }
    }
    return groups;
}

} // namespace

QString BulkOutcome::summary() const
{
    QString text =
        QObject::tr("Bulk Configure saved the configuration of %1 certificates (%2 changed).").arg(saved).arg(changed);
    if (becameManaged > 0) {
        text += QObject::tr(" %1 became Managed.").arg(becameManaged);
    }
    return text;
}

Result<QList<BulkTarget>> loadBulkTargets(const store::Database& db, const QList<qint64>& certificateIds)
{
    const store::CertificateRepository certificates(db);
    const store::ProvisioningConfigRepository configs(db);
    QList<BulkTarget> targets;
    targets.reserve(certificateIds.size());
    for (const qint64 id : certificateIds) {
        auto record = selectedRecord(certificates, id);
        if (!record.ok()) {
            return record.error();
        }
        auto config = configs.find(id);
        if (!config.ok()) {
            return config.error();
        }
        targets.append(BulkTarget{std::move(record.value()), std::move(config.value())});
    }
    return targets;
}

Result<BulkOutcome> saveBulkConfiguration(const store::Database& db, const QList<qint64>& certificateIds,
                                          const BulkConfiguration& change, const QString& actor,
                                          const BulkCheckContext& context)
{
    if (Status valid = validateBulk(change, context); !valid.ok()) {
        return valid.error();
    }
    if (certificateIds.isEmpty()) {
        return fail(QObject::tr("Bulk Configure: select at least one certificate."), QStringLiteral("invalidInput"));
    }
    BulkOutcome outcome;
    const Status saved = db.transaction([&]() -> Status {
        outcome = {};
        // Read inside the transaction: what is applied to is what is stored now, not what the preview saw.
        auto targets = loadBulkTargets(db, certificateIds);
        if (!targets.ok()) {
            return targets.error();
        }
        QList<QPair<qint64, ProvisioningConfig>> configs;
        configs.reserve(targets->size());
        for (const BulkTarget& target : targets.value()) {
            const ProvisioningConfig current = target.config ? *target.config : defaultConfigFor(target.record);
            ProvisioningConfig after = change.applyTo(current);
            if (!target.config || after.toJson() != current.toJson()) {
                ++outcome.changed;
            }
            if (change.deploymentTarget && target.record.status == CertificateStatus::Discovered) {
                ++outcome.becameManaged;
            }
            configs.append({target.record.id, std::move(after)});
        }
        const auto discovered = change.deploymentTarget
                                    ? store::ProvisioningConfigRepository::DiscoveredStatus::BecomeManaged
                                    : store::ProvisioningConfigRepository::DiscoveredStatus::Keep;
        if (Status stored = store::ProvisioningConfigRepository(db).saveEach(configs, discovered); !stored.ok()) {
            return stored;
        }
        const audit::AuditTrail audit(db, actor);
        const QJsonObject details{{QStringLiteral("groups"), chosenGroups(change)},
                                  {QStringLiteral("certificates"), static_cast<int>(configs.size())}};
        for (const auto& [id, config] : configs) {
            if (Status recorded =
                    audit.record(QStringLiteral("cert.bulk-configure"), id, QStringLiteral("ok"), details);
                !recorded.ok()) {
                return recorded;
            }
        }
        outcome.saved = static_cast<int>(configs.size());
        return {};
    });
    if (!saved.ok()) {
        log::get("engine.jobs")
            ->warn("Bulk Configure of {} certificates by {} stored nothing: {}", certificateIds.size(),
                   actor.toStdString(), saved.message().toStdString());
        return saved.error();
    }
    return outcome;
}

BulkConfigurator::BulkConfigurator(std::shared_ptr<store::Database> database, QString actor, QObject* parent)
    : QObject(parent)
    , m_database(std::move(database))
    , m_actor(std::move(actor))
{
    m_pool.setMaxThreadCount(1);
}

BulkConfigurator::~BulkConfigurator()
{
    m_pool.waitForDone();
}

void BulkConfigurator::loadTargets(const QList<qint64>& certificateIds, QObject* context,
                                   std::function<void(Result<QList<BulkTarget>>)> done)
{
    runInPool<Result<QList<BulkTarget>>>(
        &m_pool, context, [db = m_database, certificateIds] { return loadBulkTargets(*db, certificateIds); },
        std::move(done));
}

void BulkConfigurator::loadBots(QObject* context, std::function<void(Result<QList<Bot>>)> done)
{
    runInPool<Result<QList<Bot>>>(
        &m_pool, context, [db = m_database] { return store::BotRepository(*db).all(); }, std::move(done));
}

void BulkConfigurator::save(const QList<qint64>& certificateIds, const BulkConfiguration& change,
                            const BulkCheckContext& checks, QObject* context,
                            std::function<void(Result<BulkOutcome>)> done)
{
    runInPool<Result<BulkOutcome>>(
        &m_pool, context,
        [db = m_database, actor = m_actor, certificateIds, change, checks] {
            return saveBulkConfiguration(*db, certificateIds, change, actor, checks);
        },
        std::move(done));
}

} // namespace certdeck::jobs
