#pragma once

#include "engine/core/Result.h"

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QString>

namespace certdeck::deployers {

// One file of deployed material and what it holds.
struct MaterialFile
{
    enum class Role { Certificate, Key, Chain };

    QString path; // absolute
    Role role = Role::Certificate;
    QByteArray content; // for a key: secret, never logged
};

// The certificate, key and chain files of a server: backs them up byte-for-byte (content, mode, owner)
// under <stateDirectory>/backups/<id> (0700), writes new ones atomically (temp file in the same directory,
// fsync, rename, fsync of the directory; keys 0600, certificates 0644) and restores a backup.
class MaterialFiles
{
public:
    explicit MaterialFiles(QString stateDirectory);

    // Saves the current state of every target path (also "did not exist") and returns the backup id.
    // Refuses symbolic links and duplicate paths before anything is written.
    Result<QString> backup(const QList<MaterialFile>& targets);

    // Replaces the file atomically. An existing file keeps its owner.
    Status write(const MaterialFile& file);

    // Puts every file of the backup back as it was (bytes, mode, owner); removes files that did not exist.
    Status restore(const QString& backupId);

    // The targets recorded in a backup (content = the saved bytes; empty for a file that did not exist).
    Result<QList<MaterialFile>> backedUpFiles(const QString& backupId) const;

    QString backupDirectory(const QString& backupId) const;
    QString stateDirectory() const { return m_stateDirectory; }

    // Removes old backups: keeps the newest `keep` per set of target files, and never one in `keepAlways`
    // (backups that an in-progress deployment needs).
    void prune(int keep, const QSet<QString>& keepAlways);

    // CERTDECK_BOT_STATE_DIR, else /var/lib/certdeck-bot for root, else ~/.local/share/certdeck-bot.
    static QString defaultStateDirectory();

private:
    struct Entry;
    Result<QList<Entry>> readManifest(const QString& backupId) const;

    QString m_stateDirectory;
};

} // namespace certdeck::deployers
