#pragma once

#include "engine/core/Result.h"

#include <QDateTime>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVariantMap>

#include <optional>

namespace certdeck::deployers {

// One deployment (or rollback) that has started to change a server's files and has not finished yet. Holds what
// a restarted bot needs to put the target back as it was and to prove it; never key material.
struct JournalRecord
{
    QString id;              // the backup made by this operation; also the record's file name
    QString kind;            // "deploy", "rollback" or "remove"
    QString restoreBackupId; // the backup that puts the target back (deploy: id; rollback: the one rolled back to)
    QString backupStore;     // the state directory that holds the backups (MaterialFiles), on the target host
    QString targetHost;      // empty: this host; else the agentless target (TargetHost::describe(), no secrets)
    QString serverType;      // serverTypeId(), e.g. "nginx"
    QVariantMap fields;      // the deployer's fields (paths, commands), secret fields left out
    QString verifyHost;
    int verifyPort = 443;
    QString verifyServerName;
    int verifyTimeoutMs = 15000;
    QString previousFingerprint; // served before; empty when unknown
    QString fingerprint;         // the certificate being deployed (or restored by a rollback)
    QStringList paths;           // the target files
    QDateTime startedAt;
};

// <stateDirectory>/journal/<id>.json: a record is written durably (temp file, fsync, rename, fsync of the
// directory; 0600 in a 0700 directory) before the first target file changes and removed when the operation
// finished. A bot that starts finds what was interrupted here.
class DeploymentJournal
{
public:
    explicit DeploymentJournal(QString stateDirectory);

    QString stateDirectory() const { return m_stateDirectory; }
    QString directory() const;

    Status begin(const JournalRecord& record);
    Status finish(const QString& id);

    // A file of the journal: a record to follow, or why it is refused (malformed, not ours). Newest first.
    struct Entry
    {
        QString file;
        std::optional<JournalRecord> record;
        QString problem;
    };
    QList<Entry> entries() const;

    // Backups that in-progress records need (their own and the ones they restore): never pruned.
    QSet<QString> referencedBackups() const;

private:
    Result<JournalRecord> parse(const QString& file, const QByteArray& json) const;

    QString m_stateDirectory;
};

} // namespace certdeck::deployers
