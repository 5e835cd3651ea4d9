#pragma once

// One inventory driven through `certdeckctl` (CERTDECKCTL_BINARY), with the test reading and adjusting the same
// SQLite file in-process: schedules (there is no command for them yet), jobs, scheduler state.
#include "engine/domain/CertificateRecord.h"
#include "engine/domain/Job.h"
#include "engine/domain/ProvisioningConfig.h"
#include "engine/store/Database.h"
#include "tests/integration/lifecycle/LifecycleFixture.h"

#include <QDateTime>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace certdeck::test {

struct CtlRun
{
    int exitCode = -1;
    QString out;
    QString err;
    QString all() const { return out + err; }
};

// A TLS site on a real nginx, managed by CertDeck (issued by the built-in CA and deployed).
struct ManagedSite
{
    InitialSite site;
    std::unique_ptr<WebServerFixture> nginx;
    qint64 id = 0;
};

class SchedulerCtlFixture
{
public:
    // `dir` holds the inventory (inventory.db) and the sites; `tag` makes CA names unique.
    SchedulerCtlFixture(QString dir, QString tag);

    QString databaseUrl() const { return m_url; }
    // init + a built-in CA; false with *error on failure.
    bool prepare(QString* error);
    CtlRun ctl(const QStringList& arguments, int timeoutMs = 180000) const;
    QProcess* startCtl(const QStringList& arguments) const; // caller owns; for concurrent runs
    // `cert add` for nginx fields of `site` (nginx may be null: placeholder paths), returns the id or 0.
    qint64 addCertificate(const QString& commonName, const InitialSite& site, const WebServerFixture* nginx,
                          QString* error) const;
    // A site on its own nginx, its certificate issued and deployed by certdeckctl.
    bool deployedSite(const QString& name, ManagedSite* out, QString* error) const;

    std::shared_ptr<store::Database> database() const { return m_db; }
    bool editSchedule(qint64 id, const std::function<void(ProvisioningSchedule&)>& edit, QString* error) const;
    CertificateRecord record(qint64 id) const;
    QList<Job> jobs(qint64 id) const;
    int countJobs(qint64 id, JobAction action) const;
    int countRows(const QString& table) const;

    static QString iso(const QDateTime& at) { return at.toUTC().toString(Qt::ISODate); }
    static QString served(int port, const QString& serverName); // leaf fingerprint, or the error text

private:
    QString m_dir;
    QString m_tag;
    QString m_url;
    QString m_caName;
    std::shared_ptr<store::Database> m_db;
};

} // namespace certdeck::test
