#pragma once

#include "engine/core/Result.h"
#include "engine/domain/Bot.h"
#include "engine/domain/CertificateRecord.h"
#include "engine/domain/CsrTemplate.h"
#include "engine/domain/ProvisioningConfig.h"

#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QThreadPool>

#include <functional>
#include <memory>
#include <optional>

namespace certdeck::store {
class Database;
}

namespace certdeck::jobs {

// Bulk Configure (spec "Bulk Configure"): the same settings applied to the provisioning configurations of many
// certificates. It runs no action. Each settings group is applied only when chosen; everything else of each
// certificate's own configuration (SANs, common name, server fields, key store...) is kept.
//
// Certificates without a configuration get ProvisioningConfig defaults made from their own record (identity,
// key, server type, mapped bot) with the chosen groups applied. They become Managed only when the bot and server
// type group is part of the change (Managed means "configured and a bot is mapped"); otherwise they keep their
// status (Discovered) and the stored configuration waits for the wizard or a later Bulk Configure.
struct BulkConfiguration
{
    bool csrProfile = false; // certificate type, CSR mode, key algorithm and size, signature algorithm, template
    bool certificateAuthority = false; // CA type and connector name
    bool dcv = false;                  // enabled, method, path
    bool renewal = false;              // enabled, trigger, days/date, frequency, time, time zone
    bool deployment = false;           // enabled, trigger, date, time, time zone, frequency
    bool rollback = false;             // rollback on failure
    bool deploymentTarget = false;     // provision bot and server type (server fields kept for the same type)
    ProvisioningConfig values;         // the values of the chosen groups; the rest is ignored

    bool any() const;
    // The chosen groups of `values` written over `current`.
    ProvisioningConfig applyTo(ProvisioningConfig current) const;
};

// What the chosen values are checked against besides themselves (empty lists: not checked).
struct BulkCheckContext
{
    QList<QPair<QString, QString>> connectors; // (CA type, connector name) the registry has
    QList<qint64> botIds;                      // bots in the inventory
    // The CSR templates in the inventory; empty optional: not known (the template name is then not checked).
    std::optional<QList<CsrTemplate>> csrTemplates;
};

// Every problem of the chosen values, each message naming its field and saying what to enter. Empty: fine.
// Reuses the engine's own rules: crypto::KeySpec for key algorithm and size, the CSR digest rules for the
// signature algorithm, the scheduler's time zone lookup.
QStringList bulkProblems(const BulkConfiguration& change, const BulkCheckContext& context = {});
Status validateBulk(const BulkConfiguration& change, const BulkCheckContext& context = {});

// The configuration a certificate without one starts from: its own identity, key, server type and bot.
ProvisioningConfig defaultConfigFor(const CertificateRecord& record);

// One selected certificate as the preview and the save see it.
struct BulkTarget
{
    CertificateRecord record;                 // without chain
    std::optional<ProvisioningConfig> config; // empty: not configured yet
};

// One setting in the preview: "Key size: 412 of 500 change (2048 -> 3072; 88 already 3072)".
struct BulkSettingChange
{
    QString setting;                 // "Key size"
    QString to;                      // "3072"
    int total = 0;                   // selected certificates
    int changing = 0;                // certificates whose value changes
    QList<QPair<QString, int>> from; // old value -> how many of the changing ones had it, most common first
    int already = 0;                 // certificates that already have `to`
    QString text() const;
};

struct BulkPreview
{
    int total = 0;
    int unconfigured = 0;        // get a default configuration
    int becomeManaged = 0;       // Discovered certificates that become Managed
    int changedCertificates = 0; // certificates whose stored configuration changes at all
    QList<BulkSettingChange> settings;
    QStringList lines() const; // summary line, then one line per setting
};

// Pure: what saving `change` would do to `targets`.
BulkPreview previewBulk(const BulkConfiguration& change, const QList<BulkTarget>& targets);

// What a save did.
struct BulkOutcome
{
    int saved = 0;
    int changed = 0;
    int becameManaged = 0;
    QString summary() const;
};

// Reads the selected certificates and their configurations (the preview's input). A missing certificate fails
// with its id.
Result<QList<BulkTarget>> loadBulkTargets(const store::Database& db, const QList<qint64>& certificateIds);

// Validates, then in ONE transaction reads each selected certificate's current configuration, applies the change,
// stores them all and records one "cert.bulk-configure" audit event per certificate. Nothing is stored on any
// error (an invalid value, a certificate removed meanwhile, a database constraint).
Result<BulkOutcome> saveBulkConfiguration(const store::Database& db, const QList<qint64>& certificateIds,
                                          const BulkConfiguration& change, const QString& actor,
                                          const BulkCheckContext& context = {});

// The two database steps off the caller's thread: work runs on a one-thread pool of its own, callbacks arrive on
// the thread of `context` and are dropped when it is gone.
class BulkConfigurator : public QObject
{
    Q_OBJECT
public:
    BulkConfigurator(std::shared_ptr<store::Database> database, QString actor, QObject* parent = nullptr);
    ~BulkConfigurator() override;

    void loadTargets(const QList<qint64>& certificateIds, QObject* context,
                     std::function<void(Result<QList<BulkTarget>>)> done);
    // The bots a "provision bot" change can map.
    void loadBots(QObject* context, std::function<void(Result<QList<Bot>>)> done);
    void save(const QList<qint64>& certificateIds, const BulkConfiguration& change, const BulkCheckContext& checks,
              QObject* context, std::function<void(Result<BulkOutcome>)> done);

private:
    std::shared_ptr<store::Database> m_database;
    QString m_actor;
    QThreadPool m_pool;
};

} // namespace certdeck::jobs
