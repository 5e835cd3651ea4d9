#pragma once

#include "engine/core/Result.h"

#include <QByteArray>
#include <QString>

namespace certdeck::deployers {

// The backups this bot made, in its own state directory: <state>/backup-index/<id>.json (0600 in a 0700 directory
// owned by the bot). Each entry says on which host and in which directory the backup is, and the SHA-256 of its
// manifest. Rollback, removal and crash recovery restore only a backup listed here whose manifest still has that
// hash: a manifest planted in a directory that a request names, or edited where the backups are kept, is never
// followed (it could name any path, mode and owner).
class BackupIndex
{
public:
    struct Entry
    {
        QString id;
        QString host;  // empty: this host; else the agentless target (TargetHost::describe())
        QString store; // the directory that holds backups/<id>
        QString manifestSha256;
    };

    explicit BackupIndex(QString stateDirectory);

    QString directory() const;

    Status add(const Entry& entry) const;
    // kind "notFound" when this bot made no backup with that id.
    Result<Entry> find(const QString& id) const;
    // The entry of `id`, checked against where the backup is expected and what its manifest holds now.
    Status verify(const QString& id, const QString& host, const QString& store, const QByteArray& manifest) const;
    Status remove(const QString& id) const;

    static QString sha256(const QByteArray& data);

private:
    QString m_stateDirectory;
};

} // namespace certdeck::deployers
